import type { SeedSource, Severity } from "./rule.ts";

/** What a step raised: a rule broken or advised against, where, with trace evidence. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** 1-based index of the plan step; 0 = while building the lab; plan length + 1 = final checks. */
  readonly step: number;
  readonly host?: string;
  readonly component?: string;
  readonly message: string;
  readonly remedy: string;
  readonly source: SeedSource;
  /** Trace event ids that show it happening. */
  readonly evidence: readonly number[];
  /** True when the rule is the lab's own inference rather than the vendor's statement. */
  readonly inference?: boolean;
}

/** What a product module hands to `raise`: rule defaults fill the rest. */
export interface FindingInput {
  readonly rule: string;
  readonly severity?: Severity;
  readonly host?: string;
  readonly component?: string;
  readonly message?: string;
  readonly remedy?: string;
  readonly evidence?: readonly number[];
}
