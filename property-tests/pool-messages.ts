/**
 * Where a pooled predicate comes from: `module` (a file URL) exports
 * `export`, a factory called in the worker as `factory(context, ...args)`
 * that returns the predicate. Arguments and case values cross threads by
 * structured clone: plain data only.
 */
export interface PooledPredicate {
  readonly module: string;
  readonly export: string;
  readonly args: readonly unknown[];
}

/** One case for a worker: its run, the index of the value in fast-check's stream, and the value. */
export interface CaseMessage {
  /** Echoed in the outcome: an outcome of an earlier run (a run ended by a dead thread) is told apart and dropped. */
  readonly run: number;
  readonly job: PooledPredicate;
  readonly index: number;
  readonly value: unknown;
}

/** A case's outcome: passed, skipped (fc.pre), or failed with the error's message. */
export type CaseOutcome = { readonly index: number; readonly outcome: "passed" | "skipped" } | { readonly index: number; readonly outcome: "failed"; readonly message: string };

/** What a thread answers: the outcome of one case of a run. */
export type RunOutcome = CaseOutcome & { readonly run: number };
