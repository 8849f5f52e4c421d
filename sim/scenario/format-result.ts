import type { Finding } from "../product/index.ts";
import type { ExpectedFinding } from "./scenario.ts";
import type { ScenarioResult } from "./scenario-result.ts";

/** `broken test.runtime.ping at step 2 on APP01` */
export function describeFinding(f: Finding): string {
  return `${f.severity} ${f.rule} at step ${f.step}${f.host ? ` on ${f.host}` : ""}`;
}

/** `test.runtime.ping at step 2 (broken) on APP01`: only what the expectation pins down. */
export function describeExpected(e: ExpectedFinding): string {
  return `${e.severity ? `${e.severity} ` : ""}${e.rule}${e.step !== undefined ? ` at step ${e.step}` : ""}${e.host ? ` on ${e.host}` : ""}`;
}

/** `widget-install [remedy] seed 7` */
export function resultTitle(r: ScenarioResult): string {
  return `${r.scenario.name}${r.variant === "remedy" ? " [remedy]" : ""} seed ${r.seed}`;
}

/** One line per result, for progress without a terminal and for the summary. */
export function formatResultLine(r: ScenarioResult): string {
  const mark = r.status === "passed" ? "PASS " : r.status === "failed" ? "FAIL " : "ERROR";
  const hash = r.traceHash ? ` trace ${r.traceHash.slice(0, 12)}` : "";
  const extra = r.status === "error" ? ` ${r.error.code}` : "";
  return `${mark} ${resultTitle(r)}${hash}${extra}`;
}

/** Why a result did not pass, expected against actual, ending with the replay command. */
export function formatProblems(r: ScenarioResult): string[] {
  if (r.status === "passed") return [];
  const lines: string[] = [];
  if (r.status === "error") {
    lines.push(`${r.error.kind === "internal" ? "internal error" : "error"} ${errorPlace(r.error.step, r.steps.length)}: ${r.error.code}: ${r.error.message}`);
    if (r.error.remedy) lines.push(`remedy: ${r.error.remedy}`);
  } else {
    const v = r.verdict;
    for (const m of v.missing) {
      const near = m.near.length > 0 ? `; found instead: ${m.near.map(describeFinding).join(", ")}` : "";
      lines.push(`missing: ${describeExpected(m.expected)}${near}`);
    }
    for (const f of v.unexpected) lines.push(`unexpected: ${describeFinding(f)}: ${f.message}`);
    for (const f of v.forbidden) lines.push(`must be absent: ${describeFinding(f)}`);
    if (v.final && v.final.actual !== v.final.expected) lines.push(`final: expected ${v.final.expected}, got ${v.final.actual ?? "nothing"}`);
  }
  lines.push(`expected findings: ${r.expect.findings.length ? r.expect.findings.map(describeExpected).join("; ") : "none"}${r.expect.final ? `; final ${r.expect.final}` : ""}`);
  lines.push(`actual findings:   ${r.findings.length ? r.findings.map(describeFinding).join("; ") : "none"}${r.final ? `; final ${r.final}` : ""}`);
  lines.push(`replay: ${r.replay}`);
  return lines;
}

/** Steps run so far include the failing one, so one past them is the final checks. */
export function errorPlace(step: number, stepsRun: number): string {
  if (step === 0) return "while building the lab";
  if (step === stepsRun + 1) return "during the final checks";
  return `at step ${step}`;
}
