import { evaluateTrust } from "../../certs/index.ts";
import type { Lab } from "../../lab.ts";
import { adminToolsVersion } from "./admin-tools.ts";
import { writableDcs } from "./estate-view.ts";
import { installedNotifier } from "./notifier.ts";
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

/**
 * The documented upgrade for this estate: the notifier on every writable DC
 * (uninstall the old msi, run the new one), restart every DC, the Sync
 * Servers (the certificate kept, renewed when it has expired or is about to,
 * imported into every DC's trusted roots when they do not trust it), the
 * Administration Tools, the licence, then the final checklist. What the plan
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

  // 1. Password Change Notifier on every writable DC, then restart them all.
  for (const dc of writableDcs(lab)) {
    if (!fromOk(dc.name, SPS_PCN) || unmet(dc.name, SPS_PCN)) continue;
    const installed = installedNotifier(dc);
    if (installed?.version === version) continue;
    steps.push({ verb: "extract", args: { host: dc.name, version }, note: `save and run the Setup Assistant on ${dc.name}` });
    if (installed) steps.push({ verb: "uninstall", args: { host: dc.name, component: SPS_PCN }, note: `uninstall the notifier ${installed.version} msi on ${dc.name}` });
    steps.push({ verb: "msi", args: { host: dc.name, version }, note: `run the new notifier msi on ${dc.name} (recommended option)` });
  }
  steps.push({ verb: "restart-dcs", args: {}, note: "restart the domain controllers once the upgrade is complete" });

  // 2. Sync Servers, with their certificates.
  for (const server of state.servers.values()) {
    const host = lab.host(server.host);
    if (!fromOk(host.name, SPS_SERVER) || unmet(host.name, SPS_SERVER, ["sps.req.sync.dotnet"])) continue;
    if (compareVersions(host.products.byComponent(SPS_SERVER)?.version ?? "0", version) < 0) {
      steps.push({ verb: "setup", args: { host: host.name, component: SPS_SERVER, version, ...(host.hasFeature("dotnet-4.0") ? {} : { meetRequirements: true }) }, note: `upgrade the Sync Server on ${host.name}, keeping its certificate and all providers` });
    }
    const cert = host.certs.store("LocalMachine", "My").get(server.certificateThumbprint)?.certificate;
    const soon = new Date(lab.clock.date().getTime() + 30 * 86_400_000);
    let renewed = false;
    if (!cert || (cert.selfSigned && cert.notAfter.getTime() < soon.getTime())) {
      steps.push({ verb: "renew-cert", args: { host: host.name }, note: `the self-signed certificate of ${host.name} expires: replace it (it is not renewed automatically)` });
      renewed = true;
    }
    let untrusted = renewed;
    if (!renewed && cert) {
      for (const dc of writableDcs(lab)) {
        const trust = await evaluateTrust(cert, { stores: dc.certs, now: lab.clock.date(), dnsName: serverFqdn(host) });
        if (!trust.ok) untrusted = true;
      }
    }
    if (untrusted && (renewed || cert?.selfSigned)) steps.push({ verb: "import-cert", args: { from: host.name }, note: `import ${host.name}'s certificate into the trusted roots of every domain controller` });
    else if (untrusted) block("sps.post.cert-trusted", host.name);
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
  steps.push({ verb: "verify", args: ["pcn-all-dcs", "cert-trusted", "license", "sync"], note: "the final checklist" });
  return { version, blockers, steps };
}
