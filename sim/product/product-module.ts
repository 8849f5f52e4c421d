import type { z } from "zod";
import type { FaultDefinition } from "../kernel/index.ts";
import type { Lab } from "../lab.ts";
import type { FindingInput } from "./finding.ts";
import type { Rule } from "./rule.ts";

export interface ComponentDef {
  readonly id: string;
  readonly name: string;
  /** Versions the lab models, oldest first. */
  readonly versions: readonly string[];
  readonly latest: string;
  /** Set when the document does not name the newest version and the lab chose one. */
  readonly latestIsLabChoice?: string;
}

/** What a plan step or verification can do: act on the lab, raise findings, mark rules checked. */
export interface StepContext {
  readonly lab: Lab;
  /** 1-based step index (plan length + 1 during the final verification). */
  readonly step: number;
  readonly product: ProductModule;
  /** Raises a finding of a rule of this product (unknown ids throw: a programming error). */
  raise(finding: FindingInput): void;
  /** Records that a rule was evaluated and did not fire (coverage: checked-not-found). */
  checked(ruleId: string): void;
  /** Trace id before the step began: evidence is what happened after it. */
  readonly traceMark: number;
}

/** References a step makes to the scenario's lab, for cross-reference validation. */
export interface StepRefs {
  readonly hosts?: readonly string[];
  readonly components?: readonly { id: string; version?: string }[];
}

export interface VerbDef<A = unknown> {
  readonly name: string;
  readonly description: string;
  readonly args: z.ZodType<A>;
  run(ctx: StepContext, args: A): Promise<void>;
  refs?(args: A): StepRefs;
}

export interface Verification {
  readonly name: string;
  readonly description: string;
  run(ctx: StepContext): Promise<void>;
}

export type FinalState = "healthy" | "degraded" | "broken";

/** Something that stops the documented upgrade until the operator fixes it. */
export interface PlanBlocker {
  readonly rule: string;
  readonly host?: string;
  readonly message?: string;
  readonly remedy: string;
}

/** `lab plan`: the documented upgrade steps for this estate, in order, or what blocks them. */
export interface UpgradePlan {
  readonly blockers: readonly PlanBlocker[];
  /** Scenario plan steps, `{ verb: args }` or `{ verb, args, note }`, ready to run or to paste into a scenario. */
  readonly steps: readonly object[];
}

/**
 * A product plugs into the lab through this one shape: its rules, components,
 * plan verbs, verifications and faults. The scenario layer knows nothing else.
 */
export interface ProductModule {
  readonly id: string;
  readonly title: string;
  readonly seedFile: string;
  readonly rules: readonly Rule[];
  readonly components: readonly ComponentDef[];
  readonly verbs: readonly VerbDef<any>[];
  readonly verifications: readonly Verification[];
  readonly faults: readonly FaultDefinition[];
  /** Puts a component that the scenario says is already installed onto a host, as its setup would have. */
  seedInstalled(lab: Lab, host: string, component: string, version: string, options: Record<string, unknown>): Promise<void>;
  /** Applies the product's faults (those not handled by the estate) after the lab is built. */
  applyFaults?(lab: Lab): Promise<void>;
  /** The documented upgrade for the lab's current state (`lab plan`). */
  planUpgrade?(lab: Lab): UpgradePlan | Promise<UpgradePlan>;
  /** The final judgement: runs the product's verifications and says how the estate ends. */
  judgeFinal(ctx: StepContext): Promise<FinalState>;
}
