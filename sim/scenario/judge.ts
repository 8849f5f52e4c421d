import type { FinalState, Finding } from "../product/index.ts";
import type { Expectation, ExpectedFinding } from "./scenario.ts";
import { sameHost } from "./host-name.ts";
import type { Verdict } from "./scenario-result.ts";

function matches(expected: ExpectedFinding, finding: Finding): boolean {
  return (
    finding.rule === expected.rule &&
    (expected.step === undefined || finding.step === expected.step) &&
    (expected.severity === undefined || finding.severity === expected.severity) &&
    (expected.host === undefined || (finding.host !== undefined && sameHost(finding.host, expected.host)))
  );
}

/**
 * Holds a run's findings and final state against the scenario's expectation:
 * every listed finding must occur; an unlisted broken or blocked finding
 * fails; absent rules must not fire; `final` must match. Findings of the
 * final checks (step plan length + 1) are judged through `final` when the
 * scenario states one, and like any other finding when it does not.
 */
export function judge(expect: Expectation, findings: readonly Finding[], final: FinalState | undefined, planLength: number): Verdict {
  const missing = expect.findings
    .filter((e) => !findings.some((f) => matches(e, f)))
    .map((expected) => ({ expected, near: findings.filter((f) => f.rule === expected.rule) }));
  const finalStep = planLength + 1;
  const unexpected = findings.filter(
    (f) =>
      (f.severity === "broken" || f.severity === "blocked") &&
      !(expect.final !== undefined && f.step === finalStep) &&
      !expect.findings.some((e) => matches(e, f)),
  );
  const forbidden = findings.filter((f) => expect.absent.includes(f.rule));
  const finalCheck = expect.final === undefined ? undefined : { expected: expect.final, actual: final };
  const ok = missing.length === 0 && unexpected.length === 0 && forbidden.length === 0 && (finalCheck === undefined || finalCheck.actual === finalCheck.expected);
  return { ok, missing, unexpected, forbidden, ...(finalCheck ? { final: finalCheck } : {}) };
}
