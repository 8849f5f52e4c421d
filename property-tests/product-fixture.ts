import type fc from "fast-check";
import type { LabSpec } from "../sim/lab-spec.ts";
import type { Lab } from "../sim/lab.ts";
import type { PlanBlocker, Severity } from "../sim/product/index.ts";
import type { PlanItem, RawStep } from "./plan-steps.ts";

/**
 * A way to break the documented plan that the document warns about: a hard
 * order swapped, a manual step dropped, a prerequisite removed. It names the
 * rule whose finding must appear, and where.
 */
export interface Breaker<E> {
  readonly name: string;
  readonly rule: string;
  /** Severities the finding may have (an order breach warns; a refused setup is blocked). */
  readonly severities: readonly Severity[];
  /**
   * The broken variant of the documented plan for this estate, with the step
   * where the breaking happens tagged "cause" (and the estate changed, when a
   * prerequisite is removed); undefined when it does not apply here.
   */
  apply(estate: E, plan: readonly RawStep[]): { readonly plan: PlanItem[]; readonly estate?: E } | undefined;
  /**
   * Where the finding shows: "cause" = at the tagged step itself; else the
   * names of the verifications that see it: the first `verify` step after the
   * cause naming one of them, or the final checks when there is none.
   */
  readonly observedBy: "cause" | readonly string[];
  /**
   * A known counter-example (a file of property-tests/counterexamples/): the
   * lab does not report this breakage yet. Skipped by the property unless
   * LAB_KNOWN_ISSUES=1; counterexamples.test.ts keeps the file failing.
   */
  readonly knownIssue?: string;
}

/** What an upgrade must keep (enrolments, audit rows, policy, customisations), read from the lab. */
export type KeptData = Readonly<Record<string, unknown>>;

/** Something the document says is kept, and how to tell it was. */
export interface Keeper<E> {
  readonly name: string;
  /** Steps that create the data before the upgrade (a customisation), if the estate does not hold it already. */
  before?(estate: E): readonly RawStep[];
  /** The data as the lab holds it now. */
  read(lab: Lab, estate: E): KeptData;
  /** What of `before` must be found in `after` (default: equal). Returns what was lost, empty when nothing. */
  lost?(before: KeptData, after: KeptData): string[];
  /**
   * Where the document says the data is lost without a step: dropping every
   * step of those verbs from the plan must make the lab report the rule.
   */
  readonly withoutSteps: readonly { readonly verbs: readonly string[]; readonly rule: string; readonly knownIssue?: string }[];
}

/** Estates a known counter-example covers (a file of property-tests/counterexamples/): drawn only under LAB_KNOWN_ISSUES=1. */
export interface KnownIssue<E> {
  readonly file: string;
  /** The one property it concerns (e.g. "idempotence"); every property when unset. */
  readonly property?: string;
  applies(estate: E): boolean;
}

/** One product as the properties see it: its estates, how to break its plan, how to fix its blockers. */
export interface ProductFixture<E> {
  readonly product: string;
  /** Short name for test titles ("apr"). */
  readonly short: string;
  /** Estates the documented upgrade takes as they stand. */
  plannable(): fc.Arbitrary<E>;
  /** Any estate the scenario schema takes, blockers included. */
  any(): fc.Arbitrary<E>;
  /** A few plannable estates on which, between them, every breaker applies (breakers.test.ts runs each once). */
  readonly witnesses: readonly E[];
  lab(estate: E): LabSpec;
  /** Hosts unrelated steps may touch. */
  hosts(estate: E): readonly string[];
  /** Verifications that may run where the estate is promised to work (before the upgrade, and after). */
  readonly verifications: readonly string[];
  /** Whether the estate works before the upgrade (an untrusted certificate or a missing licence the plan fixes does not). */
  worksBefore(estate: E): boolean;
  readonly breakers: readonly Breaker<E>[];
  /** The estate with one blocker's documented remedy applied; undefined when the fixture knows no remedy. */
  remedy(estate: E, blocker: PlanBlocker): E | undefined;
  readonly keepers: readonly Keeper<E>[];
  /** Paths the plan's own steps write on every run by design (data files its checks update, backup folders): idempotence leaves them out. */
  readonly volatile: readonly RegExp[];
  readonly knownIssues: readonly KnownIssue<E>[];
}
