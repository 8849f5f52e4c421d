import type { Entry } from "ldapts";

/** Attribute values of an LDAP entry, looked up without regard to the case the DC used for the name. */
export function values(entry: Entry, attribute: string): Array<string | Buffer> {
  const wanted = attribute.toLowerCase();
  const key = Object.keys(entry).find((k) => k.toLowerCase() === wanted);
  if (key === undefined) return [];
  const raw = entry[key]!;
  return Array.isArray(raw) ? raw : [raw];
}

export function text(entry: Entry, attribute: string): string | undefined {
  const first = values(entry, attribute)[0];
  return first === undefined ? undefined : first.toString();
}

export function integer(entry: Entry, attribute: string): number {
  const value = text(entry, attribute);
  return value === undefined || value === "" ? 0 : Number.parseInt(value, 10);
}

export function bytes(entry: Entry, attribute: string): Buffer[] {
  return values(entry, attribute).map((v) => (typeof v === "string" ? Buffer.from(v, "binary") : v));
}
