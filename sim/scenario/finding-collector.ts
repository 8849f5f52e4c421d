import type { Finding, FindingInput, ProductModule, Rule } from "../product/index.ts";

/**
 * A product's rules by id, built once per rules list (every run makes a
 * collector). A memo of a pure function: the list is the product module's
 * own, fixed when the module loads, and the map is only ever read.
 */
const byRulesList = new WeakMap<readonly Rule[], ReadonlyMap<string, Rule>>();
function rulesById(rules: readonly Rule[]): ReadonlyMap<string, Rule> {
  let map = byRulesList.get(rules);
  if (!map) byRulesList.set(rules, (map = new Map(rules.map((r) => [r.id, r]))));
  return map;
}

/**
 * Findings of one run, filled from the product's rules (message, remedy,
 * source, severity) and deduplicated on rule + step + host, plus the rules
 * evaluated without firing (coverage).
 */
export class FindingCollector {
  readonly #rules: ReadonlyMap<string, Rule>;
  readonly #findings: Finding[] = [];
  readonly #index = new Map<string, number>();
  readonly #checked = new Set<string>();

  constructor(product: ProductModule) {
    this.#rules = rulesById(product.rules);
  }

  raise(step: number, input: FindingInput, fallbackEvidence: readonly number[]): Finding {
    const rule = this.#rule(input.rule);
    const key = `${rule.id}\u0000${step}\u0000${input.host ?? ""}`;
    const evidence = input.evidence && input.evidence.length > 0 ? input.evidence : fallbackEvidence;
    const existing = this.#index.get(key);
    if (existing !== undefined) {
      const before = this.#findings[existing]!;
      const merged: Finding = { ...before, evidence: [...new Set([...before.evidence, ...evidence])].sort((a, b) => a - b) };
      this.#findings[existing] = merged;
      return merged;
    }
    const finding: Finding = {
      rule: rule.id,
      severity: input.severity ?? rule.severity,
      step,
      ...(input.host !== undefined ? { host: input.host } : {}),
      ...(input.component !== undefined ? { component: input.component } : {}),
      message: input.message ?? rule.message,
      remedy: input.remedy ?? rule.remedy,
      source: rule.source,
      evidence: [...evidence],
      ...(rule.inference !== undefined ? { inference: true } : {}),
    };
    this.#index.set(key, this.#findings.length);
    this.#findings.push(finding);
    return finding;
  }

  checked(ruleId: string): void {
    this.#checked.add(this.#rule(ruleId).id);
  }

  has(ruleId: string): boolean {
    return this.#rules.has(ruleId);
  }

  get findings(): readonly Finding[] {
    return this.#findings;
  }

  /** Rules that fired, and rules evaluated that never fired. */
  coverage(): { found: string[]; checked: string[] } {
    const found = new Set(this.#findings.map((f) => f.rule));
    return { found: [...found].sort(), checked: [...this.#checked].filter((r) => !found.has(r)).sort() };
  }

  #rule(id: string): Rule {
    const rule = this.#rules.get(id);
    // A product naming a rule it does not define is a bug in the product, not bad input.
    if (!rule) throw new Error(`finding of unknown rule "${id}": the product defines ${[...this.#rules.keys()].join(", ")}`);
    return rule;
  }
}
