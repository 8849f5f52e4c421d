import type { FaultParamValue } from "../kernel/index.ts";
import type { LabSpec } from "../lab-spec.ts";
import type { FinalState, Severity } from "../product/index.ts";

/** A fault the scenario turns on, with the parameters it overrides (the catalog gives the rest). */
export interface FaultRef {
  readonly name: string;
  readonly params: Readonly<Record<string, FaultParamValue>>;
}

/** One operator step: `{ verb: args }` in YAML, with an optional narration note. */
export interface PlanStep {
  readonly verb: string;
  readonly args: unknown;
  readonly note?: string;
}

/** A finding the scenario says must occur; unset fields match anything. */
export interface ExpectedFinding {
  readonly rule: string;
  readonly step?: number;
  readonly severity?: Severity;
  readonly host?: string;
}

export interface Expectation {
  readonly findings: readonly ExpectedFinding[];
  readonly final?: FinalState;
  /** Rule ids that must not be found at all. */
  readonly absent: readonly string[];
}

/**
 * The scenario's remedied variant: each part given replaces the scenario's
 * own; the variant must end healthy (its expectation defaults to "no
 * findings, final healthy").
 */
export interface RemedySpec {
  readonly description?: string;
  readonly lab?: LabSpec;
  readonly faults?: readonly FaultRef[];
  readonly plan?: readonly PlanStep[];
  readonly expect?: Expectation;
}

/** A validated scenario: every reference resolved against the registry. */
export interface Scenario {
  readonly name: string;
  readonly product: string;
  readonly seed: number;
  readonly description?: string;
  readonly lab: LabSpec;
  readonly faults: readonly FaultRef[];
  readonly plan: readonly PlanStep[];
  readonly expect: Expectation;
  readonly remedy?: RemedySpec;
  /** Where it was loaded from (relative to the working directory), for replay commands. */
  readonly file?: string;
}

/** Which variant of a scenario ran: its own plan, or the remedied one. */
export type ScenarioVariant = "plan" | "remedy";
