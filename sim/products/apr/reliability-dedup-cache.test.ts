import { describe, expect, it } from "vitest";
import { DedupCache } from "./dedup-cache.ts";

/**
 * The dedup cache's memory, and its replay window: what it forgot while
 * still fresh (over capacity) or never saw (before a restart) it must say,
 * so the server can refuse a replay it can no longer recognise. What it
 * forgets by age moves no mark: the freshness window refuses those.
 */
describe("DedupCache", () => {
  it("remembers a reply for the TTL and forgets it after", () => {
    const cache = new DedupCache<string>(60_000);
    cache.set("a", "reply-a", 1000);
    expect(cache.get("a", 61_000)).toBe("reply-a");
    expect(cache.get("a", 61_001)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgetting by age moves no replay mark; forgetting over capacity marks the evicted stamp", () => {
    const aged = new DedupCache<string>(10_000, 4);
    aged.set("a", "x", 0, 500);
    aged.get("b", 20_000);
    expect(aged.forgottenThrough).toBe(Number.NEGATIVE_INFINITY);

    const full = new DedupCache<string>(60_000, 2);
    full.set("a", "x", 1000, 900);
    full.set("b", "x", 1001, 1200);
    expect(full.forgottenThrough).toBe(Number.NEGATIVE_INFINITY);
    full.set("c", "x", 1002, 1100);
    expect(full.get("a", 1003)).toBeUndefined();
    expect(full.forgottenThrough).toBe(900);
    full.set("d", "x", 1004, 1300);
    expect(full.forgottenThrough).toBe(1200);
    expect([full.get("c", 1005), full.get("d", 1005), full.size]).toEqual(["x", "x", 2]);
  });

  it("the mark only moves forward, and a restart's mark holds before any entry", () => {
    const cache = new DedupCache<string>(60_000, 10);
    cache.forgetThrough(5000);
    cache.forgetThrough(4000);
    expect(cache.forgottenThrough).toBe(5000);
    cache.set("a", "x", 6000, 6000);
    expect(cache.get("a", 6001)).toBe("x");
    expect(cache.forgottenThrough).toBe(5000);
  });

  it("after expiry of the oldest entry, the newer ones stay (the lookup fast path does not skip a due prune)", () => {
    const cache = new DedupCache<string>(1000);
    cache.set("a", "x", 0);
    cache.set("b", "y", 500);
    expect(cache.get("b", 1200)).toBe("y");
    expect(cache.get("a", 1200)).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.get("b", 1501)).toBeUndefined();
    cache.set("c", "z", 3000);
    expect([cache.get("c", 3999), cache.size]).toEqual(["z", 1]);
  });
});
