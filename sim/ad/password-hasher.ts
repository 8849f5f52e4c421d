import { hash } from "node:crypto";
import type { Rng } from "../kernel/index.ts";

/**
 * Salted SHA-256 over the UTF-16LE password (the encoding AD hashes). A real
 * DC keeps unsalted NT hashes and salted Kerberos keys; for the lab a fast
 * salted hash is enough: it is never the plain text, history compares by it,
 * and 100,000 users hash in a fraction of a second. The salt comes from the
 * lab rng so a run replays byte for byte.
 *
 * Stored as `base64(salt)$base64(digest)`.
 */
export class PasswordHasher {
  constructor(private readonly rng: Rng) {}

  hash(password: string): string {
    const salt = this.rng.bytes(SALT_BYTES);
    SCRATCH.set(salt, 0);
    return `${SCRATCH.toString("base64", 0, SALT_BYTES)}$${digestAfterSalt(SALT_BYTES, password)}`;
  }

  verify(password: string, stored: string | undefined): boolean {
    if (stored === undefined) return false;
    const sep = stored.indexOf("$");
    const saltText = stored.slice(0, sep);
    // Base64 takes 4 characters per 3 bytes: a salt that might not leave the password room takes the allocating path.
    const saltBytes = saltText.length > SALT_ROOM ? -1 : SCRATCH.write(saltText, 0, "base64");
    const actual = saltBytes < 0 ? digestOf(Buffer.from(saltText, "base64"), password) : digestAfterSalt(saltBytes, password);
    // Only this class writes credentials, in canonical base64: comparing the text is comparing the digests.
    return sameText(actual, stored.slice(sep + 1));
  }
}

const SALT_BYTES = 12;
const SALT_ROOM = 1024;

/**
 * Where the hash input (salt, then the UTF-16LE password) is laid out: filled
 * and read within one call, so it carries nothing from one call to the next.
 * It spares every user created and every logon a salt Buffer, a password
 * Buffer and their concatenation.
 */
const SCRATCH = Buffer.allocUnsafe(4096);
/** Views of the first n bytes of SCRATCH, made once per length: a new view per hash costs a good part of the hash. */
const VIEWS: Buffer[] = [];

/** SHA-256 of the salt (the first `saltBytes` of SCRATCH) and the password, base64. */
function digestAfterSalt(saltBytes: number, password: string): string {
  const end = saltBytes + password.length * 2;
  if (end > SCRATCH.length) return digestOf(SCRATCH.subarray(0, saltBytes), password);
  SCRATCH.write(password, saltBytes, "utf16le");
  const digest = hash("sha256", (VIEWS[end] ??= SCRATCH.subarray(0, end)), "base64");
  // A password does not stay in memory after its hash is taken.
  SCRATCH.fill(0, saltBytes, end);
  return digest;
}

function digestOf(salt: Uint8Array, password: string): string {
  return hash("sha256", Buffer.concat([salt, Buffer.from(password, "utf16le")]), "base64");
}

/** Constant time over the whole digest (no early exit). */
function sameText(got: string, want: string): boolean {
  let diff = got.length ^ want.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ want.charCodeAt(i);
  return diff === 0;
}
