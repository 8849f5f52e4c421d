import type { Finding } from "../sim/product/index.ts";

/** Findings in one line, `rule@step/severity`, info left out (for failure messages). */
export function describeFindings(findings: readonly Finding[]): string {
  const shown = findings.filter((f) => f.severity !== "info").map((f) => `${f.rule}@${f.step}/${f.severity}`);
  return shown.length > 0 ? shown.join(", ") : "nothing";
}
