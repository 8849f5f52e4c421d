import type { ActiveFault, TraceEvent } from "../kernel/index.ts";
import type { LabSpec } from "../lab-spec.ts";
import type { FinalState, Finding } from "../product/index.ts";
import type { Expectation, ExpectedFinding, ScenarioVariant } from "./scenario.ts";

/** What one plan step did: the verb, its args, and the trace events it caused, summarised. */
export interface StepRecord {
  /** 1-based. */
  readonly index: number;
  readonly verb: string;
  readonly args: unknown;
  readonly note?: string;
  /** Trace ids of the step's events: (from, to]. */
  readonly trace: { readonly from: number; readonly to: number };
  readonly summary: readonly string[];
}

/** An expected finding that did not occur; `near` = findings of the same rule elsewhere (other step, host or severity). */
export interface MissingFinding {
  readonly expected: ExpectedFinding;
  readonly near: readonly Finding[];
}

export interface Verdict {
  readonly ok: boolean;
  readonly missing: readonly MissingFinding[];
  /** Broken or blocked findings the expectation does not list. */
  readonly unexpected: readonly Finding[];
  /** Findings of rules the expectation says must be absent. */
  readonly forbidden: readonly Finding[];
  readonly final?: { readonly expected: FinalState; readonly actual: FinalState | undefined };
}

export interface RunError {
  /** "lab": a LabError (a step refused); "internal": a bug, with its stack. */
  readonly kind: "lab" | "internal";
  readonly code: string;
  readonly message: string;
  /** Step during which it was thrown (0 = lab build, plan length + 1 = final checks). */
  readonly step: number;
  readonly ruleId?: string;
  readonly remedy?: string;
  readonly stack?: string;
}

interface ResultBase {
  readonly scenario: { readonly name: string; readonly product: string; readonly description?: string; readonly file?: string };
  readonly variant: ScenarioVariant;
  readonly seed: number;
  /** The exact command that reruns this (scenario, seed). */
  readonly replay: string;
  readonly traceHash: string;
  readonly lab: LabSpec;
  /** Faults with every parameter resolved against the catalog. */
  readonly faults: readonly ActiveFault[];
  readonly expect: Expectation;
  readonly steps: readonly StepRecord[];
  readonly findings: readonly Finding[];
  readonly final?: FinalState;
  readonly coverage: { readonly found: readonly string[]; readonly checked: readonly string[] };
  /** The estate resolved after the lab was built and installed components seeded, and at the end of the run. */
  readonly estate?: { readonly before: LabSpec; readonly after: LabSpec };
  /** The whole trace (kept in memory for evidence; reports include what they show). */
  readonly trace: readonly TraceEvent[];
}

export interface PassedResult extends ResultBase {
  readonly status: "passed";
  readonly verdict: Verdict;
}

export interface FailedResult extends ResultBase {
  readonly status: "failed";
  readonly verdict: Verdict;
}

export interface ErrorResult extends ResultBase {
  readonly status: "error";
  readonly error: RunError;
}

/** The outcome of one scenario variant at one seed: data; text, JUnit, JSON and HTML are formatters over it. */
export type ScenarioResult = PassedResult | FailedResult | ErrorResult;
export type ResultStatus = ScenarioResult["status"];
