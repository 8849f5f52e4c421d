import { REQUEST_ID_BYTES } from "./wire-format.ts";

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
 *
 * Why typed arrays and not a Map of objects: at full rate the cache holds
 * hundreds of thousands of entries for a minute, and as JS objects (a key
 * string, an entry, a Buffer each) every one of them was copied by the
 * young-generation GC and then marked by the old one, which cost the server
 * more CPU per reset than the handler's own JSON. Here an entry is a slot of
 * a ring (arrival order), found through an open-addressing index, and its
 * reply is copied into a byte ring in the same order: nothing per entry for
 * the GC to see.
 */
export class DedupCache {
  #slots = MIN_SLOTS;
  /** Ring of entries, entry `seq` in slot `seq & (slots - 1)`: the id's four words, its hash, times and reply. */
  #ids: Int32Array;
  #hashes: Int32Array;
  #at: Float64Array;
  #stamps: Float64Array;
  /** Where the reply starts in the byte ring, as an ever-growing offset (position = offset mod its length). */
  #replyAt: Float64Array;
  #replyLength: Int32Array;
  #head = 0;
  #tail = 0;
  /** Linear probing, twice the ring's size: slot + 1 per used cell, 0 when empty. */
  #index: Int32Array;
  /** Ids with a live entry (a set of a remembered id leaves the older entry behind, unindexed). */
  #count = 0;
  #bytes = zeroed(MIN_BYTES);
  #bytesEnd = 0;
  #forgottenThrough = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 200_000,
  ) {
    const ring = ringOf(MIN_SLOTS);
    this.#ids = ring.ids;
    this.#hashes = ring.hashes;
    this.#at = ring.at;
    this.#stamps = ring.stamps;
    this.#replyAt = ring.replyAt;
    this.#replyLength = ring.replyLength;
    this.#index = ring.index;
  }

  /** The reply remembered for this request id: a copy, so the caller may hold it while the ring moves on. */
  get(id: Uint8Array, now: number): Uint8Array | undefined {
    this.#prune(now);
    const slot = this.#find(id, hashId(id));
    if (slot < 0) return undefined;
    const at = this.#replyAt[slot]! % this.#bytes.length;
    return Buffer.from(this.#bytes.subarray(at, at + this.#replyLength[slot]!));
  }

  /** `stamp` is the request's own timestamp (the sender's clock), which a replay carries unchanged. */
  set(id: Uint8Array, reply: Uint8Array, now: number, stamp: number = now): void {
    const hash = hashId(id);
    if (this.#tail - this.#head === this.#slots) this.#growRing();
    const slot = this.#tail & (this.#slots - 1);
    const words = slot * ID_WORDS;
    for (let w = 0; w < ID_WORDS; w++) this.#ids[words + w] = wordOf(id, w);
    this.#hashes[slot] = hash;
    this.#at[slot] = now;
    this.#stamps[slot] = stamp;
    this.#replyAt[slot] = this.#store(reply);
    this.#replyLength[slot] = reply.length;
    this.#tail++;
    if (this.#indexSet(slot, id, hash)) this.#count++;
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
    return this.#count;
  }

  #prune(now: number): void {
    const oldest = now - this.ttlMs;
    while (this.#tail > this.#head) {
      const slot = this.#head & (this.#slots - 1);
      const expired = this.#at[slot]! < oldest;
      if (!expired && this.#count <= this.capacity) return;
      this.#head++;
      if (!this.#indexDelete(slot)) continue; // an older entry of an id set again: nothing forgotten
      this.#count--;
      // Past the TTL the freshness window refuses a replay anyway; before it, only this mark does.
      if (!expired) this.forgetThrough(this.#stamps[slot]!);
    }
  }

  /** Copies the reply to the end of the byte ring, contiguous (a reply never wraps), growing the ring if full. */
  #store(reply: Uint8Array): number {
    if (this.#tail === this.#head) this.#bytesEnd = 0; // nothing live: start at the ring's start
    const oldest = this.#tail > this.#head ? this.#replyAt[this.#head & (this.#slots - 1)]! : this.#bytesEnd;
    for (;;) {
      const size = this.#bytes.length;
      const room = size - (this.#bytesEnd % size);
      const start = reply.length <= room ? this.#bytesEnd : this.#bytesEnd + room;
      if (start + reply.length - oldest <= size) {
        this.#bytes.set(reply, start % size);
        this.#bytesEnd = start + reply.length;
        return start;
      }
      this.#growBytes();
    }
  }

  /** Doubles the byte ring; each live reply keeps its offset, so lands at offset mod the new length, still contiguous. */
  #growBytes(): void {
    const old = this.#bytes;
    const bytes = zeroed(old.length * 2);
    for (let seq = this.#head; seq < this.#tail; seq++) {
      const slot = seq & (this.#slots - 1);
      const at = this.#replyAt[slot]!;
      const from = at % old.length;
      bytes.set(old.subarray(from, from + this.#replyLength[slot]!), at % bytes.length);
    }
    this.#bytes = bytes;
  }

  /** Doubles the entry ring (entries keep their sequence numbers) and rebuilds the index. */
  #growRing(): void {
    const slots = this.#slots * 2;
    const { ids, hashes, at, stamps, replyAt, replyLength, index } = ringOf(slots);
    for (let seq = this.#head; seq < this.#tail; seq++) {
      const from = seq & (this.#slots - 1);
      const to = seq & (slots - 1);
      ids.set(this.#ids.subarray(from * ID_WORDS, (from + 1) * ID_WORDS), to * ID_WORDS);
      hashes[to] = this.#hashes[from]!;
      at[to] = this.#at[from]!;
      stamps[to] = this.#stamps[from]!;
      replyAt[to] = this.#replyAt[from]!;
      replyLength[to] = this.#replyLength[from]!;
    }
    // The old index knew which entries were superseded: keep exactly those it pointed at.
    const live = new Uint8Array(this.#slots);
    for (const cell of this.#index) if (cell !== 0) live[cell - 1] = 1;
    this.#slots = slots;
    this.#ids = ids;
    this.#hashes = hashes;
    this.#at = at;
    this.#stamps = stamps;
    this.#replyAt = replyAt;
    this.#replyLength = replyLength;
    this.#index = index;
    const mask = this.#index.length - 1;
    for (let seq = this.#head; seq < this.#tail; seq++) {
      if (!live[seq & (slots / 2 - 1)]) continue;
      const slot = seq & (slots - 1);
      let cell = hashes[slot]! & mask;
      while (this.#index[cell] !== 0) cell = (cell + 1) & mask;
      this.#index[cell] = slot + 1;
    }
  }

  #find(id: Uint8Array, hash: number): number {
    const index = this.#index;
    const mask = index.length - 1;
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const used = index[cell]!;
      if (used === 0) return -1;
      if (this.#hashes[used - 1] === hash && this.#idIs(used - 1, id)) return used - 1;
    }
  }

  /** Points the id's cell at `slot`; true when the id was not there before. */
  #indexSet(slot: number, id: Uint8Array, hash: number): boolean {
    const index = this.#index;
    const mask = index.length - 1;
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const used = index[cell]!;
      if (used === 0 || (this.#hashes[used - 1] === hash && this.#idIs(used - 1, id))) {
        index[cell] = slot + 1;
        return used === 0;
      }
    }
  }

  /** Removes the slot's cell (backward-shift deletion keeps every probe chain whole); false if it had none. */
  #indexDelete(slot: number): boolean {
    const index = this.#index;
    const mask = index.length - 1;
    let hole = this.#hashes[slot]! & mask;
    while (index[hole] !== slot + 1) {
      if (index[hole] === 0) return false;
      hole = (hole + 1) & mask;
    }
    for (let cell = (hole + 1) & mask; index[cell] !== 0; cell = (cell + 1) & mask) {
      const home = this.#hashes[index[cell]! - 1]! & mask;
      // The entry may move back into the hole unless its home lies cyclically in (hole, cell].
      const stays = hole <= cell ? hole < home && home <= cell : hole < home || home <= cell;
      if (stays) continue;
      index[hole] = index[cell]!;
      hole = cell;
    }
    index[hole] = 0;
    return true;
  }

  #idIs(slot: number, id: Uint8Array): boolean {
    const words = slot * ID_WORDS;
    for (let w = 0; w < ID_WORDS; w++) if (this.#ids[words + w] !== wordOf(id, w)) return false;
    return true;
  }
}

const ID_WORDS = REQUEST_ID_BYTES / 4;
// Sized for the few requests a server of a lab run answers: small typed arrays are cheap to make (a server starts
// with each run and each restart), and a flood doubles them as it comes.
const MIN_SLOTS = 8;
const MIN_BYTES = 1024;

/**
 * Zeroed bytes from Buffer.allocUnsafe: below 4 KiB they are a slice of
 * Node's shared pool rather than an ArrayBuffer of their own, whose
 * allocation (and tracking by the GC) cost a server start more than all
 * the requests it then deduplicated in a lab run.
 */
function zeroed(bytes: number): Buffer {
  return Buffer.allocUnsafe(bytes).fill(0);
}

/** The entry ring's arrays for `slots` slots, as views of one zeroed block (the pool keeps its slices 8-byte aligned). */
function ringOf(slots: number) {
  const block = zeroed(slots * (3 * 8 + (ID_WORDS + 2 + 2) * 4));
  let offset = block.byteOffset;
  const take = <T>(make: new (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, width: number): T => {
    const view = new make(block.buffer, offset, length);
    offset += length * width;
    return view;
  };
  // The 8-byte arrays first, so every view starts on a multiple of its element size.
  return {
    at: take(Float64Array, slots, 8),
    stamps: take(Float64Array, slots, 8),
    replyAt: take(Float64Array, slots, 8),
    ids: take(Int32Array, slots * ID_WORDS, 4),
    hashes: take(Int32Array, slots, 4),
    replyLength: take(Int32Array, slots, 4),
    index: take(Int32Array, slots * 2, 4),
  };
}

function wordOf(id: Uint8Array, w: number): number {
  const o = w * 4;
  return (id[o]! << 24) | (id[o + 1]! << 16) | (id[o + 2]! << 8) | id[o + 3]!;
}

/** A 32-bit mix of the id's words (ids are a web's random prefix and a counter: the counter must spread). */
function hashId(id: Uint8Array): number {
  if (id.length !== REQUEST_ID_BYTES) throw new RangeError(`a request id is ${REQUEST_ID_BYTES} bytes`);
  let h = Math.imul(wordOf(id, 0), 0x9e3779b1) ^ wordOf(id, 1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ wordOf(id, 2);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ wordOf(id, 3);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return h ^ (h >>> 15);
}
