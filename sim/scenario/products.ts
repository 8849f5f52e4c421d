import type { ProductModule } from "../product/index.ts";
import { aprProduct } from "../products/apr/index.ts";
import { specopsPasswordReset } from "../products/specops-reset/index.ts";
import { specopsSync } from "../products/specops-sync/index.ts";

/**
 * Every product the lab knows, in the one place products register. Add a
 * product by importing its module (`sim/products/<id>/index.ts`) and listing it.
 */
export const PRODUCTS: readonly ProductModule[] = [aprProduct, specopsPasswordReset, specopsSync];
