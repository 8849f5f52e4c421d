import { z } from "zod";
import { labSpecSchema } from "./lab-spec-schema.ts";

/**
 * The JSON report's shape, version 1. Consumers check `format` and
 * `version`; a change that removes or retypes a field bumps the version.
 * Everything a replay needs is in each result: scenario file and name, seed,
 * the resolved faults and lab, and the plan (the steps' verbs and args).
 */
export const REPORT_FORMAT = "lab-report";
export const REPORT_VERSION = 1;

const severity = z.enum(["info", "warning", "broken", "blocked"]);
const finalState = z.enum(["healthy", "degraded", "broken"]);

const traceEvent = z.strictObject({
  id: z.number().int(),
  time: z.number().describe("lab time in ms"),
  host: z.string(),
  component: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const findingRef = z.strictObject({
  rule: z.string(),
  step: z.number().int(),
  severity,
  host: z.string().optional(),
});

const finding = z.strictObject({
  rule: z.string(),
  severity,
  step: z.number().int().describe("1-based plan step; 0 = lab build; plan length + 1 = final checks"),
  host: z.string().optional(),
  component: z.string().optional(),
  message: z.string(),
  remedy: z.string(),
  source: z.strictObject({ file: z.string(), section: z.string() }),
  inference: z.boolean().optional().describe("the rule is the lab's inference, not the vendor's statement"),
  evidence: z.array(z.number().int()).describe("trace event ids"),
  evidenceEvents: z.array(traceEvent),
});

const expectedFinding = z.strictObject({
  rule: z.string(),
  step: z.number().int().optional(),
  severity: severity.optional(),
  host: z.string().optional(),
});

const step = z.strictObject({
  index: z.number().int(),
  verb: z.string(),
  args: z.unknown(),
  note: z.string().optional(),
  trace: z.strictObject({ from: z.number().int(), to: z.number().int() }).describe("trace ids (from, to]"),
  summary: z.array(z.string()),
  events: z.array(traceEvent).describe("the step's events (at most 100)"),
  eventsOmitted: z.number().int().describe("events of the step beyond those listed"),
});

export const reportResultSchema = z.strictObject({
  name: z.string(),
  product: z.string(),
  file: z.string().optional(),
  description: z.string().optional(),
  variant: z.enum(["plan", "remedy"]),
  status: z.enum(["passed", "failed", "error"]),
  seed: z.number().int(),
  replay: z.string().describe("the command that reruns this scenario at this seed"),
  traceHash: z.string(),
  traceEvents: z.number().int(),
  faults: z.array(z.strictObject({ name: z.string(), params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])) })),
  lab: labSpecSchema,
  expect: z.strictObject({ findings: z.array(expectedFinding), final: finalState.optional(), absent: z.array(z.string()) }),
  steps: z.array(step),
  findings: z.array(finding),
  final: finalState.optional(),
  verdict: z
    .strictObject({
      ok: z.boolean(),
      missing: z.array(z.strictObject({ expected: expectedFinding, near: z.array(findingRef) })),
      unexpected: z.array(findingRef),
      forbidden: z.array(findingRef),
      final: z.strictObject({ expected: finalState, actual: finalState.optional() }).optional(),
    })
    .optional(),
  error: z
    .strictObject({
      kind: z.enum(["lab", "internal"]),
      code: z.string(),
      message: z.string(),
      step: z.number().int(),
      ruleId: z.string().optional(),
      remedy: z.string().optional(),
      stack: z.string().optional(),
    })
    .optional(),
  coverage: z.strictObject({ found: z.array(z.string()), checked: z.array(z.string()) }),
  estate: z
    .strictObject({ before: labSpecSchema, after: labSpecSchema })
    .optional()
    .describe("the estate with every default resolved: after the lab was built and installed components seeded, and at the end of the run"),
});

export const reportSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  summary: z.strictObject({ total: z.number().int(), passed: z.number().int(), failed: z.number().int(), error: z.number().int() }),
  results: z.array(reportResultSchema),
});

export type JsonReport = z.infer<typeof reportSchema>;
export type JsonReportResult = z.infer<typeof reportResultSchema>;

/** The report's JSON Schema, written next to each report. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
}
