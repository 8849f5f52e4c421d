import type { Breaker } from "./product-fixture.ts";
import { items, verbOf, verificationsOf, type PlanItem, type RawStep } from "./plan-steps.ts";

export const CAUSE = "cause";

/** The plan without the first step matching; the step after it (where its absence starts to matter) is tagged. */
export function dropFirst(plan: readonly RawStep[], match: (step: RawStep) => boolean): PlanItem[] | undefined {
  const i = plan.findIndex(match);
  if (i < 0) return undefined;
  return plan.filter((_, j) => j !== i).map((step, j) => (j === i ? { step, tag: CAUSE } : { step }));
}

/** The plan with the first step matching tagged as the cause. */
export function tagFirst(plan: readonly RawStep[], match: (step: RawStep) => boolean, replace?: (step: RawStep) => RawStep): PlanItem[] | undefined {
  const i = plan.findIndex(match);
  if (i < 0) return undefined;
  return plan.map((step, j) => (j === i ? { step: replace ? replace(step) : step, tag: CAUSE } : { step }));
}

/** The plan with the first step matching moved to the front, followed by `then` (tagged), e.g. a use of the estate. */
export function moveToFront(plan: readonly RawStep[], match: (step: RawStep) => boolean, then: RawStep): PlanItem[] | undefined {
  const i = plan.findIndex(match);
  if (i < 0) return undefined;
  return [{ step: plan[i]! }, { step: then, tag: CAUSE }, ...items(plan.filter((_, j) => j !== i))];
}

/** The plan with the first step matching `move` put just before the first matching `before`, the moved step tagged. */
export function moveBefore(plan: readonly RawStep[], move: (step: RawStep) => boolean, before: (step: RawStep) => boolean): PlanItem[] | undefined {
  const i = plan.findIndex(move);
  const j = plan.findIndex(before);
  if (i < 0 || j < 0 || i < j) return undefined;
  const rest = plan.filter((_, k) => k !== i);
  return [...items(rest.slice(0, j)), { step: plan[i]!, tag: CAUSE }, ...items(rest.slice(j))];
}

/** 1-based step at which the breaker's finding must appear in this (possibly interleaved) plan; plan length + 1 = the final checks. */
export function expectedStep(plan: readonly PlanItem[], observedBy: Breaker<unknown>["observedBy"]): number {
  const causeIndex = plan.findIndex((p) => p.tag === CAUSE);
  const cause = causeIndex < 0 ? plan.length : causeIndex;
  if (observedBy === "cause") return cause + 1;
  for (let i = cause; i < plan.length; i++) {
    if (verificationsOf(plan[i]!.step).some((n) => observedBy.includes(n))) return i + 1;
  }
  return plan.length + 1;
}

/** A step predicate: this verb, and (when given) args matching every given field. */
export function isStep(verb: string, fields: Record<string, unknown> = {}): (step: RawStep) => boolean {
  return (step) => {
    if (verbOf(step) !== verb) return false;
    const args = step[verb] as Record<string, unknown> | undefined;
    return Object.entries(fields).every(([k, v]) => typeof args === "object" && args !== null && args[k] === v);
  };
}
