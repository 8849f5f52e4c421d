import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ProductModule } from "../sim/product/index.ts";
import { LabError } from "../sim/kernel/index.ts";
import { defaultRegistry, displayPath as displayFrom, loadCatalog, type Catalog, type ProductRegistry } from "../sim/scenario/index.ts";
import type { CliIo } from "./cli-io.ts";

/** The package's own directories: the built-in catalog lives beside bin/. */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEFAULT_CATALOG = resolve(PACKAGE_ROOT, "scenarios");

/**
 * `LAB_EXTRA_PRODUCTS`: comma-separated module paths (relative to the
 * working directory), each exporting `PRODUCTS: ProductModule[]`, added to
 * the registered products. For tests (the test-only product); not a plugin
 * system: real products register in sim/scenario/products.ts.
 */
export const EXTRA_PRODUCTS_ENV = "LAB_EXTRA_PRODUCTS";

export async function loadRegistry(io: CliIo): Promise<ProductRegistry> {
  const extra: ProductModule[] = [];
  for (const spec of (io.env[EXTRA_PRODUCTS_ENV] ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const path = resolve(io.cwd, spec);
    if (!existsSync(path)) throw new LabError({ code: "BAD_ARGUMENT", message: `${EXTRA_PRODUCTS_ENV}: no module at ${spec}` });
    const mod = (await import(pathToFileURL(path).href)) as { PRODUCTS?: readonly ProductModule[] };
    if (!Array.isArray(mod.PRODUCTS)) throw new LabError({ code: "BAD_ARGUMENT", message: `${EXTRA_PRODUCTS_ENV}: ${spec} does not export PRODUCTS` });
    extra.push(...mod.PRODUCTS);
  }
  return defaultRegistry(extra);
}

export function catalogDir(io: CliIo, option: string | undefined): string {
  return option === undefined ? DEFAULT_CATALOG : resolve(io.cwd, option);
}

export function displayPath(io: CliIo, path: string): string {
  return displayFrom(io.cwd, path);
}

/** The catalog, refusing to go on while any of its files is invalid (every problem is listed). */
export function openCatalog(io: CliIo, registry: ProductRegistry, dir: string): Catalog {
  const catalog = loadCatalog(dir, registry, io.cwd);
  if (catalog.invalid.length > 0) {
    throw new LabError({
      code: "CATALOG_INVALID",
      message: `${catalog.invalid.length} scenario file${catalog.invalid.length === 1 ? " is" : "s are"} invalid:\n${catalog.invalid.map((e) => e.message).join("\n")}`,
    });
  }
  return catalog;
}
