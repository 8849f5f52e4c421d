import { formatProblems, runScenario, type Scenario } from "../sim/scenario/index.ts";
import type { PropertyContext } from "./property-context.ts";

/**
 * A case that is a whole validated scenario (plain data, so it crosses to a
 * pool thread as is): run by the lab's own runner, it must end healthy with
 * its expectations met. What bench/random-plans.ts runs on the property
 * pool, and a predicate factory for any property whose cases are scenarios.
 */
export function healthyPlanCase(ctx: PropertyContext): (scenario: Scenario) => Promise<void> {
  return async (scenario) => {
    const result = await runScenario(scenario, { registry: ctx.registry });
    if (result.status !== "passed" || result.final !== "healthy") {
      throw new Error(`${scenario.name} (seed ${scenario.seed}) did not end healthy (${result.final ?? result.status}):\n  ${formatProblems(result).join("\n  ")}`);
    }
  };
}
