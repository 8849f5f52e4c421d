import type { Rule } from "../product/index.ts";
import type { CoverageMatrix } from "./coverage.ts";
import { renderTable } from "./text-table.ts";

/** `lab rules`: id, kind, product, seed file and section, message, remedy; lab inferences and advisory reasons marked. */
export function formatRulesTable(rules: readonly Rule[]): string {
  if (rules.length === 0) return "No rules: no product is registered.";
  const rows = rules.map((r) => [
    r.id,
    r.kind,
    r.product,
    `${r.source.file} § ${r.source.section}`,
    r.advisory ? `${r.message} [advisory: ${r.advisory.reason}]` : r.message,
    r.remedy,
    r.inference ? `lab inference: ${r.inference}` : "",
  ]);
  return renderTable(["id", "kind", "product", "source", "message", "remedy", "lab inference"], rows, [30, 8, 14, 32, 36, 36, 30]);
}

/** `lab rules --coverage`: rule → scenarios that found it or checked it, then the rules nothing exercises. */
export function formatCoverage(matrix: CoverageMatrix): string {
  const rows = matrix.rules.map((r) => [r.rule, r.found.join(", ") || "-", r.checked.join(", ") || "-"]);
  const table = matrix.rules.length ? renderTable(["rule", "found by", "checked (not found) by"], rows, [34, 40, 40]) : "No rules: no product is registered.";
  const lines = [table, ""];
  lines.push(matrix.unexercised.length ? `Not exercised by any scenario (${matrix.unexercised.length}): ${matrix.unexercised.join(", ")}` : "Every rule that can be simulated is exercised.");
  if (matrix.advisory.length) lines.push(`Advisory, cannot be simulated (${matrix.advisory.length}): ${matrix.advisory.join(", ")}`);
  return lines.join("\n");
}
