import type { Host } from "../host/index.ts";
import { LabError } from "../kernel/index.ts";
import type { Lab } from "../lab.ts";

/** Joins a host as Add-Computer does: computer account, domain logons for its services, Group Policy at startup. */
export function joinDomain(lab: Lab, host: Host, options: { ou?: string } = {}): void {
  const ad = lab.domain();
  if (host.joined) throw new LabError({ code: "AD_ALREADY_JOINED", message: `${host.name} is already joined to ${host.domain}` });
  ad.joinComputer(host.name, { os: host.os.id, ...(options.ou ? { ou: options.ou } : {}) });
  host.domain = ad.dnsName;
  host.setAuthenticator(ad.serviceLogonProvider());
}

/** Leaves the domain as Remove-Computer does: the account stays, disabled; domain accounts no longer log on. */
export function unjoinDomain(lab: Lab, host: Host, options: { deleteAccount?: boolean } = {}): void {
  const ad = lab.domain();
  if (host.isDomainController) throw new LabError({ code: "AD_IS_DC", message: `${host.name} is a domain controller; it cannot leave the domain` });
  if (!host.joined) throw new LabError({ code: "AD_NOT_JOINED", message: `${host.name} is not joined to a domain` });
  ad.unjoinComputer(host.name, options);
  host.domain = undefined;
  host.setAuthenticator({ logon: (account) => ({ ok: false, reason: `1355 (ERROR_NO_SUCH_DOMAIN): ${host.name} is not in a domain; it cannot verify "${account}".` }) });
}

/**
 * Group Policy software installation at startup: assigned packages install
 * when the share holds the file and the computer can read it. Every host
 * runs it at restart; it does nothing on a host outside the domain.
 */
export function applyAssignedSoftware(lab: Lab, host: Host): void {
  const directory = lab.directory;
  if (!directory || !host.joined) return;
  const decisions = directory.softwareInstallPlan(host.name, (unc, computer) => lab.shares.resolve(unc, computer, true), { arch: host.arch });
  for (const decision of decisions) {
    const pkg = decision.assignment.package;
    if (decision.action === "fail") {
      host.recordOwn("gpsi", "gpsi.install-failed", { package: pkg.name, gpo: decision.assignment.gpo, msi: pkg.msiPath, error: decision.errorCode, message: decision.message });
      continue;
    }
    const installer = lab.packageInstaller(pkg.msiPath);
    if (!installer) {
      host.recordOwn("gpsi", "gpsi.install-failed", { package: pkg.name, gpo: decision.assignment.gpo, msi: pkg.msiPath, error: 1620, message: "This installation package could not be opened (the lab knows no installer for it)." });
      continue;
    }
    const installed = installer(host, pkg.msiPath, pkg.name);
    host.recordOwn("gpsi", installed ? "gpsi.installed" : "gpsi.already-installed", { package: pkg.name, gpo: decision.assignment.gpo, msi: pkg.msiPath });
  }
}
