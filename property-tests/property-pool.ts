import fc from "fast-check";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { evaluateCase } from "./evaluate-case.ts";
import type { CaseMessage, CaseOutcome, PooledPredicate, RunOutcome } from "./pool-messages.ts";

/** Cases in flight per thread: the next ones wait in the thread's queue, so it never idles waiting for the main thread. */
const DEPTH = 3;

/** fast-check's default: a property may skip (fc.pre) up to 100 cases per run before it fails for it. */
const MAX_SKIPS_PER_RUN = 100;

/** The first failing case of a pooled run, by its index in fast-check's stream of values, and the cases that passed before it. */
export interface PooledFailure {
  readonly index: number;
  readonly message: string;
  readonly passedBefore: number;
}

/** What a pooled run found: every case passed, the first failing one, or too many skips (let fast-check say so). */
export type PooledVerdict = { readonly kind: "passed"; readonly numRuns: number } | { readonly kind: "failed"; readonly failure: PooledFailure } | { readonly kind: "too-many-skips" };

/**
 * Below this many cores the pool is off unless LAB_POOL asks for it: on a
 * 2-vCPU machine two lanes ran a deep property file only 0-10 % faster
 * (bench/random-plans: x0.9-1.3 plans/s), the two vCPUs sharing more than
 * they seem to, for a second of thread start-up.
 */
export const POOL_MIN_CORES = 4;

/** LAB_POOL: lanes of the property pool (0 or 1: none); by default the machine's cores when it has POOL_MIN_CORES or more. */
export function poolSize(env: Readonly<Record<string, string | undefined>> = process.env, cores: number = availableParallelism()): number {
  const pinned = env["LAB_POOL"];
  if (pinned !== undefined && pinned !== "") {
    const size = Number(pinned);
    if (!Number.isInteger(size) || size < 0) throw new Error(`LAB_POOL must be a whole number of threads, got "${pinned}"`);
    return size;
  }
  return cores >= POOL_MIN_CORES ? cores : 0;
}

let shared: PropertyPool | undefined;

/**
 * The process's pool, started on first use (undefined with fewer than 2
 * threads). One per process rather than one per test file: each thread
 * loads the whole lab once (a second or so), and vitest runs the property
 * files one after another in one worker, so they can share the threads.
 */
export function sharedPool(): PropertyPool | undefined {
  if (shared) return shared;
  const size = poolSize();
  return size >= 2 ? (shared = new PropertyPool(size)) : undefined;
}

/**
 * Worker threads that evaluate a property's cases side by side: a plan is a
 * whole lab built and run, each independent of the others, so a deep run
 * uses every core. The values come from fast-check's own stream
 * (`fc.sample` with the run's seed gives the values `fc.check` would
 * test, in the same order), so the cases are the ones an in-thread run
 * tests; the run stops where an in-thread run would (after `numRuns` passed
 * cases, or at the first failing one in stream order). Shrinking is left to
 * fast-check in-thread, from the failing case's index (see checkProperty).
 */
export class PropertyPool {
  readonly #workers: Worker[] = [];
  #busy = false;
  #evaluated = 0;
  #runs = 0;
  /** The current run's answer and failure handlers (none between runs). */
  #current: { readonly onOutcome: (worker: Worker, outcome: RunOutcome) => void; readonly fail: (error: Error) => void } | undefined;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2) throw new Error(`a property pool needs at least 2 threads, got ${size}`);
    // size counts lanes: with a local predicate, this thread is one of them.
  }

  /**
   * Evaluates the cases of `arbitrary` from `seed` until `numRuns` pass or
   * one fails. With `local` (the same predicate, built in this thread), this
   * thread evaluates cases too, as one of the pool's `size` lanes: it would
   * otherwise only wait.
   */
  async run<T>(arbitrary: fc.Arbitrary<T>, job: PooledPredicate, seed: number, numRuns: number, local?: (value: T) => Promise<void>): Promise<PooledVerdict> {
    if (this.#busy) throw new Error("the property pool runs one property at a time");
    this.#busy = true;
    try {
      return await this.#run(arbitrary, job, seed, numRuns, local);
    } finally {
      this.#busy = false;
      for (const worker of this.#workers) worker.unref();
    }
  }

  /** Cases the threads have evaluated so far (passed, skipped or failed). */
  get evaluated(): number {
    return this.#evaluated;
  }

  /** Ends the threads (they are unref'd between runs, so a forgotten pool does not keep the process alive). */
  async close(): Promise<void> {
    await Promise.all(this.#workers.splice(0).map((w) => w.terminate()));
  }

  async #run<T>(arbitrary: fc.Arbitrary<T>, job: PooledPredicate, seed: number, numRuns: number, local?: (value: T) => Promise<void>): Promise<PooledVerdict> {
    const limit = numRuns * (MAX_SKIPS_PER_RUN + 1);
    let values: T[] = fc.sample(arbitrary, { seed, numRuns: Math.min(limit, Math.ceil(numRuns * 1.25)) });
    const outcomes = new Map<number, CaseOutcome>();
    let next = 0;
    let passed = 0;
    let inFlight = 0;
    let firstFailure: number | undefined;
    let tooManySkips = false;
    let localBusy = false;
    let over = false;
    const run = ++this.#runs;

    const workers = this.#threads(Math.min(this.size - (local ? 1 : 0), numRuns));
    const queued = new Map<Worker, number>(workers.map((w) => [w, 0]));
    await new Promise<void>((resolve, reject) => {
      /** The next case that could still count (an in-thread run stops after numRuns passed cases, or at a failure), if any. */
      const nextCase = (): number | undefined => {
        if (passed + inFlight >= numRuns || (firstFailure !== undefined && next >= firstFailure)) return undefined;
        if (next >= values.length) {
          if (values.length >= limit) {
            tooManySkips = true;
            return undefined;
          }
          values = fc.sample(arbitrary, { seed, numRuns: Math.min(limit, values.length * 2) });
        }
        inFlight++;
        return next++;
      };
      const record = (outcome: CaseOutcome): void => {
        inFlight--;
        this.#evaluated++;
        outcomes.set(outcome.index, outcome);
        if (outcome.outcome === "passed") passed++;
        if (outcome.outcome === "failed" && (firstFailure === undefined || outcome.index < firstFailure)) firstFailure = outcome.index;
      };
      const feed = (worker: Worker): void => {
        for (let index: number | undefined; queued.get(worker)! < DEPTH && (index = nextCase()) !== undefined; ) {
          queued.set(worker, queued.get(worker)! + 1);
          worker.postMessage({ run, job, index, value: values[index] } satisfies CaseMessage);
        }
      };
      /** Gives out what can still be given out; when nothing is left and nothing is in flight, the run is over. */
      const schedule = (): void => {
        if (over) return;
        for (const worker of workers) feed(worker);
        if (local && !localBusy) {
          const index = nextCase();
          if (index !== undefined) {
            localBusy = true;
            void evaluateCase(local, index, values[index]!).then((outcome) => {
              record(outcome);
              localBusy = false;
              // A turn of the event loop first: the threads' answers wait while this thread runs a case.
              setImmediate(schedule);
            }, reject);
          }
        }
        if (inFlight === 0) resolve();
      };
      this.#current = {
        onOutcome: (worker, outcome) => {
          if (outcome.run !== run || !queued.has(worker)) return;
          queued.set(worker, queued.get(worker)! - 1);
          record(outcome);
          schedule();
        },
        fail: reject,
      };
      for (const worker of workers) worker.ref();
      schedule();
    }).finally(() => {
      // Nothing of this run goes on: no local case is started by a pending turn, no late answer is counted.
      over = true;
      this.#current = undefined;
    });

    // Walk the cases in stream order, as fast-check would have met them.
    let counted = 0;
    for (let index = 0; index < next; index++) {
      const outcome = outcomes.get(index);
      if (!outcome) break;
      if (outcome.outcome === "failed") return { kind: "failed", failure: { index, message: outcome.message, passedBefore: counted } };
      if (outcome.outcome === "passed" && ++counted === numRuns) return { kind: "passed", numRuns };
    }
    if (tooManySkips) return { kind: "too-many-skips" };
    throw new Error(`the property pool stopped after ${counted} of ${numRuns} passed cases without a failure (a bug of the pool)`);
  }

  #threads(count: number): Worker[] {
    while (this.#workers.length < count) this.#workers.push(this.#start());
    return this.#workers.slice(0, count);
  }

  /**
   * A thread, with listeners for its whole life: its answers go to the
   * current run; if it dies (an error, an exit, a message it cannot read) it
   * leaves the pool, so the next run starts a fresh one, and the current run
   * fails with why rather than waiting for answers that will never come.
   */
  #start(): Worker {
    const worker = new Worker(new URL("./pool-worker.mjs", import.meta.url));
    worker.unref();
    const die = (why: string) => {
      const at = this.#workers.indexOf(worker);
      if (at < 0) return;
      this.#workers.splice(at, 1);
      void worker.terminate();
      this.#current?.fail(new Error(`a thread of the property pool died: ${why}`));
    };
    worker.on("message", (outcome: RunOutcome) => this.#current?.onOutcome(worker, outcome));
    worker.on("error", (error) => die(error instanceof Error ? error.message : String(error)));
    worker.on("messageerror", (error) => die(`a message it could not read: ${error.message}`));
    worker.on("exit", (code) => die(`it exited with code ${code}`));
    return worker;
  }
}
