import type { Rule } from "../product/index.ts";
import type { ScenarioResult } from "./scenario-result.ts";

export interface RuleCoverage {
  readonly rule: string;
  readonly product: string;
  /** Scenarios in which the rule fired. */
  readonly found: readonly string[];
  /** Scenarios that evaluated it without it firing. */
  readonly checked: readonly string[];
}

export interface CoverageMatrix {
  readonly rules: readonly RuleCoverage[];
  /** Rules that can be simulated but no scenario exercises. */
  readonly unexercised: readonly string[];
  /** Advisory rules: cannot be simulated, listed so they are never silently dropped. */
  readonly advisory: readonly string[];
}

/** Rule → scenarios that exercise it, from the runs' coverage (a remedied run counts for its scenario). */
export function coverageMatrix(rules: readonly Rule[], results: readonly ScenarioResult[]): CoverageMatrix {
  const found = new Map<string, Set<string>>();
  const checked = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, rule: string, scenario: string) => map.set(rule, (map.get(rule) ?? new Set()).add(scenario));
  for (const r of results) {
    for (const rule of r.coverage.found) add(found, rule, r.scenario.name);
    for (const rule of r.coverage.checked) add(checked, rule, r.scenario.name);
  }
  const rows = rules.map((rule) => ({
    rule: rule.id,
    product: rule.product,
    found: [...(found.get(rule.id) ?? [])].sort(),
    checked: [...(checked.get(rule.id) ?? [])].filter((s) => !found.get(rule.id)?.has(s)).sort(),
  }));
  return {
    rules: rows,
    unexercised: rows.filter((row, i) => !rules[i]!.advisory && row.found.length === 0 && row.checked.length === 0).map((row) => row.rule),
    advisory: rules.filter((r) => r.advisory).map((r) => r.id),
  };
}
