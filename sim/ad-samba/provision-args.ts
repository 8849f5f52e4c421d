import { join } from "node:path";
import type { SambaDomainOptions } from "./samba-domain.ts";

/** The DC's host name: fixed, because the machine's own may not be a valid NetBIOS name. */
export const DC_HOST_NAME = "LABDC";

/**
 * `samba-tool domain provision` arguments for a DC that lives entirely in
 * `targetDir`: no DNS, only the LDAP service (no smbd, no KDC, so nothing
 * clashes with a Samba the host runs on 445 or 88), and listening on
 * loopback only. `interfaces` is "lo" for a host DC and absent in a container.
 */
export function provisionArgs(domain: SambaDomainOptions, targetDir: string, options: { loopbackOnly: boolean }): string[] {
  const settings: Record<string, string> = {
    "server services": "ldap",
    // A throwaway database needs no fsync per transaction; it makes provisioning and every password set several times faster.
    "ldb:nosync": "true",
    "log file": join(targetDir, "log.%m"),
    "pid directory": join(targetDir, "run"),
    "winbindd socket directory": join(targetDir, "winbindd"),
    "ntp signd socket directory": join(targetDir, "ntp_signd"),
    ...(options.loopbackOnly ? { interfaces: "lo", "bind interfaces only": "yes" } : {}),
  };
  return [
    "domain",
    "provision",
    `--realm=${domain.realm}`,
    `--domain=${domain.netbiosName}`,
    "--server-role=dc",
    "--dns-backend=NONE",
    "--use-rfc2307",
    `--host-name=${DC_HOST_NAME}`,
    `--adminpass=${domain.adminPassword}`,
    `--targetdir=${targetDir}`,
    ...Object.entries(settings).map(([key, value]) => `--option=${key}=${value}`),
  ];
}

/**
 * Settings `samba-tool domain provision` does not carry into smb.conf (it
 * drops "old password allowed period" given as --option), written into the
 * [global] section after provisioning.
 */
export function postProvisionSettings(domain: SambaDomainOptions): Record<string, string> {
  return { "old password allowed period": String(domain.oldPasswordAllowedPeriodMinutes) };
}

/** smb.conf text with `settings` added at the top of [global]. */
export function withGlobalSettings(smbConf: string, settings: Record<string, string>): string {
  const lines = Object.entries(settings).map(([key, value]) => `\t${key} = ${value}`);
  const at = smbConf.search(/^\[global\][^\n]*\n/m);
  if (at < 0) return `[global]\n${lines.join("\n")}\n${smbConf}`;
  const end = smbConf.indexOf("\n", at) + 1;
  return `${smbConf.slice(0, end)}${lines.join("\n")}\n${smbConf.slice(end)}`;
}
