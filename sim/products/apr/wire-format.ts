import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject } from "node:crypto";

/**
 * The APR wire format. THE LAB'S OWN: the vendor's format is not public.
 *
 *   offset  size  field (cleartext header, authenticated as AAD)
 *        0     3  magic "APR"
 *        3     1  kind: 1 request, 2 reply, 3 error
 *        4     2  protocol version, big-endian (major * 100 + minor: 323)
 *        6     2  reserved, zero
 *        8    16  request id (the web retransmits with it; the server dedupes by it)
 *       24     8  timestamp, ms since 1970, big-endian (freshness window)
 *       32    12  AES-GCM nonce
 *       44     n  ciphertext
 *     44+n    16  GCM tag
 *
 * Requests and replies are sealed with AES-256-GCM under a key derived by
 * HKDF-SHA256 from a lab constant and the protocol version, so a peer of
 * another version cannot open them. Error replies (version mismatch, stale
 * request) are sealed with a version-independent key, so the web of any
 * version can authenticate the server's refusal and show it.
 */

export const APR_UDP_PORT = 5100;
export const HEADER_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const REQUEST_ID_BYTES = 16;
export const MIN_DATAGRAM_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;
export const MAX_DATAGRAM_BYTES = 8192;

export const WIRE_KIND = { request: 1, reply: 2, error: 3 } as const;
export type WireKind = (typeof WIRE_KIND)[keyof typeof WIRE_KIND];

const MAGIC = [0x41, 0x50, 0x52]; // "APR"
// The shared secret of every lab installation: a constant, because the lab models the product's own built-in key.
const LAB_SECRET = Buffer.from("netwrix-password-reset/lab-wire-secret/v1", "utf8");
const HKDF_SALT = Buffer.from("APR-lab-wire", "utf8");
const ERROR_KEY_INFO = "apr-wire errors";

export interface WireHeader {
  readonly kind: WireKind;
  readonly protocol: number;
  readonly requestId: Uint8Array;
  readonly timestampMs: number;
}

export type WireRejectReason = "short" | "too-long" | "bad-magic" | "bad-kind" | "auth-failed";

export type HeaderResult = { readonly ok: true; readonly header: WireHeader } | { readonly ok: false; readonly reason: WireRejectReason };

export type OpenResult =
  | { readonly ok: true; readonly header: WireHeader; readonly plaintext: Uint8Array }
  | { readonly ok: false; readonly reason: WireRejectReason; readonly header?: WireHeader };

/** Where nonces come from: unique per key is all GCM needs. */
export type NonceSource = () => Uint8Array;

/**
 * A nonce source of a 4-byte prefix and a 64-bit counter: unique while the
 * prefixes of peers sharing a key differ (the lab draws them from its rng,
 * with a role byte), and cheap enough for the benchmark.
 */
export function counterNonces(prefix: Uint8Array): NonceSource {
  if (prefix.length !== 4) throw new RangeError("a nonce prefix is 4 bytes");
  // Two 32-bit halves rather than a BigInt: the reset path draws one per datagram.
  let high = 0;
  let low = 0;
  return () => {
    const nonce = Buffer.allocUnsafe(NONCE_BYTES);
    nonce.set(prefix, 0);
    nonce.writeUInt32BE(high, 4);
    nonce.writeUInt32BE(low, 8);
    if (++low > 0xffffffff) {
      low = 0;
      high++;
    }
    return nonce;
  };
}

export function parseHeader(bytes: Uint8Array): HeaderResult {
  if (bytes.length < MIN_DATAGRAM_BYTES) return { ok: false, reason: "short" };
  if (bytes.length > MAX_DATAGRAM_BYTES) return { ok: false, reason: "too-long" };
  if (bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || bytes[2] !== MAGIC[2]) return { ok: false, reason: "bad-magic" };
  const kind = bytes[3];
  if (kind !== WIRE_KIND.request && kind !== WIRE_KIND.reply && kind !== WIRE_KIND.error) return { ok: false, reason: "bad-kind" };
  const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    ok: true,
    header: {
      kind,
      protocol: view.readUInt16BE(4),
      requestId: bytes.subarray(8, 24),
      timestampMs: view.readUInt32BE(24) * 0x100000000 + view.readUInt32BE(28),
    },
  };
}

/** A request id as a Map key (the web's pending requests), without copying bytes that already are a Buffer. */
export function latin1Key(id: Uint8Array): string {
  return (Buffer.isBuffer(id) ? id : Buffer.from(id.buffer, id.byteOffset, id.length)).toString("latin1");
}

export function encodeHeader(header: WireHeader, into: Buffer = Buffer.alloc(HEADER_BYTES)): Buffer {
  if (header.requestId.length !== REQUEST_ID_BYTES) throw new RangeError(`a request id is ${REQUEST_ID_BYTES} bytes`);
  const out = into;
  out[0] = MAGIC[0]!;
  out[1] = MAGIC[1]!;
  out[2] = MAGIC[2]!;
  out[3] = header.kind;
  out.writeUInt16BE(header.protocol, 4);
  out[6] = 0;
  out[7] = 0;
  out.set(header.requestId, 8);
  const ts = Math.max(0, Math.floor(header.timestampMs));
  out.writeUInt32BE(Math.floor(ts / 0x100000000), 24);
  out.writeUInt32BE(ts >>> 0, 28);
  return out;
}

/**
 * The derived keys, per protocol version and for errors: a memo of a pure
 * function of constants (the lab secret, the salt, the version), so a new
 * codec (every server start, every web page in the lab) does not run HKDF
 * again. A KeyObject is immutable; a version is 16 bits, so the memo is bounded.
 */
const DERIVED_KEYS = new Map<number | "error", KeyObject>();

function derivedKey(id: number | "error"): KeyObject {
  let key = DERIVED_KEYS.get(id);
  if (!key) {
    const info = id === "error" ? ERROR_KEY_INFO : `apr-wire v${id}`;
    key = createSecretKey(Buffer.from(hkdfSync("sha256", LAB_SECRET, HKDF_SALT, info, 32)));
    DERIVED_KEYS.set(id, key);
  }
  return key;
}

/** Seals and opens datagrams with the derived keys (one instance per peer: its nonces are its own). */
export class WireCodec {
  constructor(private readonly nonces: NonceSource) {}

  seal(header: WireHeader, plaintext: Uint8Array): Uint8Array {
    // GCM is a stream mode: the ciphertext is as long as the plaintext, so the datagram is laid out once.
    const out = Buffer.allocUnsafe(HEADER_BYTES + NONCE_BYTES + plaintext.length + TAG_BYTES);
    const aad = encodeHeader(header, AAD_SCRATCH);
    out.set(aad, 0);
    const nonce = this.nonces();
    out.set(nonce, HEADER_BYTES);
    const cipher = createCipheriv("aes-256-gcm", keyFor(header), nonce);
    cipher.setAAD(aad);
    out.set(cipher.update(plaintext), HEADER_BYTES + NONCE_BYTES);
    cipher.final();
    out.set(cipher.getAuthTag(), HEADER_BYTES + NONCE_BYTES + plaintext.length);
    return out;
  }

  /** Authenticates and decrypts: a wrong key (another version), a changed byte or a cut datagram fails. */
  open(bytes: Uint8Array, parsed?: WireHeader): OpenResult {
    let header = parsed;
    if (!header) {
      const h = parseHeader(bytes);
      if (!h.ok) return h;
      header = h.header;
    }
    // A datagram off a socket already is a Buffer: no wrapper, and the body is a view, not a copy.
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const body = buf.subarray(HEADER_BYTES + NONCE_BYTES, buf.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFor(header), copyInto(NONCE_SCRATCH, buf, HEADER_BYTES));
      decipher.setAAD(copyInto(AAD_SCRATCH, buf, 0));
      decipher.setAuthTag(copyInto(TAG_SCRATCH, buf, buf.length - TAG_BYTES));
      const out = decipher.update(body);
      const final = decipher.final();
      return { ok: true, header, plaintext: final.length ? Buffer.concat([out, final]) : out };
    } catch {
      return { ok: false, reason: "auth-failed", header };
    }
  }
}

/**
 * The fixed-size fields handed to node:crypto (nonce, header as AAD, tag),
 * which copies them before it returns: filled and read within one call, so
 * they carry nothing between calls. Copying 60 bytes here costs less than a
 * Buffer view of each per datagram (measured: about 0.3 µs an open).
 */
const NONCE_SCRATCH = Buffer.allocUnsafe(NONCE_BYTES);
const AAD_SCRATCH = Buffer.allocUnsafe(HEADER_BYTES);
const TAG_SCRATCH = Buffer.allocUnsafe(TAG_BYTES);

function copyInto(scratch: Buffer, from: Buffer, at: number): Buffer {
  for (let i = 0; i < scratch.length; i++) scratch[i] = from[at + i]!;
  return scratch;
}

function keyFor(header: WireHeader): KeyObject {
  return derivedKey(header.kind === WIRE_KIND.error ? "error" : header.protocol);
}
