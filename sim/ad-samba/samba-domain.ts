/** The throwaway domain a Samba DC is provisioned with. */
export interface SambaDomainOptions {
  /** Kerberos realm, upper-case DNS name: LAB.EXAMPLE. */
  readonly realm: string;
  /** NetBIOS domain: LAB. */
  readonly netbiosName: string;
  /** The built-in Administrator's password; it must meet Samba's default policy. */
  readonly adminPassword: string;
  /**
   * Minutes the previous password still passes a network (NTLM, LDAP simple)
   * bind after a change or reset: Windows' OldPasswordAllowedPeriod, Samba's
   * "old password allowed period", 60 by default on both. 0 here, because the
   * in-memory directory does not model it (KNOWN-DIFFERENCES.md, KD-OLD-PASSWORD-PERIOD).
   */
  readonly oldPasswordAllowedPeriodMinutes: number;
}

export const DEFAULT_SAMBA_DOMAIN: SambaDomainOptions = Object.freeze({
  realm: "LAB.EXAMPLE",
  netbiosName: "LAB",
  adminPassword: "Lab-Admin-2026x!",
  oldPasswordAllowedPeriodMinutes: 0,
});

/** What a client needs to reach a running DC. */
export interface SambaDcEndpoint {
  /** ldaps://host:port */
  readonly url: string;
  readonly dnsName: string;
  readonly netbiosName: string;
  readonly domainDn: string;
  readonly adminDn: string;
  readonly adminPassword: string;
}

export function domainDnOf(realm: string): string {
  return realm.toLowerCase().split(".").map((label) => `DC=${label}`).join(",");
}

export function endpointOf(domain: SambaDomainOptions, url: string): SambaDcEndpoint {
  const domainDn = domainDnOf(domain.realm);
  return {
    url,
    dnsName: domain.realm.toLowerCase(),
    netbiosName: domain.netbiosName.toUpperCase(),
    domainDn,
    adminDn: `CN=Administrator,CN=Users,${domainDn}`,
    adminPassword: domain.adminPassword,
  };
}
