import type { ProductRegistry } from "./product-registry.ts";
import { remediedScenario } from "./remedied-scenario.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import type { RunItem } from "./run-matrix.ts";
import { runScenario } from "./run-scenario.ts";

export interface RunManyOptions {
  readonly registry: ProductRegistry;
  /** Also runs each scenario's remedied variant (default true): it must end healthy. */
  readonly remedies?: boolean;
  /** Called after each result, for progress. */
  readonly onResult?: (result: ScenarioResult, done: number, total: number) => void;
}

/** How many results `runItems` will produce for these items. */
export function countRuns(items: readonly RunItem[], remedies = true): number {
  return items.reduce((n, item) => n + (remedies && item.scenario.remedy ? 2 : 1), 0);
}

/** Runs the items one after another (each lab is independent; order never changes a result). */
export async function runItems(items: readonly RunItem[], options: RunManyOptions): Promise<ScenarioResult[]> {
  const remedies = options.remedies ?? true;
  const total = countRuns(items, remedies);
  const results: ScenarioResult[] = [];
  const push = (result: ScenarioResult) => {
    results.push(result);
    options.onResult?.(result, results.length, total);
  };
  for (const item of items) {
    push(await runScenario(item.scenario, { registry: options.registry, seed: item.seed }));
    const remedied = remedies ? remediedScenario(item.scenario) : undefined;
    if (remedied) push(await runScenario(remedied, { registry: options.registry, seed: item.seed, variant: "remedy" }));
  }
  return results;
}
