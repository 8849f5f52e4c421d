import fc from "fast-check";
import type { CaseOutcome } from "./pool-messages.ts";

/** Runs one case of a property: passed, skipped (fc.pre refused it) or failed with the error's message. */
export async function evaluateCase<T>(predicate: (value: T) => Promise<void>, index: number, value: T): Promise<CaseOutcome> {
  try {
    await predicate(value);
    return { index, outcome: "passed" };
  } catch (error) {
    if (fc.PreconditionFailure.isFailure(error)) return { index, outcome: "skipped" };
    return { index, outcome: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
