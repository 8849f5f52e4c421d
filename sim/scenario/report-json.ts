import { redactSecrets } from "../kernel/index.ts";
import type { TraceEvent } from "../kernel/index.ts";
import type { Finding } from "../product/index.ts";
import { REPORT_FORMAT, REPORT_VERSION, type JsonReport, type JsonReportResult } from "./report-schema.ts";
import type { ScenarioResult } from "./scenario-result.ts";

const MAX_STEP_EVENTS = 100;

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

export function summarise(results: readonly ScenarioResult[]): JsonReport["summary"] {
  const count = (status: ScenarioResult["status"]) => results.filter((r) => r.status === status).length;
  return { total: results.length, passed: count("passed"), failed: count("failed"), error: count("error") };
}

/** The versioned JSON report (see report-schema.ts); deterministic: no host time in it. */
export function toJsonReport(results: readonly ScenarioResult[], tool: ToolInfo): JsonReport {
  return { format: REPORT_FORMAT, version: REPORT_VERSION, tool: { ...tool }, summary: summarise(results), results: results.map(toJsonResult) };
}

function ref(f: Finding) {
  return { rule: f.rule, step: f.step, severity: f.severity, ...(f.host !== undefined ? { host: f.host } : {}) };
}

function plainEvent(e: TraceEvent) {
  return { id: e.id, time: e.time, host: e.host, component: e.component, kind: e.kind, data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown> };
}

export function toJsonResult(r: ScenarioResult): JsonReportResult {
  const event = (id: number) => r.trace[id - 1];
  return {
    name: r.scenario.name,
    product: r.scenario.product,
    ...(r.scenario.file !== undefined ? { file: r.scenario.file } : {}),
    ...(r.scenario.description !== undefined ? { description: r.scenario.description } : {}),
    variant: r.variant,
    status: r.status,
    seed: r.seed,
    replay: r.replay,
    traceHash: r.traceHash,
    traceEvents: r.trace.length,
    faults: r.faults.map((f) => ({ name: f.name, params: { ...f.params } })),
    // The scenario file holds the lab's passwords for a replay; the report does not repeat them.
    lab: redactSecrets(JSON.parse(JSON.stringify(r.lab))),
    expect: { findings: r.expect.findings.map((f) => ({ ...f })), ...(r.expect.final ? { final: r.expect.final } : {}), absent: [...r.expect.absent] },
    steps: r.steps.map((s) => {
      const events = r.trace.slice(s.trace.from, s.trace.to);
      return {
        index: s.index,
        verb: s.verb,
        args: s.args,
        ...(s.note !== undefined ? { note: s.note } : {}),
        trace: { ...s.trace },
        summary: [...s.summary],
        events: events.slice(0, MAX_STEP_EVENTS).map(plainEvent),
        eventsOmitted: Math.max(0, events.length - MAX_STEP_EVENTS),
      };
    }),
    ...(r.estate ? { estate: JSON.parse(JSON.stringify(r.estate)) } : {}),
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      step: f.step,
      ...(f.host !== undefined ? { host: f.host } : {}),
      ...(f.component !== undefined ? { component: f.component } : {}),
      message: f.message,
      remedy: f.remedy,
      source: { file: f.source.file, section: f.source.section },
      ...(f.inference ? { inference: true } : {}),
      evidence: [...f.evidence],
      evidenceEvents: f.evidence.map(event).filter((e): e is TraceEvent => e !== undefined).map(plainEvent),
    })),
    ...(r.final !== undefined ? { final: r.final } : {}),
    ...(r.status === "error"
      ? { error: { ...r.error } }
      : {
          verdict: {
            ok: r.verdict.ok,
            missing: r.verdict.missing.map((m) => ({ expected: { ...m.expected }, near: m.near.map(ref) })),
            unexpected: r.verdict.unexpected.map(ref),
            forbidden: r.verdict.forbidden.map(ref),
            ...(r.verdict.final ? { final: { expected: r.verdict.final.expected, ...(r.verdict.final.actual ? { actual: r.verdict.final.actual } : {}) } } : {}),
          },
        }),
    coverage: { found: [...r.coverage.found], checked: [...r.coverage.checked] },
  };
}
