/**
 * Recent request ids and the reply each got: a retransmitted request gets the
 * same reply again and is never applied twice. Entries leave in arrival
 * order once older than the TTL (the freshness window on both sides, so a
 * request still fresh enough to be accepted is always remembered) or when
 * the cache is over capacity (a bound on memory under a flood; then a very
 * old id may be forgotten early, and the freshness window still refuses it
 * once stale).
 */
export class DedupCache<V> {
  readonly #entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 200_000,
  ) {}

  get(key: string, now: number): V | undefined {
    this.#prune(now);
    return this.#entries.get(key)?.value;
  }

  set(key: string, value: V, now: number): void {
    this.#entries.set(key, { value, at: now });
    this.#prune(now);
  }

  get size(): number {
    return this.#entries.size;
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.capacity && entry.at >= now - this.ttlMs) break;
      this.#entries.delete(key);
    }
  }
}
