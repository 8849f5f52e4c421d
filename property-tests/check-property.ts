import fc from "fast-check";
import { CaseFailure } from "./case-failure.ts";
import type { PooledPredicate } from "./pool-messages.ts";
import type { PropertyPool } from "./property-pool.ts";
import { POOL_MIN_RUNS, propertyRuns, propertySeed } from "./run-settings.ts";

export interface PropertyOptions {
  /** Cases in `npm test`; LAB_DEEP multiplies it. */
  readonly runs: number;
  /** Multiplier under LAB_DEEP (default: run-settings' DEEP_FACTOR). */
  readonly deepFactor?: number;
  /** Overrides LAB_SEED / the CI seed (this helper's own tests). */
  readonly seed?: number;
  /** The test file, for the replay command. */
  readonly file?: string;
  /**
   * The same predicate as the worker threads build it, and the pool to run it
   * on: a run of at least POOL_MIN_RUNS cases (a deep run) is spread over the
   * pool; fewer run in-thread, where starting the threads would cost more.
   * The threads build the predicate from `module`/`export`/`args` alone,
   * over the default registry: a property with its own registry or fixture
   * objects must not be pooled.
   */
  readonly pooled?: PooledPredicate & { readonly pool: () => PropertyPool | undefined };
}

export interface PropertyRun {
  readonly numRuns: number;
  readonly seed: number;
}

/**
 * Runs an async property and, when it fails, throws one error that says
 * everything needed: the property's message, the command that replays it
 * (the seed; LAB_PATH skips straight to the shrunk case), and the shrunk
 * counter-example's scenario as YAML when the property ran one.
 */
export async function checkProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, options: PropertyOptions): Promise<PropertyRun> {
  const seed = options.seed ?? propertySeed();
  const numRuns = propertyRuns(options.runs, options.deepFactor);
  let path = options.seed === undefined ? process.env["LAB_PATH"] : undefined;
  const pool = options.pooled && !path && numRuns >= POOL_MIN_RUNS ? options.pooled.pool() : undefined;
  let pooled: { readonly message: string; readonly passedBefore: number } | undefined;
  if (pool && options.pooled) {
    const { module, export: name, args } = options.pooled;
    const verdict = await pool.run(arbitrary, { module, export: name, args }, seed, numRuns, predicate);
    if (verdict.kind === "passed") return { numRuns: verdict.numRuns, seed };
    // A failing case is shrunk in-thread by fast-check, starting from its index in the same stream.
    if (verdict.kind === "failed") {
      path = String(verdict.failure.index);
      pooled = verdict.failure;
    }
  }
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), { seed, numRuns, ...(path ? { path } : {}) });
  // A replay from the pool's failing case counts from there: the cases that passed before it count too, as in-thread.
  if (details.failed) throw new Error(formatFailure(pooled ? { ...details, numRuns: details.numRuns + pooled.passedBefore } : details, options.file));
  if (pooled) {
    throw new Error(`case ${path} of seed ${seed} failed in the property pool but passed in-thread (the lab is not deterministic across threads): ${pooled.message}`);
  }
  return { numRuns: details.numRuns, seed };
}

/** The failure report: message, replay, counter-example YAML. */
export function formatFailure<T>(details: fc.RunDetails<[T]>, file?: string): string {
  const error = details.errorInstance;
  const cause = error instanceof Error ? error.message : String(error ?? "the property returned false");
  const lines = [
    `property failed after ${details.numRuns} case(s) and ${details.numShrinks} shrink(s): ${cause}`,
    `replay: LAB_SEED=${details.seed} npx vitest run ${file ?? "property-tests"}   (the shrunk case alone: add LAB_PATH="${details.counterexamplePath ?? ""}")`,
  ];
  if (error instanceof CaseFailure) {
    lines.push(`counter-example (${error.label}), a scenario to drop into scenarios/${String(error.raw["product"])}/:`, error.yaml());
  } else {
    lines.push(`counter-example: ${fc.stringify(details.counterexample)}`);
    if (error instanceof Error && error.stack) lines.push(error.stack);
  }
  return lines.join("\n");
}
