/**
 * Lab time. Nothing in the simulation reads the host clock: time moves only
 * when the lab advances it, so a run replays identically from its seed.
 */

/** Lab time zero, as a calendar instant (certificates need real dates). */
export const LAB_EPOCH_MS = Date.UTC(2026, 0, 5, 9, 0, 0); // host-time-ok: a fixed constant, not a reading

export interface ScheduledEvent {
  readonly id: number;
  readonly at: number;
  readonly label: string;
}

interface Pending extends ScheduledEvent {
  readonly run: () => void;
}

export class Clock {
  #now = 0;
  #nextId = 1;
  #queue: Pending[] = [];

  constructor(readonly epochMs: number = LAB_EPOCH_MS) {}

  /** Milliseconds of lab time since the lab started. */
  now(): number {
    return this.#now;
  }

  /** The current lab instant as a calendar date. */
  date(): Date {
    return new Date(this.epochMs + this.#now);
  }

  /** Runs `run` after `delayMs` of lab time; ties run in scheduling order. */
  schedule(delayMs: number, run: () => void, label = "event"): ScheduledEvent {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delay must be a finite, non-negative number of ms, got ${delayMs}`);
    const event: Pending = { id: this.#nextId++, at: this.#now + delayMs, label, run };
    // Stable insertion keeps ties in FIFO order, which keeps runs deterministic.
    let i = this.#queue.length;
    while (i > 0 && this.#queue[i - 1]!.at > event.at) i--;
    this.#queue.splice(i, 0, event);
    // The queued event is the answer (typed as ScheduledEvent): a packet or timer schedules several per page.
    return event;
  }

  cancel(id: number): boolean {
    const i = this.#queue.findIndex((e) => e.id === id);
    if (i < 0) return false;
    this.#queue.splice(i, 1);
    return true;
  }

  /** When the next event is due (undefined when none is scheduled): what a driver asks before every step. */
  nextAt(): number | undefined {
    return this.#queue[0]?.at;
  }

  pending(): readonly ScheduledEvent[] {
    return this.#queue.map(({ id, at, label }) => ({ id, at, label }));
  }

  /** Moves time forward by `ms`, running every event due on the way, in order. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a finite, non-negative ms, got ${ms}`);
    const until = this.#now + ms;
    let ran = 0;
    for (;;) {
      const next = this.#queue[0];
      if (!next || next.at > until) break;
      this.#queue.shift();
      this.#now = next.at;
      next.run();
      ran++;
    }
    this.#now = until;
    return ran;
  }

  /** Runs events until none is left (or `maxEvents` ran, against runaway timers). */
  runUntilIdle(maxEvents = 1_000_000): number {
    let ran = 0;
    for (;;) {
      const next = this.#queue.shift();
      if (!next) return ran;
      if (ran >= maxEvents) {
        this.#queue.unshift(next);
        throw new Error(`runUntilIdle: more than ${maxEvents} events; a timer keeps rescheduling itself (last: ${next.label})`);
      }
      this.#now = Math.max(this.#now, next.at);
      next.run();
      ran++;
    }
  }

  /** Jumps the clock without running events in between (a fault: clock skew). */
  jump(ms: number): void {
    this.#now = Math.max(0, this.#now + ms);
  }
}
