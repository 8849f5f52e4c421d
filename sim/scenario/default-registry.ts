import { ESTATE_FAULTS } from "./estate-faults.ts";
import { createRegistry, type ProductRegistry } from "./product-registry.ts";
import { PRODUCTS } from "./products.ts";
import type { ProductModule } from "../product/index.ts";
import { BUILTIN_VERBS } from "./verbs/index.ts";

/** The registry of the registered products, built-in verbs and estate faults, plus any `extra` products (tests). */
export function defaultRegistry(extra: readonly ProductModule[] = []): ProductRegistry {
  return createRegistry({ products: [...PRODUCTS, ...extra], builtinVerbs: BUILTIN_VERBS, estateFaults: ESTATE_FAULTS });
}
