import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { deployedVersion } from "./client-deployment.ts";
import { SPR_ADMIN, SPR_SERVER, SPR_WEB } from "./components.ts";
import { deploymentTargets } from "./checks.ts";
import { hostsWith, installedVersion } from "./estate.ts";
import { CLIENT_POLICY_KEY_OLD } from "./paths.ts";
import { adminPrerequisites, clientPrerequisites, serverPrerequisites, upgradePathReport, webPrerequisites, type PrereqReport } from "./prerequisites.ts";
import { sprRule } from "./rules.ts";
import { readServerConfig } from "./server-config.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions, NEW_KEY_AT_OR_BELOW, OLD_ADMX_AT_OR_BELOW, SPR_LATEST } from "./versions.ts";
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
 * The documented upgrade of the estate as it stands, to the lab's latest:
 * what blocks it (with the remedy), then the steps in the documented order
 * (Server, Web, DMZ web, Administration Tools, Client) with the manual ones
 * the document asks for (branding kept, msi copied, ADMX migrated, computers
 * restarted, new licence key) and the post-upgrade tests.
 */
export function planUpgrade(lab: Lab, to: string = SPR_LATEST): UpgradePlan {
  const blockers: PlanBlocker[] = [];
  const steps: PlannedStep[] = [];
  const state = sprState(lab);
  const block = (host: Host, report: PrereqReport) => {
    for (const miss of report.misses) blockers.push({ rule: miss.rule, host: host.name, detail: miss.detail, remedy: sprRule(miss.rule).remedy });
  };
  const servers = hostsWith(lab, SPR_SERVER);
  const webs = hostsWith(lab, SPR_WEB);
  const internalWebs = webs.filter((h) => h.zone !== "dmz");
  const dmzWebs = webs.filter((h) => h.zone === "dmz");
  const admins = hostsWith(lab, SPR_ADMIN);
  const branded = webs.filter((h) => state.branding.has(h.name));

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
  for (const host of deploymentTargets(lab)) block(host, clientPrerequisites(host));

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

  const deployment = state.deployment;
  const deployed = deployedVersion(lab);
  if (deployment.gpo && deployment.share && deployed) {
    const assistant = servers[0] ?? admins[0];
    if (assistant) {
      steps.push({ verb: "setup-client-gpsi", args: { host: assistant.name, to, gpo: deployment.gpo, share: deployment.share, architectures: ["x86", "x64"] }, note: "The Client last: Add Settings upgrades both the x86 and the x64 package." });
      const targets = deployment.dfsTargets.length > 0 ? deployment.dfsTargets : [deployment.share];
      for (const target of targets) steps.push({ verb: "copy-msi", args: { from: assistant.name, to: target, version: to }, note: "The existing share needs the Client Side Extension msi (every DFS server, with DFS)." });
      const oldSettings = lab.directory?.gpo(deployment.gpo)?.settings.some((s) => s.key.toLowerCase() === CLIENT_POLICY_KEY_OLD.toLowerCase());
      if (oldSettings && compareVersions(deployed, OLD_ADMX_AT_OR_BELOW) <= 0) steps.push({ verb: "migrate-admx", args: { gpo: deployment.gpo }, note: "Settings made with the 6.3 ADMX/ADML template are migrated by hand." });
      steps.push({ verb: "restart-computers", args: {}, note: "Computer software installation takes effect at the restart." });
    }
  }
  const oldServer = servers.some((h) => compareVersions(installedVersion(h, SPR_SERVER)!, NEW_KEY_AT_OR_BELOW) <= 0);
  const licence = state.central.licence;
  if (oldServer || licence?.generation === "legacy") {
    steps.push({ verb: "license", args: { generation: "current", users: licence?.users ?? 100_000 }, note: "Upgrading from 5.0 or lower: import the new licence key in the Password Reset Configuration tool." });
  }
  for (const host of branded) steps.push({ verb: "branding", args: { host: host.name, action: "restore" }, note: "Put the corporate branding back." });
  if (state.central.mobileInUse) steps.push({ verb: "mobile-app", args: { version: to }, note: "Mobile users install the latest app (passphrases with Specops Password Policy 6.3)." });
  const checks = ["flows", "helpdesk", "reporting", "client", "branding"];
  steps.push({ verb: "verify", args: checks, note: "Test enrollment, reset, change and mobile from inside; the elevated pages; the branding." });
  if (steps.length > 0) steps[0] = { ...steps[0]!, note: `Read the Release Notes and the Product Documentation first (advisory). ${steps[0]!.note ?? ""}`.trim() };
  return { blockers, steps };
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
