/**
 * Recent request ids and the reply each got: a retransmitted request gets the
 * same reply again and is never applied twice. Entries leave in arrival
 * order once older than the TTL (the freshness window on both sides, so a
 * request still fresh enough to be accepted is always remembered) or when
 * the cache is over capacity (a bound on memory under a flood).
 *
 * What it had to forget early, or never saw (answered before the service
 * started), it cannot tell from a replay: `forgottenThrough` is the newest
 * request timestamp of that kind, and the server refuses an unknown request
 * stamped at or before it (the replay window of IPsec and Kerberos).
 */
export class DedupCache<V> {
  readonly #entries = new Map<string, { value: V; at: number; stamp: number }>();
  #forgottenThrough = Number.NEGATIVE_INFINITY;
  /** When the oldest entry was stored: until it expires, a lookup need not walk the map. */
  #oldestAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 200_000,
  ) {}

  get(key: string, now: number): V | undefined {
    this.#prune(now);
    return this.#entries.get(key)?.value;
  }

  /** `stamp` is the request's own timestamp (the sender's clock), which a replay carries unchanged. */
  set(key: string, value: V, now: number, stamp: number = now): void {
    if (this.#entries.size === 0) this.#oldestAt = now;
    this.#entries.set(key, { value, at: now, stamp });
    this.#prune(now);
  }

  /** Requests stamped at or before this may have been answered and forgotten. */
  get forgottenThrough(): number {
    return this.#forgottenThrough;
  }

  /** Marks everything stamped at or before `stamp` as possibly answered (what a restarted service must assume). */
  forgetThrough(stamp: number): void {
    this.#forgottenThrough = Math.max(this.#forgottenThrough, stamp);
  }

  get size(): number {
    return this.#entries.size;
  }

  #prune(now: number): void {
    if (this.#oldestAt >= now - this.ttlMs && this.#entries.size <= this.capacity) return;
    this.#oldestAt = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.#entries) {
      const expired = entry.at < now - this.ttlMs;
      if (!expired && this.#entries.size <= this.capacity) {
        this.#oldestAt = entry.at;
        break;
      }
      // Past the TTL the freshness window refuses a replay anyway; before it, only this mark does.
      if (!expired) this.forgetThrough(entry.stamp);
      this.#entries.delete(key);
    }
  }
}
