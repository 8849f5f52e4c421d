import { z } from "zod";
import type { ProductRegistry } from "./product-registry.ts";
import { scenarioSchema } from "./scenario-schema.ts";

function oneOf(values: readonly string[], fallback: string): z.ZodType<string> {
  const unique = [...new Set(values)].sort();
  return unique.length ? z.enum(unique as [string, ...string[]]) : z.string().describe(fallback);
}

/**
 * The scenario file's JSON Schema for editors: the same schema as
 * validation, with the registry's names as enums and each verb's step typed
 * by its own arguments.
 */
export function scenarioJsonSchema(registry: ProductRegistry): Record<string, unknown> {
  const steps: z.ZodType[] = [];
  for (const verb of registry.builtinVerbs) {
    steps.push(z.strictObject({ [verb.name]: verb.args(registry.products), note: z.string().optional() }).describe(verb.description));
  }
  const seen = new Set(registry.builtinVerbs.map((v) => v.name));
  for (const product of registry.products) {
    for (const verb of product.verbs) {
      // Two products may share a verb name (install); their steps are alternatives.
      steps.push(z.strictObject({ [verb.name]: verb.args, note: z.string().optional() }).describe(`${seen.has(verb.name) ? `${product.id}: ` : ""}${verb.description}`));
      seen.add(verb.name);
    }
  }
  const step = steps.length === 1 ? steps[0]! : z.union(steps as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  const schema = scenarioSchema({
    productId: oneOf(registry.products.map((p) => p.id), "a registered product id"),
    faultName: oneOf([...registry.faultCatalog.keys()], "a fault of the catalog"),
    ruleId: oneOf(registry.rules().map((r) => r.id), "a rule id of the product"),
    step,
  });
  const json = z.toJSONSchema(schema, { target: "draft-07", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...json, title: "Lab scenario", description: "A scenario of the lab: the estate, the faults, the operator's plan and what must happen." };
}
