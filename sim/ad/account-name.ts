/** How a logon name was written, once its domain part is understood. */
export type ParsedAccountName =
  | { readonly form: "sam"; readonly sam: string }
  | { readonly form: "upn"; readonly upn: string; readonly sam: string; readonly suffix: string }
  | { readonly form: "foreign"; readonly domain: string; readonly sam: string };

/**
 * Reads "DOMAIN\user", "dns.name\user", "user@suffix" and "user". A
 * down-level name whose domain is neither this domain's NetBIOS nor DNS name
 * (".\user" is a local account) belongs elsewhere.
 */
export function parseAccountName(input: string, domain: { netbiosName: string; dnsName: string }): ParsedAccountName {
  const name = input.trim();
  const slash = name.indexOf("\\");
  if (slash >= 0) {
    const prefix = name.slice(0, slash);
    const sam = name.slice(slash + 1);
    const ours = prefix.toLowerCase() === domain.netbiosName.toLowerCase() || prefix.toLowerCase() === domain.dnsName.toLowerCase();
    return ours ? { form: "sam", sam } : { form: "foreign", domain: prefix, sam };
  }
  const at = name.lastIndexOf("@");
  if (at > 0) return { form: "upn", upn: name, sam: name.slice(0, at), suffix: name.slice(at + 1) };
  return { form: "sam", sam: name };
}
