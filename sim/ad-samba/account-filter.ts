import { parseAccountName } from "../ad/index.ts";
import { escapeFilterValue } from "./ldap-filter.ts";

/** How to find one user on the DC: a search, or nothing when the name belongs to another domain. */
export type UserLookup = { readonly base: "dn"; readonly dn: string; readonly filter: string } | { readonly base: "domain"; readonly filters: readonly string[] } | { readonly base: "none" };

// Computers are users in AD's schema; a person is what the lab calls a user.
const PERSON = "(objectCategory=person)(objectClass=user)";

/**
 * The searches that find a user named any way the in-memory directory
 * accepts: a DN; "DOMAIN\user" or "dns.name\user"; a UPN, or failing that
 * "sam@dns.name" (AD's implicit UPN); a bare sAMAccountName. Tried in order;
 * the first hit wins. (Samba's simple bind takes DNs, UPNs and NETBIOS\user,
 * not bare names: the backend always binds with the DN it found.)
 */
export function userLookup(name: string, domain: { netbiosName: string; dnsName: string }): UserLookup {
  if (/^\s*CN=/i.test(name)) return { base: "dn", dn: name.trim(), filter: `(&${PERSON})` };
  const parsed = parseAccountName(name, domain);
  const bySam = (sam: string) => `(&${PERSON}(sAMAccountName=${escapeFilterValue(sam)}))`;
  switch (parsed.form) {
    case "foreign":
      return { base: "none" };
    case "upn": {
      const byUpn = `(&${PERSON}(userPrincipalName=${escapeFilterValue(parsed.upn)}))`;
      return { base: "domain", filters: parsed.suffix.toLowerCase() === domain.dnsName.toLowerCase() ? [byUpn, bySam(parsed.sam)] : [byUpn] };
    }
    case "sam":
      return { base: "domain", filters: [bySam(parsed.sam)] };
  }
}

/** A group by name (DOMAIN\name accepted). */
export function groupFilter(name: string, domain: { netbiosName: string; dnsName: string }): string | undefined {
  const parsed = parseAccountName(name, domain);
  if (parsed.form !== "sam") return undefined;
  return `(&(objectClass=group)(sAMAccountName=${escapeFilterValue(parsed.sam)}))`;
}
