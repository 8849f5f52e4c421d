import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { clientWorkLeft } from "./client-left.ts";
import { SPR_ADMIN, SPR_SERVER, SPR_WEB, type SprComponent } from "./components.ts";
import { deploymentTargets } from "./checks.ts";
import { hostsWith, installedVersion } from "./estate.ts";
import { BRANDING_BACKUP_DIR, BRANDING_DIR } from "./paths.ts";
import { adminPrerequisites, clientPrerequisites, serverPrerequisites, upgradePathReport, webPrerequisites, type PrereqReport } from "./prerequisites.ts";
import { sprRule } from "./rules.ts";
import { readServerConfig } from "./server-config.ts";
import { hasClientFiles } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions, NEW_KEY_AT_OR_BELOW, SPR_LATEST } from "./versions.ts";
import { readWebConfig } from "./web-config.ts";
import { certificateCoversName } from "../../certs/index.ts";

/** A plan step, shaped as a scenario's `{ verb: args }` step (sim/scenario's PlanStep). */
export interface PlannedStep {
  readonly verb: string;
  readonly args: unknown;
  readonly note?: string;
}

export interface PlanBlocker {
  readonly rule: string;
  readonly host: string;
  readonly detail: string;
  readonly remedy: string;
}

export interface UpgradePlan {
  readonly blockers: PlanBlocker[];
  readonly steps: PlannedStep[];
}

/**
 * What is left of the documented upgrade on the estate as it stands, to the
 * lab's latest: what blocks it (with the remedy), then the steps in the
 * documented order (Server, Web, DMZ web, Administration Tools, Client) for
 * the components below the version, with the manual ones the document asks
 * for where the estate still needs them (branding kept over a Web's
 * upgrade, msi copied to a share without it, 6.3 ADMX settings not migrated
 * yet, workstations not running the new Client restarted, a new licence key
 * while the key is for 5.0 or lower, the latest mobile app) and the
 * post-upgrade tests. On a finished estate only the tests are left.
 */
export function planUpgrade(lab: Lab, to: string = SPR_LATEST): UpgradePlan {
  const blockers: PlanBlocker[] = [];
  const steps: PlannedStep[] = [];
  const state = sprState(lab);
  const block = (host: Host, report: PrereqReport) => {
    for (const miss of report.misses) blockers.push({ rule: miss.rule, host: host.name, detail: miss.detail, remedy: sprRule(miss.rule).remedy });
  };
  const behind = (component: SprComponent) => hostsWith(lab, component).filter((h) => compareVersions(installedVersion(h, component)!, to) < 0);
  const servers = behind(SPR_SERVER);
  const webs = behind(SPR_WEB);
  const internalWebs = webs.filter((h) => h.zone !== "dmz");
  const dmzWebs = webs.filter((h) => h.zone === "dmz");
  const admins = behind(SPR_ADMIN);
  const branded = webs.filter((h) => state.branding.has(h.name));
  // A Web upgraded without its branding put back, whose backup still holds it.
  const brandingLost = hostsWith(lab, SPR_WEB).filter((h) => !webs.includes(h) && brandingToRestore(state.branding.get(h.name), h));
  const client = clientWorkLeft(lab, to);

  for (const host of servers) {
    block(host, upgradePathReport(installedVersion(host, SPR_SERVER), SPR_SERVER, to));
    block(host, serverPrerequisites(host));
  }
  for (const host of webs) {
    block(host, upgradePathReport(installedVersion(host, SPR_WEB), SPR_WEB, to));
    block(host, webPrerequisites(host, { configureIis: true }));
  }
  for (const host of admins) {
    block(host, upgradePathReport(installedVersion(host, SPR_ADMIN), SPR_ADMIN, to));
    block(host, adminPrerequisites(host));
  }
  if (client && (client.settings || client.restart.length > 0)) for (const host of deploymentTargets(lab)) block(host, clientPrerequisites(host));

  for (const host of branded) steps.push({ verb: "branding", args: { host: host.name, action: "backup" }, note: "Keep the corporate branding: the Web's upgrade replaces its files." });
  for (const host of servers) {
    const config = readServerConfig(host.fs);
    if (!config) continue;
    const password = state.servicePasswords.get(config.serviceAccount.toLowerCase());
    if (password === undefined) {
      blockers.push({ rule: "spr.server.service-account.directory", host: host.name, detail: `the password of ${config.serviceAccount} is not known`, remedy: sprRule("spr.server.service-account.directory").remedy });
      continue;
    }
    steps.push({
      verb: "setup-server",
      args: { host: host.name, to, serviceAccount: { user: config.serviceAccount, password }, managementLevel: config.managementLevel, certificate: { thumbprint: config.certificateThumbprint } },
      note: "Server (internal) first. Select the same certificate: the thumbprint in Specopssoft.SpecopsPasswordReset.Server.exe.config.",
    });
  }
  for (const host of [...internalWebs, ...dmzWebs]) {
    const config = readWebConfig(host.fs);
    if (!config) continue;
    const ssl = sslFor(lab, host, config.site, config.names);
    if (!ssl) {
      blockers.push({ rule: "spr.req.web.trusted-cert.names", host: host.name, detail: `no certificate in LocalMachine\\My of ${host.name} covers ${config.names.join(", ")}`, remedy: sprRule("spr.req.web.trusted-cert.names").remedy });
      continue;
    }
    const dmz = host.zone === "dmz";
    steps.push({
      verb: "setup-web",
      args: { host: host.name, to, resetServer: config.resetServer, site: config.site, names: [...config.names], sslCertificate: { thumbprint: ssl }, mobile: config.mobile, ...(host.joined ? { updateScp: !dmz } : {}) },
      note: dmz ? "The DMZ web after the internal Web; do not update the Service Connection Point there." : "The internal Web, keeping the Service Connection Point updated.",
    });
  }
  for (const host of admins) steps.push({ verb: "setup-admin", args: { host: host.name, to }, note: "The Administration Tools after the Server and the Webs." });

  if (client) {
    // The Setup Assistant runs where the Server (or the Tools) are, whatever their version.
    const assistant = hostsWith(lab, SPR_SERVER)[0] ?? hostsWith(lab, SPR_ADMIN)[0];
    if (assistant) {
      // Copying needs the msi-packages the Setup Assistant downloads: run it again where they are gone.
      const assistantRuns = client.settings || (client.copies.length > 0 && !hasClientFiles(assistant, to));
      if (assistantRuns) steps.push({ verb: "setup-client-gpsi", args: { host: assistant.name, to, gpo: client.gpo, share: client.share, architectures: ["x86", "x64"] }, note: "The Client last: Add Settings upgrades both the x86 and the x64 package." });
      for (const target of client.copies) steps.push({ verb: "copy-msi", args: { from: assistant.name, to: target, version: to }, note: "The existing share needs the Client Side Extension msi (every DFS server, with DFS)." });
      if (client.migrate) steps.push({ verb: "migrate-admx", args: { gpo: client.gpo }, note: "Settings made with the 6.3 ADMX/ADML template are migrated by hand." });
      if (client.settings) steps.push({ verb: "restart-computers", args: {}, note: "Computer software installation takes effect at the restart." });
      else if (client.restart.length > 0) steps.push({ verb: "restart-computers", args: { hosts: client.restart.map((h) => h.name) }, note: "These workstations install the new Client at their restart." });
    }
  }
  const oldServer = servers.some((h) => compareVersions(installedVersion(h, SPR_SERVER)!, NEW_KEY_AT_OR_BELOW) <= 0);
  const licence = state.central.licence;
  if (oldServer || licence?.generation === "legacy") {
    steps.push({ verb: "license", args: { generation: "current", users: licence?.users ?? 100_000 }, note: "Upgrading from 5.0 or lower: import the new licence key in the Password Reset Configuration tool." });
  }
  for (const host of [...branded, ...brandingLost]) steps.push({ verb: "branding", args: { host: host.name, action: "restore" }, note: "Put the corporate branding back." });
  if (state.central.mobileInUse && compareVersions(state.mobileApp, to) < 0) steps.push({ verb: "mobile-app", args: { version: to }, note: "Mobile users install the latest app (passphrases with Specops Password Policy 6.3)." });
  const upgrading = steps.length > 0;
  const checks = ["flows", "helpdesk", "reporting", "client", "branding"];
  steps.push({ verb: "verify", args: checks, note: "Test enrollment, reset, change and mobile from inside; the elevated pages; the branding." });
  if (upgrading) steps[0] = { ...steps[0]!, note: `Read the Release Notes and the Product Documentation first (advisory). ${steps[0]!.note ?? ""}`.trim() };
  return { blockers, steps };
}

/** The Web serves another logo than the corporate one, and the backup taken before its upgrade holds it. */
function brandingToRestore(logo: string | undefined, host: Host): boolean {
  if (logo === undefined) return false;
  return host.fs.readText(`${BRANDING_DIR}\\logo.png`) !== logo && host.fs.readText(`${BRANDING_BACKUP_DIR}\\logo.png`) === logo;
}

/** The SSL certificate the Web keeps: its binding's, else one in LocalMachine\My covering its names. */
function sslFor(lab: Lab, host: Host, site: string, names: readonly string[]): string | undefined {
  const bound = lab.iis(host.name)?.site(site)?.bindings.find((b) => b.protocol === "https")?.certificateThumbprint;
  const my = host.certs.store("LocalMachine", "My");
  const covers = (thumbprint: string) => {
    const e = my.get(thumbprint);
    return e?.privateKeyPem !== undefined && names.every((n) => certificateCoversName(e.certificate, n));
  };
  if (bound && covers(bound)) return bound;
  return my.list().find((e) => covers(e.certificate.thumbprint))?.certificate.thumbprint;
}
