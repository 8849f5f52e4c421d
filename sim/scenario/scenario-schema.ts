import { z } from "zod";
import type { FaultParamValue } from "../kernel/index.ts";
import type { FaultRef } from "./scenario.ts";
import { labSpecSchema } from "./lab-spec-schema.ts";

/**
 * The scenario file's shape, built from parts so that validation (loose
 * parts: names checked against the registry afterwards, with suggestions)
 * and the editor's JSON Schema (enums of the registry's names) share one
 * definition.
 */
export interface ScenarioSchemaParts {
  readonly productId: z.ZodType<string>;
  readonly faultName: z.ZodType<string>;
  readonly ruleId: z.ZodType<string>;
  readonly step: z.ZodType<unknown>;
}

const paramValue = z.union([z.number(), z.string(), z.boolean()]);

function faultRefSchema(name: z.ZodType<string>) {
  return z
    .union([name, z.strictObject({ name, params: z.record(z.string(), paramValue).optional() })])
    .transform((f): FaultRef => (typeof f === "string" ? { name: f, params: {} } : { name: f.name, params: (f.params ?? {}) as Record<string, FaultParamValue> }));
}

const severity = z.enum(["info", "warning", "broken", "blocked"]);
const finalState = z.enum(["healthy", "degraded", "broken"]);

function expectationSchema(ruleId: z.ZodType<string>, final: z.ZodType<"healthy" | "degraded" | "broken">) {
  return z.strictObject({
    findings: z
      .array(
        z.strictObject({
          rule: ruleId,
          step: z.number().int().nonnegative().optional().describe("1-based plan step; 0 = while building the lab; plan length + 1 = the final checks"),
          severity: severity.optional(),
          host: z.string().optional(),
        }),
      )
      .default([])
      .describe("findings that must occur; an unlisted broken or blocked finding fails the scenario"),
    final: final.optional().describe("how the estate must end, as the product's final verifications judge it"),
    absent: z.array(ruleId).default([]).describe("rule ids that must not be found"),
  });
}

export function scenarioSchema(parts: ScenarioSchemaParts) {
  const faults = z.array(faultRefSchema(parts.faultName));
  const plan = z.array(parts.step);
  return z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a name is one word: letters, digits, '.', '_' or '-'"),
    product: parts.productId,
    seed: z
      .number()
      .int()
      .min(-(2 ** 31))
      .max(2 ** 31 - 1)
      .describe("the run's seed; `lab run --seed` overrides it"),
    description: z.string().optional(),
    lab: labSpecSchema,
    faults: faults.default([]).describe("faults of the catalog to turn on: a name, or { name, params }"),
    plan: plan.describe("operator steps in order: each a one-key object { verb: args }, with an optional note"),
    expect: expectationSchema(parts.ruleId, finalState).default({ findings: [], absent: [] }),
    remedy: z
      .strictObject({
        description: z.string().optional(),
        lab: labSpecSchema.optional(),
        faults: faults.optional(),
        plan: plan.optional(),
        expect: expectationSchema(parts.ruleId, z.literal("healthy")).optional(),
      })
      .optional()
      .describe("the remedied variant: the parts given replace the scenario's; it must end healthy"),
  });
}

/** The structural schema validation starts with: names are plain text, steps are checked one by one after. */
export const scenarioShapeSchema = scenarioSchema({ productId: z.string().min(1), faultName: z.string().min(1), ruleId: z.string().min(1), step: z.unknown() });

export type ScenarioShape = z.output<typeof scenarioShapeSchema>;
