import { defaultRegistry, type ProductRegistry } from "../sim/scenario/index.ts";
import { PlanCache } from "./plan-cache.ts";
import { sharedPool, type PropertyPool } from "./property-pool.ts";

/** What every property runs with: the products' registry, documented plans cached per estate, and the threads of a deep run. */
export interface PropertyContext {
  readonly registry: ProductRegistry;
  readonly plans: PlanCache;
  /** The property pool (the process's, started on first use, unless one is given); undefined on a one-core machine or with LAB_POOL=0/1. */
  readonly pool: () => PropertyPool | undefined;
}

/** A fresh context over the registered products (one per test file, one per pool thread). */
export function propertyContext(registry: ProductRegistry = defaultRegistry(), options: { readonly pool?: PropertyPool } = {}): PropertyContext {
  const { pool } = options;
  return { registry, plans: new PlanCache(registry), pool: pool ? () => pool : sharedPool };
}
