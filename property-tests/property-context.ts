import { defaultRegistry, type ProductRegistry } from "../sim/scenario/index.ts";
import { PlanCache } from "./plan-cache.ts";

/** What every property runs with: the products' registry, and documented plans cached per estate. */
export interface PropertyContext {
  readonly registry: ProductRegistry;
  readonly plans: PlanCache;
}

/** A fresh context over the registered products (one per test file). */
export function propertyContext(registry: ProductRegistry = defaultRegistry()): PropertyContext {
  return { registry, plans: new PlanCache(registry) };
}
