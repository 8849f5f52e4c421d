import { LabError, memoPure } from "../kernel/index.ts";

/** One relative distinguished name: `OU=Sales` is `{ type: "OU", value: "Sales" }`. */
export interface Rdn {
  readonly type: string;
  readonly value: string;
}

/**
 * Splits a DN into its RDNs, honouring backslash escapes (`CN=Smith\, John`).
 * Attribute types come back upper-cased; values keep their case because AD
 * preserves it for display while comparing case-insensitively.
 */
export function parseDn(dn: string): readonly Rdn[] {
  return parsed(dn);
}

// The same few container DNs are parsed over and over; results are frozen.
const parsed = memoPure((dn): readonly Rdn[] => Object.freeze(parse(dn).map((r) => Object.freeze(r))));

function parse(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let current = "";
  let escaped = false;
  const flush = (): void => {
    const eq = current.indexOf("=");
    const type = eq > 0 ? current.slice(0, eq).trim().toUpperCase() : "";
    const value = eq > 0 ? current.slice(eq + 1).trim() : "";
    if (!/^[A-Z][A-Z0-9-]*$/.test(type) || value === "") {
      throw new LabError({
        code: "AD_INVALID_DN",
        message: `"${dn}" is not a distinguished name (each part must look like OU=Sales or DC=corp)`,
        remedy: "write the full DN, e.g. OU=Sales,DC=corp,DC=example",
        details: { ldapCode: 34 },
      });
    }
    rdns.push({ type, value });
    current = "";
  };
  for (const ch of dn) {
    if (escaped) {
      current += ch;
      escaped = false;
    } else if (ch === "\\") {
      current += ch;
      escaped = true;
    } else if (ch === ",") {
      flush();
    } else {
      current += ch;
    }
  }
  flush();
  return rdns.map((r) => ({ type: r.type, value: unescapeValue(r.value) }));
}

const NEEDS_ESCAPE = /[,+"\\<>;=]|^[ #]| $/;

/** Escapes the characters RFC 4514 reserves inside an RDN value. */
export function escapeDnValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/([,+"\\<>;=])/g, "\\$1").replace(/^([ #])/, "\\$1").replace(/ $/, "\\ ");
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map((r) => `${r.type}=${escapeDnValue(r.value)}`).join(",");
}

/** The comparison key of a DN: AD compares DNs case-insensitively and ignores spacing around separators. */
export function dnKey(dn: string): string {
  return dnKeys(dn);
}

// Every user lookup keys its container's DN.
const dnKeys = memoPure((dn) => formatDn(parseDn(dn)).toLowerCase());

/** The comparison keys of the DN and of each DN above it: [i] is the key of the DN without its first i RDNs. */
export function suffixKeys(dn: string): readonly string[] {
  return suffixKeyMemo(dn);
}

// A pure memo: group policy walks the same computer containers up to the domain head at every startup.
const suffixKeyMemo = memoPure((dn): readonly string[] => {
  const rdns = parseDn(dn);
  return Object.freeze(rdns.map((_, i) => formatDn(rdns.slice(i)).toLowerCase()));
});

/** The parent DN, or undefined for a one-part DN. */
export function parentDn(dn: string): string | undefined {
  const rdns = parseDn(dn);
  return rdns.length > 1 ? formatDn(rdns.slice(1)) : undefined;
}

/** True when `dn` is `ancestor` itself or lies anywhere below it. */
export function isUnderDn(dn: string, ancestor: string): boolean {
  const child = dnKey(dn);
  const parent = dnKey(ancestor);
  return child === parent || child.endsWith(`,${parent}`);
}

/** `corp.example` becomes `DC=corp,DC=example`. */
export function domainDnFromDns(dnsName: string): string {
  return dnsName
    .split(".")
    .map((label) => `DC=${label}`)
    .join(",");
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}
