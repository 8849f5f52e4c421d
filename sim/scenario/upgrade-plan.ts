import { LabError } from "../kernel/index.ts";
import type { PlanBlocker } from "../product/index.ts";
import type { ProductRegistry } from "./product-registry.ts";
import { prepareLab } from "./run-scenario.ts";
import type { PlanStep, Scenario } from "./scenario.ts";
import { validateScenario } from "./scenario-loader.ts";

export interface PlannedUpgrade {
  readonly scenario: string;
  readonly product: string;
  readonly blockers: readonly PlanBlocker[];
  readonly steps: readonly PlanStep[];
  /** The scenario with the planned steps as its plan, expected to end healthy: run it to check the plan. */
  readonly asScenario: Scenario;
}

/**
 * `lab plan`: the product's documented upgrade for the estate the scenario
 * describes (its lab, installed versions and faults), as scenario steps.
 */
export async function planUpgrade(scenario: Scenario, registry: ProductRegistry, seed?: number): Promise<PlannedUpgrade> {
  const product = registry.product(scenario.product);
  if (!product?.planUpgrade) {
    throw new LabError({ code: "PLAN_UNSUPPORTED", message: `product ${scenario.product} has no upgrade planner` });
  }
  const lab = await prepareLab(scenario, registry, seed);
  const plan = await product.planUpgrade(lab);
  const steps = plan.steps.map((step) => toPlanStep(step as Record<string, unknown>));
  const raw = plannedScenarioRaw(scenario, steps);
  // Validating gives the steps their schema defaults and checks the planner's own output.
  const asScenario = validateScenario(raw, { registry, ...(scenario.file ? { file: `${scenario.file} (planned)` } : {}) });
  return { scenario: scenario.name, product: product.id, blockers: plan.blockers, steps, asScenario };
}

/** The planned upgrade as scenario data (what `lab plan --yaml` prints): same lab, the plan, healthy expected. */
export function plannedScenarioRaw(scenario: Scenario, steps: readonly PlanStep[]): Record<string, unknown> {
  return {
    name: `${scenario.name}-planned`,
    product: scenario.product,
    seed: scenario.seed,
    description: `The documented upgrade that \`lab plan\` derived for the estate of ${scenario.name}.`,
    lab: scenario.lab,
    ...(scenario.faults.length ? { faults: scenario.faults.map((f) => ({ name: f.name, params: { ...f.params } })) } : {}),
    plan: steps.map((s) => ({ [s.verb]: s.args, ...(s.note ? { note: s.note } : {}) })),
    expect: { final: "healthy" },
  };
}

/** Products give steps as `{ verb: args }` (the YAML form) or `{ verb, args, note }`. */
function toPlanStep(step: Record<string, unknown>): PlanStep {
  if (typeof step["verb"] === "string" && "args" in step) {
    return { verb: step["verb"], args: step["args"], ...(typeof step["note"] === "string" ? { note: step["note"] } : {}) };
  }
  const keys = Object.keys(step).filter((k) => k !== "note");
  if (keys.length !== 1) throw new LabError({ code: "PLAN_BAD_STEP", message: `a planned step must have one verb, got ${JSON.stringify(step)}` });
  const verb = keys[0]!;
  return { verb, args: step[verb], ...(typeof step["note"] === "string" ? { note: step["note"] } : {}) };
}
