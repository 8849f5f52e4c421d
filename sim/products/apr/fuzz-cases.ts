import type { Rng } from "../../kernel/index.ts";
import { encodeJson, type AprRequest } from "./apr-messages.ts";
import type { RejectCounter } from "./server-state.ts";
import { HEADER_BYTES, MAX_DATAGRAM_BYTES, WIRE_KIND, type WireCodec, type WireHeader } from "./wire-format.ts";

/** The kinds of input the datagram fuzzer throws at the APR Server's handler. */
export const FUZZ_CLASSES = [
  "well-formed",
  "random-bytes",
  "random-after-header",
  "truncated",
  "bit-flip",
  "wrong-key",
  "wrong-version",
  "wrong-kind",
  "forged-request-id",
  "stale",
  "oversized",
  "sealed-garbage",
  "replay",
] as const;
export type FuzzClass = (typeof FUZZ_CLASSES)[number];

/** What the handler may do with an input of a class: a reject reason, a fresh answer, or the cached one. */
export type FuzzOutcome = RejectCounter | "accepted" | "duplicate";

/** Inputs that must be refused before anything is decrypted: no reply, no state touched. */
const SILENT: readonly FuzzOutcome[] = ["short", "too-long", "bad-magic", "bad-kind", "auth-failed"];

/** The outcomes each class allows; anything else is a finding of the fuzzer. */
export const ALLOWED_OUTCOMES: Readonly<Record<FuzzClass, readonly FuzzOutcome[]>> = {
  "well-formed": ["accepted"],
  "random-bytes": SILENT,
  "random-after-header": SILENT,
  truncated: SILENT,
  // A flipped bit in the protocol field reads as another version, refused with an authenticated error.
  "bit-flip": [...SILENT, "version-mismatch"],
  "wrong-key": ["auth-failed"],
  "wrong-version": ["version-mismatch"],
  "wrong-kind": ["bad-kind"],
  "forged-request-id": ["auth-failed"],
  stale: ["stale"],
  oversized: ["too-long"],
  "sealed-garbage": ["bad-request"],
  // After a restart the cache is empty: a fresh replay falls in the replay window.
  replay: ["duplicate", "stale", "replay-window"],
};

/** What the generator knows about the server it fuzzes. */
export interface FuzzTarget {
  readonly protocol: number;
  readonly freshnessMs: number;
  /** Users the server knows, with their current passwords and enrolled answers. */
  readonly users: readonly { readonly name: string; readonly password: string }[];
  readonly answers: readonly string[];
}

/** A recently accepted datagram, kept so it can be replayed. */
export interface Sent {
  readonly payload: Uint8Array;
  readonly timestampMs: number;
  readonly reply: Uint8Array;
}

export interface FuzzCase {
  readonly kind: FuzzClass;
  readonly payload: Uint8Array;
  /** Set for a replay: the reply the original got (a duplicate must get the same bytes). */
  readonly original?: Sent;
}

/**
 * Builds fuzz inputs. Decisions come from the lab rng; bulk random bytes
 * from a xorshift stream seeded from it (the lab rng draws one integer per
 * byte, too slow for a million datagrams of up to 10 KB), so a run replays
 * from its seed.
 */
export class FuzzCaseMaker {
  #x: number;
  #nextId = 0;

  constructor(
    private readonly rng: Rng,
    private readonly target: FuzzTarget,
    /** The web's codec: the right key for the target's protocol. */
    private readonly codec: WireCodec,
    private readonly idPrefix: Uint8Array,
  ) {
    this.#x = rng.nextSeed() | 1;
  }

  /** One input of `kind` at server time `now`; a replay needs something sent before (else a well-formed one). */
  make(kind: FuzzClass, now: number, history: readonly Sent[]): FuzzCase {
    const r = this.rng;
    switch (kind) {
      case "well-formed":
        return { kind, payload: this.#seal(this.#request(), now) };
      case "random-bytes":
        return { kind, payload: this.#random(r.chance(0.9) ? r.int(0, 200) : r.int(0, MAX_DATAGRAM_BYTES + 64)) };
      case "random-after-header": {
        const payload = this.#random(r.int(HEADER_BYTES, 400));
        payload.set(this.#seal(this.#request(), now).subarray(0, HEADER_BYTES));
        return { kind, payload };
      }
      case "truncated": {
        const whole = this.#seal(this.#request(), now);
        return { kind, payload: whole.slice(0, r.int(0, whole.length - 1)) };
      }
      case "bit-flip": {
        const payload = Uint8Array.from(this.#seal(this.#request(), now));
        // Distinct bits: two flips of one bit would cancel out and leave a valid datagram.
        const bits = new Set<number>();
        for (let want = r.int(1, 8); bits.size < want; ) bits.add(r.int(0, payload.length * 8 - 1));
        for (const bit of bits) payload[bit >> 3]! ^= 1 << (bit & 7);
        return { kind, payload };
      }
      case "wrong-key": {
        // Sealed under another version's key (or the error key), then labelled as this version's request.
        const other = r.chance(0.5) ? { kind: WIRE_KIND.request, protocol: this.target.protocol - 1 } : { kind: WIRE_KIND.error, protocol: this.target.protocol };
        const payload = Uint8Array.from(this.#seal(this.#request(), now, other));
        payload[3] = WIRE_KIND.request;
        payload[4] = this.target.protocol >> 8;
        payload[5] = this.target.protocol & 0xff;
        return { kind, payload };
      }
      case "wrong-version": {
        const protocol = r.pick([this.target.protocol - 1, this.target.protocol + 1, 209, 300, 322, 0, 0xffff].filter((p) => p !== this.target.protocol));
        return { kind, payload: this.#seal(this.#request(), now, { kind: WIRE_KIND.request, protocol }) };
      }
      case "wrong-kind": {
        const payload = Uint8Array.from(this.#seal(this.#request(), now));
        payload[3] = r.pick([0, WIRE_KIND.reply, WIRE_KIND.error, 4, 0xff]);
        return { kind, payload };
      }
      case "forged-request-id": {
        const payload = Uint8Array.from(this.#seal(this.#request(), now));
        const at = r.int(8, 23);
        payload[at] = (payload[at]! + r.int(1, 255)) & 0xff;
        return { kind, payload };
      }
      case "stale": {
        const skew = (this.target.freshnessMs + r.int(1, 24 * 3_600_000)) * (r.chance(0.5) ? -1 : 1);
        return { kind, payload: this.#seal(this.#request(), now + skew) };
      }
      case "oversized": {
        const payload = this.#random(r.int(MAX_DATAGRAM_BYTES + 1, MAX_DATAGRAM_BYTES + 2048));
        payload.set(this.#seal(this.#request(), now).subarray(0, HEADER_BYTES));
        return { kind, payload };
      }
      case "sealed-garbage":
        return { kind, payload: this.#seal(this.#garbage(), now) };
      case "replay": {
        if (history.length === 0) return this.make("well-formed", now, history);
        const original = r.pick(history);
        return { kind, payload: original.payload, original };
      }
    }
  }

  #seal(plaintext: Uint8Array | AprRequest, timestampMs: number, over: Partial<Pick<WireHeader, "kind" | "protocol">> = {}): Uint8Array {
    const header: WireHeader = { kind: WIRE_KIND.request, protocol: this.target.protocol, requestId: this.#requestId(), timestampMs: Math.max(0, timestampMs), ...over };
    return this.codec.seal(header, plaintext instanceof Uint8Array ? plaintext : encodeJson(plaintext));
  }

  #requestId(): Uint8Array {
    const id = Buffer.alloc(16);
    id.set(this.idPrefix, 0);
    id.writeUInt32BE(Math.floor(this.#nextId / 0x100000000), 8);
    id.writeUInt32BE(this.#nextId++ >>> 0, 12);
    return id;
  }

  /** A request the server must accept and answer (its answer may be a refusal: wrong answers, lockout). */
  #request(): AprRequest {
    const r = this.rng;
    const { users, answers } = this.target;
    const known = r.chance(0.05) ? undefined : r.pick(users);
    // User names are case-insensitive, as in AD: a shouted name is the same user.
    const user = known ? (r.chance(0.1) ? known.name.toUpperCase() : known.name) : `nobody${r.int(0, 9)}`;
    const right = r.chance(0.7);
    switch (r.int(0, 3)) {
      case 0:
        return { op: "questions", user };
      case 1:
        return { op: "enroll", user, password: right && known ? known.password : "Not-The-Passw0rd", answers: answers.map((a, i) => ({ question: `Q${i}?`, answer: a })) };
      case 2:
        return { op: "reset", user, answers: right ? [...answers] : answers.map((a) => `${a}x`), newPassword: known?.password ?? "Some-Passw0rd-1" };
      default:
        return { op: "change", user, oldPassword: right && known ? known.password : "Wrong-Passw0rd-1", newPassword: known?.password ?? "Some-Passw0rd-1" };
    }
  }

  /** Authentic but unreadable: not JSON, the wrong shape, or fields out of bounds. */
  #garbage(): Uint8Array {
    const r = this.rng;
    switch (r.int(0, 4)) {
      case 0:
        return this.#random(r.int(0, 300));
      case 1:
        return encodeJson(r.pick([null, 42, "reset", [], { op: "reset" }, { op: "explode", user: "alice" }]));
      case 2:
        return encodeJson({ op: "reset", user: "x".repeat(r.int(513, 2000)), answers: [], newPassword: "P" });
      case 3:
        return encodeJson({ op: "enroll", user: "alice", password: "p", answers: Array.from({ length: r.int(11, 40) }, () => ({ question: "q", answer: "a" })) });
      default:
        return encodeJson({ op: "change", user: "", oldPassword: 1, newPassword: {} });
    }
  }

  #random(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let x = this.#x;
    for (let i = 0; i < n; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x;
      out[i + 1] = x >>> 8;
      out[i + 2] = x >>> 16;
      out[i + 3] = x >>> 24;
    }
    this.#x = x;
    return out;
  }
}
