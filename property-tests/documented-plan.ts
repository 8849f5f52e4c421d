import type { PlanBlocker } from "../sim/product/index.ts";
import { planUpgrade, validateScenario, type ProductRegistry } from "../sim/scenario/index.ts";
import { runObserved } from "./observed-run.ts";
import { toRawStep, type RawStep } from "./plan-steps.ts";
import type { RawScenario } from "./raw-scenario.ts";

export interface DocumentedPlan {
  readonly blockers: readonly PlanBlocker[];
  /** `before` (if any), then the planned steps. */
  readonly steps: readonly RawStep[];
}

/**
 * What `lab plan` gives for the scenario's estate. With `before` steps (the
 * operator customised something first), the estate is built, those steps
 * run, and the product plans from there, as it would on the real estate.
 */
export async function documentedPlan(raw: RawScenario, registry: ProductRegistry, before: readonly RawStep[] = []): Promise<DocumentedPlan> {
  if (before.length === 0) {
    const planned = await planUpgrade(validateScenario({ ...raw, plan: [] }, { registry }), registry);
    return { blockers: planned.blockers, steps: planned.steps.map(toRawStep) };
  }
  const scenario = validateScenario({ ...raw, plan: [...before] }, { registry });
  const run = await runObserved(scenario, { registry, skipFinal: true });
  if (run.error) throw new Error(`the steps before planning failed at step ${run.error.step}: ${run.error.message}`);
  const plan = await run.product.planUpgrade!(run.lab);
  return { blockers: plan.blockers, steps: [...before, ...plan.steps.map((s) => asRaw(s as Record<string, unknown>))] };
}

/** Products give steps as `{ verb, args, note }` or `{ verb: args }`. */
function asRaw(step: Record<string, unknown>): RawStep {
  if (typeof step["verb"] === "string" && "args" in step) return { [step["verb"]]: step["args"] };
  const { note: _note, ...rest } = step;
  return rest;
}
