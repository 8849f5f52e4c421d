import { memoPure } from "./pure-memo.ts";

/** Keys whose values are secrets an operator typed: passwords, answers to questions, keys. */
const SECRET_KEY = /pass(word)?s?$|^(old|new)$|answers?$|secret|licen[cs]eKey$|^pin$/i;

export const REDACTED = "[redacted]";

/**
 * A deep copy with every secret-looking value replaced, for the trace and the
 * reports: what the operator typed is shown, never the secret itself.
 */
export function redactSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  // Keys, not entries: no pair array per key. Each key is tested once.
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (isSecretKey(key)) {
      if (v !== undefined && typeof v !== "object") {
        out[key] = REDACTED;
        continue;
      }
      if (Array.isArray(v)) {
        out[key] = v.map(redacted);
        continue;
      }
    }
    out[key] = redact(v);
  }
  return out;
}

function redacted(): string {
  return REDACTED;
}

// Pure memo: every step's arguments carry the same few key names.
const isSecretKey = memoPure((key: string): boolean => SECRET_KEY.test(key), 1024);
