import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSeed, Rng } from "./rng.ts";

const draw = (rng: Rng, n = 8): number[] => Array.from({ length: n }, () => rng.int(0, 1_000_000));

describe("Rng", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    expect(draw(new Rng(42))).toEqual(draw(new Rng(42)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng(43)));
  });

  it("forks by name without shifting the parent or sibling streams", () => {
    const a = new Rng(7);
    const netBefore = draw(a.fork("net"));
    const parentBefore = draw(a);

    const b = new Rng(7);
    draw(b.fork("a-new-consumer"), 100); // a new consumer draws a lot
    expect(draw(b.fork("net"))).toEqual(netBefore);
    expect(draw(b)).toEqual(parentBefore);
    expect(draw(new Rng(7).fork("net"))).not.toEqual(draw(new Rng(7).fork("disk")));
  });

  it("keeps values in range and floats in [0,1)", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(-3, 3);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThanOrEqual(3);
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    expect(new Rng(1).chance(0)).toBe(false);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(rng.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });

  it("derives a seed as the first four bytes of SHA-256 of seed and name, little-endian and signed", () => {
    for (let i = 0; i < 2000; i++) {
      const seed = (i * 2654435761) | 0;
      const name = `root/apr/web/WEB${i % 7}/${i * 13}/${i}é`;
      expect(deriveSeed(seed, name)).toBe(createHash("sha256").update(`${seed}\u0000${name}`).digest().readInt32LE(0));
    }
  });
});
