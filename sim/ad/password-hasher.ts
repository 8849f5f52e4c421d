import { hash, timingSafeEqual } from "node:crypto";
import type { Rng } from "../kernel/index.ts";

/**
 * Salted SHA-256 over the UTF-16LE password (the encoding AD hashes). A real
 * DC keeps unsalted NT hashes and salted Kerberos keys; for the lab a fast
 * salted hash is enough: it is never the plain text, history compares by it,
 * and 100,000 users hash in a fraction of a second. The salt comes from the
 * lab rng so a run replays byte for byte.
 */
export class PasswordHasher {
  constructor(private readonly rng: Rng) {}

  hash(password: string): string {
    const salt = Buffer.from(this.rng.bytes(12));
    return `${salt.toString("base64")}$${digest(salt, password).toString("base64")}`;
  }

  verify(password: string, stored: string | undefined): boolean {
    if (stored === undefined) return false;
    const sep = stored.indexOf("$");
    const salt = Buffer.from(stored.slice(0, sep), "base64");
    const expected = Buffer.from(stored.slice(sep + 1), "base64");
    const actual = digest(salt, password);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

function digest(salt: Buffer, password: string): Buffer {
  // One-shot: every user created and every logon hashes, and createHash() costs twice as much.
  return hash("sha256", Buffer.concat([salt, Buffer.from(password, "utf16le")]), "buffer");
}
