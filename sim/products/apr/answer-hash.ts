import { hash } from "node:crypto";

/**
 * Answers are kept only as salted hashes. Normalised first, because a user
 * who types "Rex " or "rex" means the same dog (the lab's choice; the
 * document says nothing about answer matching).
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Where the hash input (salt, then the answer) is laid out: filled and read
 * within one call, so it carries nothing from one call to the next. It spares
 * the reset path a salt Buffer, an answer Buffer and their concatenation per answer.
 */
const SCRATCH = Buffer.allocUnsafe(4096);
/** Views of the first n bytes of SCRATCH, made once per length: a new view per hash cost as much as the hash's own JS. */
const VIEWS: Buffer[] = [];

function scratchView(n: number): Buffer {
  return (VIEWS[n] ??= SCRATCH.subarray(0, n));
}

/** Salts longer than this (never written by the lab, but a database file is input) take the allocating path. */
const SALT_ROOM = 1024;

/** SHA-256 of the salt (the first `saltBytes` of SCRATCH) and the normalised answer (UTF-8), hex: the stored form. */
function digestAfterSalt(saltBytes: number, answer: string): string {
  const normalised = normaliseAnswer(answer);
  // UTF-8 takes at most 3 bytes per UTF-16 unit; an answer that might not fit is hashed from its own buffer.
  if (saltBytes + normalised.length * 3 > SCRATCH.length) {
    return hash("sha256", Buffer.concat([SCRATCH.subarray(0, saltBytes), Buffer.from(normalised, "utf8")]), "hex");
  }
  const end = saltBytes + SCRATCH.write(normalised, saltBytes, "utf8");
  const digest = hash("sha256", scratchView(end), "hex");
  // An answer is a secret: it does not stay in memory after its hash is taken.
  SCRATCH.fill(0, saltBytes, end);
  return digest;
}

function digestHex(salt: Uint8Array, answer: string): string {
  if (salt.length > SALT_ROOM) return hash("sha256", Buffer.concat([salt, Buffer.from(normaliseAnswer(answer), "utf8")]), "hex");
  SCRATCH.set(salt, 0);
  return digestAfterSalt(salt.length, answer);
}

export function hashAnswer(salt: Uint8Array, answer: string): string {
  return digestHex(salt, answer);
}

export function answerMatches(salt: Uint8Array, answer: string, expectedHex: string): boolean {
  return sameHex(digestHex(salt, answer), expectedHex);
}

/**
 * All answers against the stored hashes, the salt as the database keeps it
 * (hex): decoded once, straight into the hash input, not into a Buffer per reset.
 */
export function answersMatch(saltHex: string, answers: readonly string[], expectedHex: readonly string[]): boolean {
  if (answers.length !== expectedHex.length) return false;
  if (saltHex.length > SALT_ROOM * 2) return answers.every((a, i) => answerMatches(Buffer.from(saltHex, "hex"), a, expectedHex[i]!));
  const saltBytes = SCRATCH.write(saltHex, 0, "hex");
  for (let i = 0; i < answers.length; i++) if (!sameHex(digestAfterSalt(saltBytes, answers[i]!), expectedHex[i]!)) return false;
  return true;
}

/** Constant time over the whole digest (no early exit), without turning both hex strings into Buffers. */
function sameHex(got: string, expectedHex: string): boolean {
  const want = expectedHex.toLowerCase();
  let diff = got.length ^ want.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ want.charCodeAt(i);
  return diff === 0;
}
