import { hash } from "node:crypto";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/** Derives a 32-bit seed from a parent seed and a name, without consuming any stream. */
export function deriveSeed(seed: number, name: string): number {
  // The first four bytes of SHA-256, little-endian and signed; a one-shot hash costs a third of createHash().
  // The digest as base64 text, whose first six characters carry those bytes, costs half of it as a Buffer
  // (a string, where a Buffer is memory outside the heap): every exchange of a page forks.
  const digest = hash("sha256", `${seed}\u0000${name}`, "base64");
  const v0 = sextet(digest, 0);
  const v1 = sextet(digest, 1);
  const v2 = sextet(digest, 2);
  const v3 = sextet(digest, 3);
  const v4 = sextet(digest, 4);
  const v5 = sextet(digest, 5);
  const b0 = (v0 << 2) | (v1 >> 4);
  const b1 = ((v1 & 15) << 4) | (v2 >> 2);
  const b2 = ((v2 & 3) << 6) | v3;
  const b3 = ((v4 << 2) | (v5 >> 4)) & 255;
  return b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
}

/** The six bits base64 character `i` of `text` stands for. */
function sextet(text: string, i: number): number {
  return BASE64_VALUES[text.charCodeAt(i)]!;
}

/** Each base64 character's value, by character code: a constant table. */
const BASE64_VALUES = (() => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const values = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
  return values;
})();

/**
 * The lab's only source of randomness. `fork(name)` gives a consumer its own
 * stream derived from the seed and the name, so adding a consumer never shifts
 * another's numbers.
 */
export class Rng {
  readonly #gen: JumpableRandomGenerator;

  constructor(readonly seed: number, readonly path: string = "root") {
    this.#gen = xoroshiro128plus(seed | 0);
  }

  fork(name: string): Rng {
    const path = `${this.path}/${name}`;
    return new Rng(deriveSeed(this.seed, path), path);
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return uniformInt(this.#gen, min, max);
  }

  /** Float in [0, 1). */
  float(): number {
    const hi = uniformInt(this.#gen, 0, (1 << 26) - 1);
    const lo = uniformInt(this.#gen, 0, (1 << 27) - 1);
    return (hi * 2 ** 27 + lo) / 2 ** 53;
  }

  chance(probability: number): boolean {
    return probability > 0 && this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** A fresh 32-bit seed for a library that wants a number (faker). */
  nextSeed(): number {
    return this.int(0, 0x7fffffff);
  }
}
