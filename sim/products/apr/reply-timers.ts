import { performance } from "node:perf_hooks";
import type { Clock } from "../../kernel/index.ts";
import type { ReplyTimers } from "./apr-requester.ts";

/** Timers on the lab clock: a retransmission is a clock event; whoever awaits the reply drives the clock. */
export function clockTimers(clock: Clock): ReplyTimers {
  return {
    after(ms, fn) {
      const event = clock.schedule(ms, fn, "apr.web retransmit");
      return () => void clock.cancel(event.id);
    },
  };
}

/**
 * Timers in host time, for the real transport (benchmark, `lab serve`): a
 * coarse wheel, because every request arms a retransmission timer that its
 * reply almost always cancels a millisecond later. Deadlines are rounded up
 * to `tickMs` and share one host timeout per tick; a cancel only clears its
 * entry. A timer fires no earlier than asked and at most a tick later, which
 * a 1.5 s retransmission does not notice.
 */
export function hostTimers(tickMs = 10): ReplyTimers {
  return new TimerWheel(tickMs);
}

interface Bucket {
  readonly tick: number;
  readonly fns: ((() => void) | undefined)[];
}

class TimerWheel implements ReplyTimers {
  /** Pending ticks, earliest first (with one retry delay, each new deadline is the latest). */
  #buckets: Bucket[] = [];
  /** Entries armed and not cancelled: with none, the host timer is dropped and keeps no process alive. */
  #live = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  constructor(private readonly tickMs: number) {}

  after(ms: number, fn: () => void): () => void {
    const tick = Math.ceil((performance.now() + ms) / this.tickMs); // host-time-ok: the real transport waits in real time
    const bucket = this.#bucketFor(tick);
    const at = bucket.fns.push(fn) - 1;
    this.#live++;
    if (tick < this.#armedFor) this.#arm(tick);
    return () => {
      if (bucket.fns[at] === undefined) return; // fired or cancelled already
      bucket.fns[at] = undefined; // the callback (and what it holds) can go at once
      if (--this.#live === 0) this.#disarm();
    };
  }

  #bucketFor(tick: number): Bucket {
    const buckets = this.#buckets;
    let i = buckets.length;
    while (i > 0 && buckets[i - 1]!.tick > tick) i--;
    if (i > 0 && buckets[i - 1]!.tick === tick) return buckets[i - 1]!;
    const bucket: Bucket = { tick, fns: [] };
    buckets.splice(i, 0, bucket);
    return bucket;
  }

  #arm(tick: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = tick;
    const delay = Math.max(0, tick * this.tickMs - performance.now()); // host-time-ok
    this.#timer = setTimeout(() => this.#fire(), delay); // host-time-ok
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    this.#buckets = [];
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    // Tick k is due once its end (k * tickMs, at or after every deadline in it) has passed: a host timer
    // firing a little early (libuv's cached loop time) just re-arms.
    const due = Math.floor(performance.now() / this.tickMs); // host-time-ok
    let n = 0;
    while (n < this.#buckets.length && this.#buckets[n]!.tick <= due) n++;
    const fired = this.#buckets.splice(0, n);
    // Every due callback runs even if one throws (as separate host timers would); the first error is rethrown after.
    let failed = false;
    let error: unknown;
    for (const bucket of fired) {
      for (let i = 0; i < bucket.fns.length; i++) {
        const fn = bucket.fns[i];
        if (fn === undefined) continue;
        bucket.fns[i] = undefined;
        this.#live--;
        try {
          fn();
        } catch (e) {
          if (!failed) [failed, error] = [true, e];
        }
      }
    }
    // A callback may have armed new entries (a retransmission) or cancelled them all.
    if (this.#live === 0) this.#disarm();
    else if (this.#buckets[0]!.tick !== this.#armedFor) this.#arm(this.#buckets[0]!.tick);
    if (failed) throw error;
  }
}
