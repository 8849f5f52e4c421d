/** A rule is data with a source: the fact it models, where the document says it, what to do. */

export type RuleKind = "prereq" | "order" | "effect" | "runtime" | "manual" | "check" | "advisory";

/** `blocked`: setup refused; `warning`: allowed but advised against; `broken`: the estate no longer works. */
export type Severity = "info" | "warning" | "broken" | "blocked";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, broken: 2, blocked: 3 };

export interface SeedSource {
  /** File name under ../shared/seeds/. */
  readonly file: string;
  /** The section as the document titles it. */
  readonly section: string;
}

export interface Rule {
  /** A fact id of seeds/facts.md, optionally suffixed (`spr.order.web-before-dmz`). */
  readonly id: string;
  /** The fact id it models (the id without the lab's suffix). */
  readonly fact: string;
  readonly product: string;
  readonly kind: RuleKind;
  readonly source: SeedSource;
  /** The fact, as the document states it. */
  readonly statement: string;
  /** What a finding of this rule says happened. */
  readonly message: string;
  /** The documented remedy (or the lab's, marked by `inference`). */
  readonly remedy: string;
  /** Default severity of a finding. */
  readonly severity: Severity;
  /**
   * Set when the lab decided something the document does not say (a wire
   * format, what a mismatch does on the wire): what was decided and why.
   */
  readonly inference?: string;
  /** Advisory rules cannot be simulated; `reason` says why, and they are listed, never dropped. */
  readonly advisory?: { readonly reason: string };
}

/** Builds a rule, deriving `fact` from the id (the longest facts.md id it starts with is given explicitly). */
export function defineRule(rule: Omit<Rule, "fact"> & { fact?: string }): Rule {
  return Object.freeze({ ...rule, fact: rule.fact ?? rule.id });
}

/** A rule as a product's rules file writes it: the section of its seed document instead of the whole source. */
export interface ProductRuleInput extends Omit<Rule, "fact" | "product" | "source"> {
  readonly fact?: string;
  readonly section: string;
}

/** The `rule(...)` helper of one product: fills in the product id and its seed file. */
export function ruleFactory(product: string, seedFile: string): (input: ProductRuleInput) => Rule {
  return ({ section, ...rest }) => defineRule({ ...rest, product, source: { file: seedFile, section } });
}
