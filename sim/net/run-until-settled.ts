import { LabError, type Clock } from "../kernel/index.ts";

/**
 * Moves the lab clock, event by event, until `promise` settles, and returns
 * its value. Between events it lets pending promise callbacks run (an async
 * handler's answer is scheduled from one), so simulated async code completes
 * without host time passing. Other timers due later are left alone.
 */
export function runUntilSettled<T>(clock: Clock, promise: Promise<T>, maxEvents = 100_000): Promise<T> {
  return new Promise<T>((resolve, reject) => new Driver(clock, promise, maxEvents, resolve, reject).start());
}

/**
 * One run's loop as a record and methods rather than an async function
 * awaiting a new promise per event: the same promise jobs in the same order
 * (a drain's end queues one job that steps, as the await's resumption did;
 * the value comes one job after the last step, as `return await` gave it),
 * with a fraction of the objects per clock event.
 */
class Driver<T> {
  #settled = false;
  #ran = 0;
  /** The loop's three callbacks, bound once per run (made per drain, they were most of a drain's cost). */
  readonly #step: () => void;
  readonly #afterTick: () => void;
  readonly #afterCallbacks: () => void;

  constructor(
    private readonly clock: Clock,
    private readonly promise: Promise<T>,
    private readonly maxEvents: number,
    private readonly resolve: (value: T) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.#step = this.step.bind(this);
    this.#afterTick = this.afterTick.bind(this);
    this.#afterCallbacks = this.afterCallbacks.bind(this);
  }

  start(): void {
    const settle = (): void => void (this.#settled = true);
    this.promise.then(settle, settle);
    this.#drain();
  }

  afterCallbacks(): void {
    process.nextTick(this.#afterTick);
  }

  afterTick(): void {
    void SETTLED.then(this.#step);
  }

  step(): void {
    if (this.#settled) {
      this.promise.then(this.resolve, this.reject);
      return;
    }
    try {
      const { clock } = this;
      const at = clock.nextAt();
      if (at === undefined) {
        throw new LabError({ code: "NET_STALLED", message: "waiting on the lab clock, but nothing is scheduled and the operation has not finished", remedy: "A handler never answered, or the operation waits on something outside the lab." });
      }
      if (this.#ran >= this.maxEvents) throw new LabError({ code: "NET_RUNAWAY", message: `runUntilSettled: more than ${this.maxEvents} events (last: ${clock.pending()[0]!.label})` });
      this.#ran++;
      clock.advance(at - clock.now());
    } catch (error) {
      this.reject(error);
      return;
    }
    this.#drain();
  }

  /**
   * Steps once every queued promise callback has run, including the ones
   * those queue. A nextTick queued from inside a promise callback runs only
   * after Node has emptied the whole microtask queue, so this waits exactly
   * as long as a setImmediate would for promise-only code, without a turn of
   * the event loop (the simulation awaits nothing outside the lab). A
   * reaction of a settled promise is a microtask of the same queue as
   * queueMicrotask's, without the AsyncResource Node makes for each of those.
   */
  #drain(): void {
    SETTLED.then(this.#afterCallbacks);
  }
}

/** An already settled promise, shared: it holds no value and nothing of any lab. */
const SETTLED: Promise<void> = Promise.resolve();
