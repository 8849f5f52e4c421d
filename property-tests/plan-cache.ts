import type { ProductRegistry } from "../sim/scenario/index.ts";
import { documentedPlan, type DocumentedPlan } from "./documented-plan.ts";
import type { RawStep } from "./plan-steps.ts";
import type { RawScenario } from "./raw-scenario.ts";

/**
 * Documented plans by estate, for one property run: shrinking revisits the
 * same estates many times, and planning builds a lab. Owned by the caller
 * (one per test file), never module state.
 */
export class PlanCache {
  readonly #plans = new Map<string, Promise<DocumentedPlan>>();

  constructor(
    private readonly registry: ProductRegistry,
    private readonly capacity = 128,
  ) {}

  plan(raw: RawScenario, before: readonly RawStep[] = []): Promise<DocumentedPlan> {
    const key = JSON.stringify([raw["product"], raw["seed"], raw["lab"], raw["faults"] ?? [], before]);
    let plan = this.#plans.get(key);
    if (!plan) {
      if (this.#plans.size >= this.capacity) this.#plans.delete(this.#plans.keys().next().value!);
      plan = documentedPlan(raw, this.registry, before);
      this.#plans.set(key, plan);
    }
    return plan;
  }
}
