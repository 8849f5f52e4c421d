import { createHash, type Hash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import type { Clock } from "./clock.ts";

export interface TraceEvent {
  /** Sequence number, the event's id for evidence ("trace #42"). */
  readonly id: number;
  /** Lab time in ms. */
  readonly time: number;
  readonly host: string;
  readonly component: string;
  readonly kind: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type TraceInput = Omit<TraceEvent, "id" | "time">;

/**
 * Append-only record of what happened in the lab. Its canonical form and hash
 * are the determinism check: same lab, seed and actions give the same hash.
 */
export class Trace {
  readonly #events: TraceEvent[] = [];
  /** The hash state over the first `#hashed` events: events are frozen and only appended, so it only ever grows. */
  #hasher: Hash | undefined;
  #hashed = 0;

  constructor(private readonly clock: Clock) {}

  record(event: { host: string; component: string; kind: string; data?: Record<string, unknown> }): TraceEvent {
    return this.#append(event, copyData(event.data));
  }

  /**
   * As `record`, for data made for this event alone, which the caller keeps
   * no reference to (a literal built for the call): frozen as it is instead
   * of copied first. Every packet delivered records one.
   */
  recordOwn(event: { host: string; component: string; kind: string; data: Record<string, unknown> }): TraceEvent {
    return this.#append(event, event.data);
  }

  #append(event: { host: string; component: string; kind: string }, data: Record<string, unknown>): TraceEvent {
    const entry: TraceEvent = Object.freeze({
      id: this.#events.length + 1,
      time: this.clock.now(),
      host: event.host,
      component: event.component,
      kind: event.kind,
      data: Object.freeze(data),
    });
    this.#events.push(entry);
    return entry;
  }

  get events(): readonly TraceEvent[] {
    return this.#events;
  }

  get length(): number {
    return this.#events.length;
  }

  get(id: number): TraceEvent | undefined {
    return this.#events[id - 1];
  }

  /** Events after the given id (exclusive): what one step did. */
  since(id: number): readonly TraceEvent[] {
    return this.#events.slice(id);
  }

  find(predicate: (event: TraceEvent) => boolean, afterId = 0): TraceEvent[] {
    return this.#events.slice(afterId).filter(predicate);
  }

  /** One canonical JSON line per event. */
  canonical(): string {
    return this.#events.map((e) => canonicalJson(e)).join("\n");
  }

  /** SHA-256 of the canonical lines, each ended by a newline (`traceHash`); asked again, it hashes only the events since. */
  hash(): string {
    const h = (this.#hasher ??= createHash("sha256"));
    for (; this.#hashed < this.#events.length; this.#hashed++) h.update(`${canonicalJson(this.#events[this.#hashed])}\n`);
    return h.copy().digest("hex");
  }
}

/**
 * A copy of an event's data (the caller keeps its object). Object.assign
 * rather than a spread: V8 freezes an assigned copy in well under half the
 * time of a spread one, and every event is frozen. An own "__proto__" key
 * would be a prototype to assign, not a field: that rare object is spread.
 */
function copyData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  if (data == null) return {};
  return Object.hasOwn(data, "__proto__") ? { ...data } : Object.assign({}, data);
}

/** The hash `Trace.hash` gives for these events, from the events alone (a result that outlives its lab). */
export function traceHash(events: readonly TraceEvent[]): string {
  const h = createHash("sha256");
  for (const e of events) h.update(`${canonicalJson(e)}\n`);
  return h.digest("hex");
}
