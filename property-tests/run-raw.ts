import { runScenario, validateScenario, type ProductRegistry, type ScenarioResult } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import type { RawScenario } from "./raw-scenario.ts";

/** Validates a generated scenario and runs it with the lab's own runner; a scenario the schema refuses is the generator's bug. */
export async function runRaw(raw: RawScenario, registry: ProductRegistry, label: string): Promise<ScenarioResult> {
  let scenario;
  try {
    scenario = validateScenario(raw, { registry });
  } catch (error) {
    throw new CaseFailure(`the generated scenario is invalid: ${error instanceof Error ? error.message : String(error)}`, raw, label);
  }
  return runScenario(scenario, { registry });
}
