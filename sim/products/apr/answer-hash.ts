import { hash } from "node:crypto";

/**
 * Answers are kept only as salted hashes. Normalised first, because a user
 * who types "Rex " or "rex" means the same dog (the lab's choice; the
 * document says nothing about answer matching).
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** SHA-256 of the salt and the normalised answer (UTF-8), hex: the stored form. */
function digestHex(salt: Uint8Array, answer: string): string {
  // One-shot hash to hex: a fraction of createHash()'s cost, and half of asking hash() for a Buffer.
  return hash("sha256", Buffer.concat([salt, Buffer.from(normaliseAnswer(answer), "utf8")]), "hex");
}

export function hashAnswer(salt: Uint8Array, answer: string): string {
  return digestHex(salt, answer);
}

export function answerMatches(salt: Uint8Array, answer: string, expectedHex: string): boolean {
  const got = digestHex(salt, answer);
  const want = expectedHex.toLowerCase();
  // Constant time over the whole digest (no early exit), without turning both hex strings into Buffers.
  let diff = got.length ^ want.length;
  for (let i = 0; i < got.length; i++) diff |= got.charCodeAt(i) ^ want.charCodeAt(i);
  return diff === 0;
}
