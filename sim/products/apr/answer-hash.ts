import { hash, timingSafeEqual } from "node:crypto";

/**
 * Answers are kept only as salted hashes. Normalised first, because a user
 * who types "Rex " or "rex" means the same dog (the lab's choice; the
 * document says nothing about answer matching).
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

function digest(salt: Uint8Array, answer: string): Buffer {
  // One-shot hash: a fraction of createHash()'s cost, which the reset path pays per answer.
  return hash("sha256", Buffer.concat([salt, Buffer.from(normaliseAnswer(answer), "utf8")]), "buffer");
}

export function hashAnswer(salt: Uint8Array, answer: string): string {
  return digest(salt, answer).toString("hex");
}

export function answerMatches(salt: Uint8Array, answer: string, expectedHex: string): boolean {
  const got = digest(salt, answer);
  const want = Buffer.from(expectedHex, "hex");
  return got.length === want.length && timingSafeEqual(got, want);
}
