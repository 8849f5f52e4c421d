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

/**
 * Work for the clock whose label is made only when asked (an error, `pending()`):
 * a packet's label names hosts and ports, and nearly every packet arrives
 * without anyone reading it.
 */
export interface ClockTask {
  run(): void;
  label(): string;
}

class Pending implements ScheduledEvent {
  constructor(
    readonly id: number,
    readonly at: number,
    private readonly work: (() => void) | ClockTask,
    private readonly text: string,
  ) {}

  get label(): string {
    const work = this.work;
    return typeof work === "function" ? this.text : work.label();
  }

  run(): void {
    const work = this.work;
    if (typeof work === "function") work();
    else work.run();
  }
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
  schedule(delayMs: number, run: (() => void) | ClockTask, label = "event"): ScheduledEvent {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delay must be a finite, non-negative number of ms, got ${delayMs}`);
    const event = new Pending(this.#nextId++, this.#now + delayMs, run, label);
    // Stable insertion keeps ties in FIFO order, which keeps runs deterministic. Moved by hand rather than
    // spliced: a splice makes an array of what it removed, and every packet and timer of a page schedules.
    const queue = this.#queue;
    let i = queue.length;
    queue.push(event);
    while (i > 0 && queue[i - 1]!.at > event.at) {
      queue[i] = queue[i - 1]!;
      i--;
    }
    queue[i] = event;
    // The queued event is the answer (typed as ScheduledEvent): a packet or timer schedules several per page.
    return event;
  }

  cancel(id: number): boolean {
    const queue = this.#queue;
    let i = 0;
    while (i < queue.length && queue[i]!.id !== id) i++;
    if (i === queue.length) return false;
    // Closed up by hand, as schedule inserts: no array of the removed event.
    for (; i < queue.length - 1; i++) queue[i] = queue[i + 1]!;
    queue.pop();
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
