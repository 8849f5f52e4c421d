import fc from "fast-check";
import { threadId } from "node:worker_threads";
import type { PropertyContext } from "./property-context.ts";

// Predicates for property-pool.test.ts: built by the pool's threads from this module, as a property's own are.

/** Fails for values at or above `limit`; skips (fc.pre) multiples of `skipEvery`. */
export function belowLimit(_ctx: PropertyContext, limit: number, skipEvery = 0): (value: number) => Promise<void> {
  return async (value) => {
    if (skipEvery > 0) fc.pre(value % skipEvery !== 0);
    if (value >= limit) throw new Error(`${value} is not below ${limit}`);
  };
}

/** Fails in any thread but `home`: a predicate that is not the same function of its value in every thread. */
export function failsAwayFrom(_ctx: PropertyContext, home: number): (value: number) => Promise<void> {
  return async () => {
    if (threadId !== home) throw new Error(`thread ${threadId} is not thread ${home}`);
  };
}

/** Ends its thread in any thread but `home` (a thread that dies mid-run). */
export function exitsAwayFrom(_ctx: PropertyContext, home: number): (value: number) => Promise<void> {
  return async () => {
    if (threadId !== home) process.exit(3);
  };
}
