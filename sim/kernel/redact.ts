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
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v !== undefined && typeof v !== "object" ? REDACTED : SECRET_KEY.test(key) && Array.isArray(v) ? v.map(() => REDACTED) : redact(v);
  return out;
}
