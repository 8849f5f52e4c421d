import { isIP } from "node:net";
import type { LabCertificate } from "./lab-certificate.ts";

/**
 * Whether a certificate covers a host name, as browsers check it (RFC 6125):
 * - the SAN decides whenever it holds a DNS name or an IP address; the CN is
 *   consulted only for a certificate with neither;
 * - an IP address matches only an iPAddress SAN entry, never a DNS name or CN;
 * - "*" is allowed only as the whole left-most label and covers exactly one
 *   label ("*.corp.contoso.com" covers "a.corp.contoso.com", not
 *   "corp.contoso.com" nor "a.b.corp.contoso.com"); partial-label wildcards
 *   ("w*.contoso.com") and wildcards over fewer than two labels ("*.com")
 *   match nothing;
 * - comparison ignores case and one trailing dot.
 */
export function certificateCoversName(certificate: LabCertificate, requested: string): boolean {
  const host = canonicalHost(requested);
  if (host === "") return false;
  const hasSan = certificate.dnsNames.length > 0 || certificate.ipAddresses.length > 0;
  if (isIP(host) !== 0) return certificate.ipAddresses.some((ip) => sameIp(ip, host));
  const patterns = hasSan ? certificate.dnsNames : certificate.commonName !== undefined ? [certificate.commonName] : [];
  return patterns.some((pattern) => hostMatchesPattern(host, pattern));
}

/** One host name against one dNSName pattern (both as in certificateCoversName). */
export function hostMatchesPattern(requested: string, pattern: string): boolean {
  const host = canonicalHost(requested);
  const pat = canonicalHost(pattern);
  if (host === "" || pat === "") return false;
  const hostLabels = host.split(".");
  const patLabels = pat.split(".");
  if (hostLabels.some((l) => l === "") || patLabels.some((l) => l === "")) return false;
  if (patLabels.slice(1).some((l) => l.includes("*"))) return false;
  const [first, ...rest] = patLabels;
  if (first === "*") {
    if (rest.length < 2 || isIP(host) !== 0) return false;
    return rest.join(".") === hostLabels.slice(1).join(".");
  }
  if (first!.includes("*")) return false;
  return pat === host;
}

/** The names a certificate offers, for messages ("covers: a, b"). */
export function namesOf(certificate: LabCertificate): string[] {
  const san = [...certificate.dnsNames, ...certificate.ipAddresses];
  if (san.length > 0) return san;
  return certificate.commonName !== undefined ? [`CN=${certificate.commonName}`] : [];
}

function canonicalHost(name: string): string {
  if (typeof name !== "string") return "";
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

function sameIp(a: string, b: string): boolean {
  const ka = ipKey(a);
  return ka !== undefined && ka === ipKey(b);
}

/** IPv6 has many spellings (fe80::1, FE80:0:0::1); compare them in one. */
function ipKey(ip: string): string | undefined {
  const v = isIP(ip);
  if (v === 4) return ip;
  if (v !== 6) return undefined;
  try {
    return new URL(`http://[${ip}]/`).hostname;
  } catch {
    return undefined;
  }
}
