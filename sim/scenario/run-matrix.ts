import { LabError } from "../kernel/index.ts";
import type { Scenario } from "./scenario.ts";

/** One (scenario, seed) pair to run. */
export interface RunItem {
  readonly scenario: Scenario;
  readonly seed: number;
}

export interface MatrixOptions {
  /** Replaces each scenario's own seed. */
  readonly seed?: number;
  /** Runs each scenario at `count` consecutive seeds: base, base + 1, ..., base + count - 1. */
  readonly seeds?: number;
  readonly shard?: Shard;
}

/** 1-based shard `index` of `count`, as `--shard 2/4` (vitest's convention). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Expands scenarios into (scenario, seed) items; a shard keeps every
 * `count`-th item from its index on, so the shards of one matrix are
 * disjoint, cover it, and each item runs exactly as it would unsharded.
 */
export function runMatrix(scenarios: readonly Scenario[], options: MatrixOptions = {}): RunItem[] {
  const count = options.seeds ?? 1;
  const items: RunItem[] = [];
  for (const scenario of scenarios) {
    const base = options.seed ?? scenario.seed;
    // Seeds stay 32-bit signed, as the lab rng takes them.
    for (let k = 0; k < count; k++) items.push({ scenario, seed: (base + k) | 0 });
  }
  const shard = options.shard;
  return shard ? items.filter((_, i) => i % shard.count === shard.index - 1) : items;
}

/** Parses `i/n` with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new LabError({ code: "BAD_ARGUMENT", message: `--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 1/4` });
  }
  return { index, count };
}

/** Parses a whole number argument (seeds may be negative; counts may not). */
export function parseInteger(text: string, option: string, min = -(2 ** 31)): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > 2 ** 31 - 1) {
    throw new LabError({ code: "BAD_ARGUMENT", message: `${option} ${text}: expected a whole number${min > -(2 ** 31) ? ` of at least ${min}` : ""}` });
  }
  return n;
}
