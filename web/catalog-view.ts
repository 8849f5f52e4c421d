import type { ProductRegistry, Scenario } from "../sim/scenario/index.ts";
import type { CatalogView } from "./client/api-types.ts";

/** The catalog by product, in the registry's order: each product's scenarios by name, and its rules (a finding's "why"). */
export function catalogView(scenarios: readonly Scenario[], registry: ProductRegistry, invalid: readonly string[] = []): CatalogView {
  return {
    products: registry.products.map((p) => ({
      id: p.id,
      title: p.title,
      seedFile: p.seedFile,
      scenarios: scenarios
        .filter((s) => s.product === p.id)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({
          name: s.name,
          product: s.product,
          ...(s.description !== undefined ? { description: s.description } : {}),
          seed: s.seed,
          ...(s.file !== undefined ? { file: s.file } : {}),
          faults: s.faults.map((f) => f.name),
          steps: s.plan.length,
          ...(s.remedy ? { remedy: s.remedy.description !== undefined ? { description: s.remedy.description } : {} } : {}),
        })),
      rules: p.rules.map((r) => ({ id: r.id, fact: r.fact, statement: r.statement, ...(r.inference !== undefined ? { inference: r.inference } : {}) })),
    })),
    invalid: [...invalid],
  };
}
