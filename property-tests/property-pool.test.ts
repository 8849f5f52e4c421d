import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkProperty } from "./check-property.ts";
import { threadId } from "node:worker_threads";
import { belowLimit, exitsAwayFrom, failsAwayFrom } from "./pool-test-predicates.ts";
import { documentedOrderHolds } from "./ordering-property.ts";
import { aprFixture } from "./products/index.ts";
import { propertyContext } from "./property-context.ts";
import { POOL_MIN_CORES, PropertyPool, poolSize } from "./property-pool.ts";
import { POOL_MIN_RUNS } from "./run-settings.ts";

const pool = new PropertyPool(2);
const ctx = propertyContext(undefined, { pool });
afterAll(() => pool.close());
const module = new URL("./pool-test-predicates.ts", import.meta.url).href;
const runs = POOL_MIN_RUNS;

/** The same property in-thread and on the pool: the result, or the failure report. */
async function both(limit: number, skipEvery: number, seed = 42): Promise<[unknown, unknown]> {
  const arbitrary = fc.nat({ max: 1000 });
  // A failure's report, minus the stack (the two runs call from different lines).
  const settle = (p: Promise<unknown>) => p.then((r) => r, (e: unknown) => (e instanceof Error ? e.message.replace(/\n\s+at .*/g, "") : e));
  const base = { runs, seed, deepFactor: 1 };
  const inThread = await settle(checkProperty(arbitrary, belowLimit(ctx, limit, skipEvery), base));
  const pooled = { module, export: "belowLimit", args: [limit, skipEvery], pool: () => pool };
  const onPool = await settle(checkProperty(arbitrary, belowLimit(ctx, limit, skipEvery), { ...base, pooled }));
  return [inThread, onPool];
}

describe("the property pool runs the cases an in-thread run would", () => {
  it("a passing property passes with the same count of cases, skipped cases not counted", async () => {
    const before = pool.evaluated;
    const [inThread, onPool] = await both(5000, 4);
    expect(pool.evaluated - before).toBeGreaterThan(runs);
    expect(onPool).toEqual({ numRuns: runs, seed: 42 });
    expect(onPool).toEqual(inThread);
  });

  it("a failing property reports the same shrunk counter-example, replay path and count of cases", async () => {
    // Seed 14 first fails at its 14th value: the count must include the 13 cases that passed before it.
    const [inThread, onPool] = await both(900, 0, 14);
    expect(String(onPool)).toMatch(/property failed after 14 case\(s\).* is not below 900[\s\S]*LAB_SEED=14[\s\S]*counter-example: \[900\]/);
    expect(onPool).toEqual(inThread);
  });

  it("a thread that dies fails the run with why, and the next run starts a fresh thread", async () => {
    const pooled = { module, export: "exitsAwayFrom", args: [threadId], pool: () => pool };
    await expect(checkProperty(fc.nat(), exitsAwayFrom(ctx, threadId), { runs, seed: 1, deepFactor: 1, pooled })).rejects.toThrow(/a thread of the property pool died: it exited with code 3/);
    const [inThread, onPool] = await both(5000, 0);
    expect(onPool).toEqual(inThread);
  });

  it("a failure only in the pool's threads is reported as a determinism fault, not lost", async () => {
    const pooled = { module, export: "failsAwayFrom", args: [threadId], pool: () => pool };
    await expect(checkProperty(fc.nat(), failsAwayFrom(ctx, threadId), { runs, seed: 1, deepFactor: 1, pooled })).rejects.toThrow(/failed in the property pool but passed in-thread[\s\S]*is not thread/);
  });

  it("a run below POOL_MIN_RUNS stays in-thread (starting threads would cost more)", async () => {
    let asked = 0;
    const pooled = { module, export: "failsAwayFrom", args: [threadId], pool: () => (asked++, pool) };
    await expect(checkProperty(fc.nat(), failsAwayFrom(ctx, threadId), { runs: POOL_MIN_RUNS - 1, seed: 1, deepFactor: 1, pooled })).resolves.toEqual({ numRuns: POOL_MIN_RUNS - 1, seed: 1 });
    expect(asked).toBe(0);
  });

  it("a lab property runs on the pool: the documented APR order over 64 random plans", async () => {
    const before = pool.evaluated;
    expect(await documentedOrderHolds(aprFixture, ctx, { runs, seed: 3, deepFactor: 1 })).toEqual({ numRuns: runs, seed: 3 });
    expect(pool.evaluated - before).toBeGreaterThanOrEqual(runs);
  });

  it("LAB_POOL sets the threads and refuses nonsense", () => {
    expect(poolSize({ LAB_POOL: "3" })).toBe(3);
    expect(poolSize({ LAB_POOL: "0" })).toBe(0);
    expect(poolSize({}, 8)).toBe(8);
    expect(poolSize({}, POOL_MIN_CORES - 1)).toBe(0);
    expect(() => poolSize({ LAB_POOL: "two" })).toThrow(/LAB_POOL must be a whole number/);
    expect(() => new PropertyPool(1)).toThrow(/at least 2 threads/);
  });
});
