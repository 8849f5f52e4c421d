import { describe, expect, it } from "vitest";
import { Rng } from "../../kernel/index.ts";
import { DedupCache } from "./dedup-cache.ts";

/** A request id per name, and replies as text: the cache holds bytes. */
const id = (name: string): Uint8Array => Buffer.alloc(16, name);
const bytes = (text: string): Uint8Array => Buffer.from(text);
const text = (reply: Uint8Array | undefined): string | undefined => (reply ? Buffer.from(reply).toString() : undefined);

/**
 * The dedup cache's memory, and its replay window: what it forgot while
 * still fresh (over capacity) or never saw (before a restart) it must say,
 * so the server can refuse a replay it can no longer recognise. What it
 * forgets by age moves no mark: the freshness window refuses those.
 */
describe("DedupCache", () => {
  it("remembers a reply for the TTL and forgets it after", () => {
    const cache = new DedupCache(60_000);
    cache.set(id("a"), bytes("reply-a"), 1000);
    expect(text(cache.get(id("a"), 61_000))).toBe("reply-a");
    expect(text(cache.get(id("a"), 61_001))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgetting by age moves no replay mark; forgetting over capacity marks the evicted stamp", () => {
    const aged = new DedupCache(10_000, 4);
    aged.set(id("a"), bytes("x"), 0, 500);
    aged.get(id("b"), 20_000);
    expect(aged.forgottenThrough).toBe(Number.NEGATIVE_INFINITY);

    const full = new DedupCache(60_000, 2);
    full.set(id("a"), bytes("x"), 1000, 900);
    full.set(id("b"), bytes("x"), 1001, 1200);
    expect(full.forgottenThrough).toBe(Number.NEGATIVE_INFINITY);
    full.set(id("c"), bytes("x"), 1002, 1100);
    expect(text(full.get(id("a"), 1003))).toBeUndefined();
    expect(full.forgottenThrough).toBe(900);
    full.set(id("d"), bytes("x"), 1004, 1300);
    expect(full.forgottenThrough).toBe(1200);
    expect([text(full.get(id("c"), 1005)), text(full.get(id("d"), 1005)), full.size]).toEqual(["x", "x", 2]);
  });

  it("the mark only moves forward, and a restart's mark holds before any entry", () => {
    const cache = new DedupCache(60_000, 10);
    cache.forgetThrough(5000);
    cache.forgetThrough(4000);
    expect(cache.forgottenThrough).toBe(5000);
    cache.set(id("a"), bytes("x"), 6000, 6000);
    expect(text(cache.get(id("a"), 6001))).toBe("x");
    expect(cache.forgottenThrough).toBe(5000);
  });

  it("after expiry of the oldest entry, the newer ones stay (the lookup fast path does not skip a due prune)", () => {
    const cache = new DedupCache(1000);
    cache.set(id("a"), bytes("x"), 0);
    cache.set(id("b"), bytes("y"), 500);
    expect(text(cache.get(id("b"), 1200))).toBe("y");
    expect(text(cache.get(id("a"), 1200))).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(text(cache.get(id("b"), 1501))).toBeUndefined();
    cache.set(id("c"), bytes("z"), 3000);
    expect([text(cache.get(id("c"), 3999)), cache.size]).toEqual(["z", 1]);
  });

  it("agrees with a plain model through ring growth, byte-ring wrap, index deletions and ids set again", () => {
    // The model is the obvious Map; the cache must answer every lookup, size and mark as it does.
    const ttl = 5000;
    for (const capacity of [3, 50, 1000]) {
      const rng = new Rng(capacity);
      const cache = new DedupCache(ttl, capacity);
      const model = new Map<string, { reply: string; at: number; stamp: number }>();
      let forgotten = Number.NEGATIVE_INFINITY;
      const prune = (now: number): void => {
        for (const [key, e] of model) {
          const expired = e.at < now - ttl;
          if (!expired && model.size <= capacity) break;
          if (!expired) forgotten = Math.max(forgotten, e.stamp);
          model.delete(key);
        }
      };
      // Few distinct ids, so lookups hit and ids come back; replies of very different lengths, so the byte ring wraps and grows.
      const ids = Array.from({ length: capacity * 3 }, (_, i) => `id${i}`);
      let now = 0;
      for (let step = 0; step < 20_000; step++) {
        now += rng.int(0, 3);
        const key = rng.pick(ids);
        const bytesOf = (k: string): Uint8Array => Buffer.concat([Buffer.from(k), Buffer.alloc(16 - k.length)]);
        if (rng.int(0, 2) === 0) {
          const reply = `${key}@${step}:${"r".repeat(rng.int(0, 300))}`;
          const stamp = now - rng.int(0, 100);
          cache.set(bytesOf(key), bytes(reply), now, stamp);
          const old = model.get(key);
          // Set again: the model (like the cache) keeps the newest reply and remembers it from now.
          if (old) model.delete(key);
          model.set(key, { reply, at: now, stamp });
          prune(now);
        } else {
          prune(now);
          expect(text(cache.get(bytesOf(key), now)), `step ${step}`).toBe(model.get(key)?.reply);
        }
        expect(cache.size).toBe(model.size);
        expect(cache.forgottenThrough).toBe(forgotten);
      }
    }
  });

  it("a reply it hands out is a copy: later entries do not change it", () => {
    const cache = new DedupCache(60_000, 2);
    cache.set(id("a"), bytes("first"), 0);
    const held = cache.get(id("a"), 1)!;
    for (let i = 0; i < 200; i++) cache.set(Buffer.alloc(16, i), bytes(`reply-${i}`.repeat(20)), 2);
    expect(text(held)).toBe("first");
  });

  it("refuses an id that is not 16 bytes", () => {
    expect(() => new DedupCache(1000).set(Buffer.alloc(8), bytes("x"), 0)).toThrow(RangeError);
  });
});
