import { describeFinding, formatProblems, resultTitle } from "./format-result.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import { escapeXml as x } from "./xml-escape.ts";

/**
 * JUnit XML: one testsuite per product, one testcase per scenario variant and
 * seed. A failure's message is the first problem; its body is expected
 * against actual findings and the replay command.
 */
export function toJunitXml(results: readonly ScenarioResult[]): string {
  const byProduct = new Map<string, ScenarioResult[]>();
  for (const r of results) byProduct.set(r.scenario.product, [...(byProduct.get(r.scenario.product) ?? []), r]);
  const count = (rs: readonly ScenarioResult[], s: ScenarioResult["status"]) => rs.filter((r) => r.status === s).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="lab" tests="${results.length}" failures="${count(results, "failed")}" errors="${count(results, "error")}">`);
  for (const [product, rs] of [...byProduct].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  <testsuite name="${x(product)}" tests="${rs.length}" failures="${count(rs, "failed")}" errors="${count(rs, "error")}" skipped="0">`);
    for (const r of rs) out.push(...testcase(r));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

function testcase(r: ScenarioResult): string[] {
  const open = `    <testcase classname="${x(`${r.scenario.product}.${r.scenario.name}`)}" name="${x(resultTitle(r))}"${r.scenario.file ? ` file="${x(r.scenario.file)}"` : ""}>`;
  const out = [open];
  const problems = formatProblems(r);
  if (r.status === "failed") {
    out.push(`      <failure message="${x(problems[0] ?? "expectation not met")}" type="expectation">${x(problems.join("\n"))}</failure>`);
  } else if (r.status === "error") {
    const body = [...problems, ...(r.error.stack ? ["", r.error.stack] : [])].join("\n");
    out.push(`      <error message="${x(problems[0] ?? r.error.message)}" type="${x(r.error.code)}">${x(body)}</error>`);
  }
  const log = [
    `seed ${r.seed}, trace ${r.traceHash}`,
    ...r.steps.map((s) => `step ${s.index}: ${s.verb} ${JSON.stringify(s.args)}`),
    ...r.findings.map((f) => `finding: ${describeFinding(f)}: ${f.message} (remedy: ${f.remedy})`),
    `replay: ${r.replay}`,
  ];
  out.push(`      <system-out>${x(log.join("\n"))}</system-out>`, "    </testcase>");
  return out;
}
