import { evaluateTrust } from "../../certs/index.ts";
import type { Lab } from "../../lab.ts";
import { adminToolsVersion } from "./admin-tools.ts";
import { writableDcs } from "./estate-view.ts";
import { installedNotifier } from "./notifier.ts";
import { awaitsRestart, nativeNotifierArch } from "./pending-restart.ts";
import { checkPrerequisites } from "./prerequisites.ts";
import { ensureRuntime } from "./runtime.ts";
import { spsRule } from "./rules.ts";
import { serverFqdn } from "./sync-server.ts";
import { compareVersions, SPS_ADMIN, SPS_LATEST, SPS_MIN_UPGRADE_FROM, SPS_PCN, SPS_SERVER, type SpsComponent } from "./versions.ts";

/** A plan step as the scenario layer reads it (`{ verb: args }` with a note). */
export interface UpgradeStep {
  readonly verb: string;
  readonly args: unknown;
  readonly note?: string;
}

export interface UpgradeBlocker {
  readonly rule: string;
  readonly host: string;
  readonly remedy: string;
}

export interface UpgradePlan {
  readonly version: string;
  readonly blockers: UpgradeBlocker[];
  readonly steps: UpgradeStep[];
}

/** A self-signed certificate ending within this is named in the final checklist's note (not renewed: it is still valid). */
const SOON_MS = 30 * 86_400_000;

/**
 * What is left of the documented upgrade on this estate, read from it: the
 * notifier on every writable DC not at the version (uninstall the old msi,
 * run the new one), the DCs restarted when a notifier was upgraded or one
 * is installed but not loaded yet, the Sync Servers below the version (the
 * certificate kept; a self-signed one replaced only once it has expired,
 * and imported into the trusted roots of the DCs that do not trust it), the
 * Administration Tools, the licence when none is valid, then the final
 * checklist. On a finished estate only the checklist is left. What the plan
 * cannot fix is a blocker, with the rule and its remedy.
 */
export async function planUpgrade(lab: Lab, version: string = SPS_LATEST): Promise<UpgradePlan> {
  const state = ensureRuntime(lab);
  const blockers: UpgradeBlocker[] = [];
  const steps: UpgradeStep[] = [];
  const block = (rule: string, host: string): void => void blockers.push({ rule, host, remedy: spsRule(rule).remedy });
  const fromOk = (host: string, component: SpsComponent): boolean => {
    const v = lab.host(host).products.byComponent(component)?.version;
    if (v && compareVersions(v, SPS_MIN_UPGRADE_FROM) < 0) {
      block("sps.upgrade.from-4.1", host);
      return false;
    }
    return true;
  };
  const unmet = (host: string, component: SpsComponent, fixable: string[] = []): boolean => {
    const h = lab.host(host);
    const misses = checkPrerequisites(component, { name: h.name, os: h.os, role: h.role, joined: h.joined, hasFeature: (f) => h.hasFeature(f) }).filter((r) => !r.ok && !fixable.includes(r.rule));
    for (const m of misses) block(m.rule, host);
    return misses.length > 0;
  };

  // 1. Password Change Notifier on every writable DC, then restart the DCs that need it.
  const dcs = writableDcs(lab);
  let upgraded = false;
  for (const dc of dcs) {
    if (!fromOk(dc.name, SPS_PCN) || unmet(dc.name, SPS_PCN)) continue;
    const installed = installedNotifier(dc);
    // A 32-bit notifier on a 64-bit DC is at the version but never loads: it is replaced too.
    if (installed?.version === version && installed.arch === nativeNotifierArch(dc)) continue;
    upgraded = true;
    steps.push({ verb: "extract", args: { host: dc.name, version }, note: `save and run the Setup Assistant on ${dc.name}` });
    if (installed) steps.push({ verb: "uninstall", args: { host: dc.name, component: SPS_PCN }, note: `uninstall the notifier ${installed.version} msi on ${dc.name}` });
    steps.push({ verb: "msi", args: { host: dc.name, version }, note: `run the new notifier msi on ${dc.name} (recommended option)` });
  }
  if (upgraded) steps.push({ verb: "restart-dcs", args: {}, note: "restart the domain controllers once the upgrade is complete" });
  else {
    // Nothing to upgrade, but a DC left without its restart still runs the notifier it loaded before.
    const waiting = dcs.filter((dc) => awaitsRestart(state, dc)).map((dc) => dc.name);
    if (waiting.length > 0) steps.push({ verb: "restart-dcs", args: { hosts: waiting }, note: `restart ${waiting.join(", ")}: LSASS loads the installed notifier only at boot` });
  }

  // 2. Sync Servers, with their certificates.
  const now = lab.clock.date();
  const expiringSoon: string[] = [];
  for (const server of state.servers.values()) {
    const host = lab.host(server.host);
    if (!fromOk(host.name, SPS_SERVER) || unmet(host.name, SPS_SERVER, ["sps.req.sync.dotnet"])) continue;
    if (compareVersions(host.products.byComponent(SPS_SERVER)?.version ?? "0", version) < 0) {
      steps.push({ verb: "setup", args: { host: host.name, component: SPS_SERVER, version, ...(host.hasFeature("dotnet-4.0") ? {} : { meetRequirements: true }) }, note: `upgrade the Sync Server on ${host.name}, keeping its certificate and all providers` });
    }
    const cert = host.certs.store("LocalMachine", "My").get(server.certificateThumbprint)?.certificate;
    // "Update the certificate once it expires": a valid one is kept, however close its end.
    const renew = !cert || (cert.selfSigned && cert.notAfter.getTime() <= now.getTime());
    if (renew) {
      steps.push({ verb: "renew-cert", args: { host: host.name, ifExpired: true }, note: `the self-signed certificate of ${host.name} ${cert ? "has expired" : "is missing"}: replace it (it is not renewed automatically)` });
      steps.push({ verb: "import-cert", args: { from: host.name }, note: `import ${host.name}'s new certificate into the trusted roots of every domain controller` });
      continue;
    }
    if (cert.selfSigned && cert.notAfter.getTime() < now.getTime() + SOON_MS) expiringSoon.push(`${host.name}'s certificate expires on ${cert.notAfter.toISOString().slice(0, 10)}`);
    const untrusted: string[] = [];
    for (const dc of dcs) {
      const trust = await evaluateTrust(cert, { stores: dc.certs, now, dnsName: serverFqdn(host) });
      if (!trust.ok) untrusted.push(dc.name);
    }
    if (untrusted.length === 0) continue;
    if (!cert.selfSigned) block("sps.post.cert-trusted", host.name);
    else {
      const to = untrusted.length === dcs.length ? {} : { to: untrusted };
      steps.push({ verb: "import-cert", args: { from: host.name, ...to }, note: `import ${host.name}'s certificate into the trusted roots of ${untrusted.join(", ")}` });
    }
  }

  // 3. Administration Tools, then the licence.
  let adminFrom: string | undefined;
  for (const host of lab.hosts().filter((h) => adminToolsVersion(h) !== undefined)) {
    if (!fromOk(host.name, SPS_ADMIN) || unmet(host.name, SPS_ADMIN, ["sps.req.admin.dotnet"])) continue;
    adminFrom ??= host.name;
    if (compareVersions(adminToolsVersion(host)!, version) < 0) {
      steps.push({ verb: "setup", args: { host: host.name, component: SPS_ADMIN, version, ...(host.hasFeature("dotnet-4.0") ? {} : { meetRequirements: true }) }, note: `upgrade the Administration Tools on ${host.name}` });
    }
  }
  const license = state.license;
  const licenseValid = license && (license.expiresAtMs === undefined || license.expiresAtMs > lab.clock.now());
  if (!licenseValid) {
    if (adminFrom) steps.push({ verb: "license", args: { from: adminFrom }, note: "import the licence key in the Administration Tool" });
    else block("sps.admin.where", lab.hosts()[0]?.name ?? "lab");
  }
  const reminder = expiringSoon.length > 0 ? `; renew when it expires: ${expiringSoon.join(", ")}` : "";
  steps.push({ verb: "verify", args: ["pcn-all-dcs", "cert-trusted", "license", "sync"], note: `the final checklist${reminder}` });
  return { version, blockers, steps };
}
