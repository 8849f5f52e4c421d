import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { FindingInput } from "../../product/index.ts";
import { unmigratedSettings } from "./client-policy.ts";
import { clientPackages, deployedVersion } from "./client-deployment.ts";
import { SPR_ADMIN, SPR_CLIENT, SPR_SERVER, SPR_WEB } from "./components.ts";
import { diagnoseBrowser, diagnoseReply } from "./diagnose.ts";
import { hostsWith, installedVersion } from "./estate.ts";
import { BRANDING_DIR } from "./paths.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions } from "./versions.ts";
import { CLIENT_VERSION_HEADER } from "./web-pages.ts";
import { readWebConfig } from "./web-config.ts";
import { parseWebReply } from "./web-reply.ts";
import { discoverInternal } from "./web-discovery.ts";
import { testUser } from "./test-accounts.ts";

/** A check's verdict: the findings it raises (empty: it passed) and the rules it evaluated. */
export interface CheckResult {
  readonly findings: FindingInput[];
  readonly checked: string[];
}

const pass = (...checked: string[]): CheckResult => ({ findings: [], checked });

/** Workstations the Client deployment's GPO applies to. */
export function deploymentTargets(lab: Lab): Host[] {
  const gpo = sprState(lab).deployment.gpo;
  if (!gpo || !lab.directory) return [];
  return lab.hosts().filter((h) => h.os.kind === "client" && h.joined && lab.directory!.gposForComputer(h.name).some((g) => g.name === gpo));
}

/**
 * The Client on one workstation: installed at the deployed version (else
 * why not: the GPO, the share, DFS, the architecture, the requirements, no
 * restart), finding the Web by SCP, getting the user's enrollment status.
 */
export async function checkClient(lab: Lab, host: Host): Promise<CheckResult> {
  const expected = deployedVersion(lab);
  const installed = installedVersion(host, SPR_CLIENT);
  const base = { host: host.name, component: SPR_CLIENT };
  if (expected && (installed === undefined || compareVersions(installed, expected) < 0)) {
    return { findings: whyNotInstalled(lab, host, expected, installed).map((f) => ({ ...base, ...f })), checked: [] };
  }
  const checked = ["spr.client.restart", "spr.client.share", "spr.client.dfs", "spr.client.x86-x64", "spr.req.client.os", "spr.req.client.dotnet"];
  const found = discoverInternal(lab, host);
  if (!found.ok) return { findings: [{ ...base, rule: "spr.client.role", message: `${found.detail}: the Client on ${host.name} shows no link to the Web at logon.`, evidence: found.evidence }], checked };
  checked.push("spr.client.role");
  const user = testUser(lab);
  const result = await lab.web.request(host.name, `${found.url}/client/status`, { method: "POST", form: { user: user?.name ?? "" }, headers: { [CLIENT_VERSION_HEADER]: installed ?? "0.0" } });
  if (!result.ok) return { findings: [diagnoseBrowser(lab, result, "/client/status", found.web, true)], checked };
  const reply = parseWebReply(result.response.body);
  if (reply && !reply.ok) return { findings: [diagnoseReply(lab, reply, found.web, found.web ? readWebConfig(found.web.fs)?.resetServer : undefined)], checked };
  checked.push("spr.order.client-last.notification");
  const lost = unmigratedSettings(lab, host);
  if (lost.length > 0) {
    const e = host.record("spr-client", "spr:client.policy-ignored", { settings: lost });
    return { findings: [{ ...base, rule: "spr.client.admx-migrate", message: `The Client ${installed} on ${host.name} ignores the 6.3 template's settings ${lost.join(", ")}.`, evidence: [e.id] }], checked };
  }
  return pass(...checked, "spr.client.admx-migrate");
}

type Why = Omit<FindingInput, "host" | "component">;

/** Why the workstation does not run the deployed Client, from what its last startups left in the trace. */
function whyNotInstalled(lab: Lab, host: Host, expected: string, installed: string | undefined): Why[] {
  const why = whyNotInstalledOne(lab, host, expected, installed);
  if (why.rule !== "spr.req.client.os" && why.rule !== "spr.req.client.dotnet") return [why];
  // The msi names every unmet requirement of its last attempt.
  const last = lab.trace.find((e) => e.host === host.name && e.kind === "spr:client.install-refused");
  const time = last.at(-1)!.time;
  return last.filter((e) => e.time === time).map((e) => ({ rule: String(e.data["rule"]), message: `${String(e.data["detail"])}: ${host.name} keeps ${installed ? `Client ${installed}` : "no Client"}.`, evidence: [e.id] }));
}

function whyNotInstalledOne(lab: Lab, host: Host, expected: string, installed: string | undefined): Why {
  const deployment = sprState(lab).deployment;
  const packages = clientPackages(deployment.gpo ? lab.directory?.gpo(deployment.gpo) : undefined);
  const mine = packages.get(host.arch);
  const had = installed ? `Client ${installed}` : "no Client";
  const settings = lab.trace.find((e) => e.kind === "spr:client.settings-added").at(-1);
  if (!mine || compareVersions(mine, expected) < 0) {
    return { rule: "spr.client.x86-x64", message: `The GPO's ${host.arch} package is still ${mine ?? "missing"} while the deployment is at ${expected}: ${host.name} (${host.arch}) keeps ${had}.`, evidence: settings ? [settings.id] : [] };
  }
  const since = deployment.changedAt ?? 0;
  const mineEvents = lab.trace.find((e) => e.host === host.name && e.time >= since);
  const failed = mineEvents.filter((e) => e.kind === "gpsi.install-failed" && /SpecopsPasswordResetClient_/i.test(String(e.data["msi"]))).at(-1);
  const dfs = mineEvents.filter((e) => e.kind === "spr:client.dfs-target-missing").at(-1);
  const refused = mineEvents.filter((e) => e.kind === "spr:client.install-refused").at(-1);
  const arch = mineEvents.filter((e) => e.kind === "spr:client.arch-mismatch").at(-1);
  if (dfs) return { rule: "spr.client.dfs", message: `${host.name} was referred to ${String(dfs.data["target"])}, which does not hold the Client's msi: it keeps ${had}.`, evidence: [dfs.id] };
  if (failed) {
    const rule = deployment.dfsTargets.length > 0 ? "spr.client.dfs" : "spr.client.share";
    return { rule, message: `${host.name}'s software installation failed (error ${String(failed.data["error"])}): ${String(failed.data["message"])}; it keeps ${had}.`, evidence: [failed.id] };
  }
  if (refused) return { rule: String(refused.data["rule"]), message: `${String(refused.data["detail"])}: ${host.name} keeps ${had}.`, evidence: [refused.id] };
  if (arch) return { rule: "spr.client.x86-x64", message: `Only a ${String(arch.data["packageArch"])} package reached ${host.name} (${host.arch}): it keeps ${had}.`, evidence: [arch.id] };
  return { rule: "spr.client.restart", message: `${host.name} has not restarted since the deployment changed: it still runs ${had}.`, evidence: settings ? [settings.id] : [] };
}

/** The corporate branding each Web served at the start is still in its Branding folder. */
export function checkBranding(lab: Lab): CheckResult {
  const findings: FindingInput[] = [];
  for (const [hostName, expected] of sprState(lab).branding) {
    const host = lab.findHost(hostName);
    if (!host || installedVersion(host, SPR_WEB) === undefined) continue;
    const logo = host.fs.readText(`${BRANDING_DIR}\\logo.png`);
    if (logo !== expected) {
      const e = host.record("spr-web", "spr:branding.missing", { expected: "corporate logo", found: logo ?? "nothing" });
      findings.push({ rule: "spr.post.branding", host: host.name, component: SPR_WEB, message: `${host.name} serves ${logo === undefined ? "no logo" : `"${logo}"`} instead of the corporate branding.`, evidence: [e.id] });
    }
  }
  return findings.length > 0 ? { findings, checked: [] } : pass("spr.post.branding");
}

/** The Administration Tools can open the central configuration. */
export function checkAdmin(lab: Lab): CheckResult {
  const stamp = sprState(lab).central.stamp;
  const findings: FindingInput[] = [];
  for (const host of hostsWith(lab, SPR_ADMIN)) {
    const version = installedVersion(host, SPR_ADMIN)!;
    if (stamp && compareVersions(version, stamp) < 0) {
      const e = host.record("spr-admin", "spr:admin.configuration-unreadable", { version, stamp });
      findings.push({ rule: "spr.admin.install", host: host.name, component: SPR_ADMIN, message: `The Administration Tools ${version} on ${host.name} cannot open the configuration written by ${stamp}.`, evidence: [e.id] });
    }
  }
  return findings.length > 0 ? { findings, checked: [] } : pass("spr.admin.install");
}

/** Every component at the newest version in the estate ("upgrade all components"). */
export function checkAllComponents(lab: Lab): CheckResult {
  const placed: { host: string; component: string; version: string }[] = [];
  for (const component of [SPR_SERVER, SPR_WEB, SPR_ADMIN] as const) {
    for (const host of hostsWith(lab, component)) placed.push({ host: host.name, component, version: installedVersion(host, component)! });
  }
  const deployed = deployedVersion(lab);
  if (deployed) placed.push({ host: "domain", component: SPR_CLIENT, version: deployed });
  const newest = placed.map((p) => p.version).sort(compareVersions).at(-1);
  const behind = placed.filter((p) => newest && compareVersions(p.version, newest) < 0);
  if (behind.length === 0) return pass("spr.upgrade.all-components");
  const e = lab.trace.record({ host: "lab", component: "spr-test", kind: "spr:test.components-behind", data: { newest, behind: behind.map((b) => `${b.component} ${b.version} on ${b.host}`) } });
  return {
    findings: behind.map((b) => ({ rule: "spr.upgrade.all-components", ...(b.host !== "domain" ? { host: b.host } : {}), component: b.component, message: `${b.component} on ${b.host} is left at ${b.version}; the rest is at ${newest}.`, evidence: [e.id] })),
    checked: [],
  };
}
