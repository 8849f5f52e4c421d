/** Escapes a value for an LDAP search filter (RFC 4515): a name with "*" or "(" must not widen a search. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\u0000]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
