import type { PlanStep } from "../sim/scenario/index.ts";

/** A plan step as YAML holds it: `{ verb: args }`, with an optional note. */
export type RawStep = Readonly<Record<string, unknown>>;

/** A step of a plan being built, with a tag that follows it through interleaving ("cause": where the breaking happens). */
export interface PlanItem {
  readonly step: RawStep;
  readonly tag?: string;
}

export function verbOf(step: RawStep): string {
  const verbs = Object.keys(step).filter((k) => k !== "note");
  if (verbs.length !== 1) throw new Error(`a plan step has one verb, got ${JSON.stringify(step)}`);
  return verbs[0]!;
}

export function argsOf(step: RawStep): unknown {
  return step[verbOf(step)];
}

/** A host named by a step's args (`{ host }`), if any. */
export function hostOf(step: RawStep): string | undefined {
  const args = argsOf(step);
  return typeof args === "object" && args !== null && typeof (args as { host?: unknown }).host === "string" ? (args as { host: string }).host : undefined;
}

/** The verification names of a `verify` step (empty for any other verb). */
export function verificationsOf(step: RawStep): readonly string[] {
  if (verbOf(step) !== "verify") return [];
  const args = argsOf(step);
  return typeof args === "string" ? [args] : Array.isArray(args) ? (args as string[]) : [];
}

/** A validated or planned step back in YAML form (notes dropped: a property's YAML stays short). */
export function toRawStep(step: PlanStep): RawStep {
  return { [step.verb]: step.args };
}

export function items(steps: readonly RawStep[]): PlanItem[] {
  return steps.map((step) => ({ step }));
}

/** 1-based index of the first item with the tag, or undefined. */
export function stepOfTag(plan: readonly PlanItem[], tag: string): number | undefined {
  const i = plan.findIndex((p) => p.tag === tag);
  return i < 0 ? undefined : i + 1;
}
