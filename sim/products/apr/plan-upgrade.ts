import type { Lab } from "../../lab.ts";
import { installedVersion, readAprString } from "./apr-install-state.ts";
import { CLIENT_REG_ROOT, IE11_EMULATION, IE_EMULATION_KEY, LOGONUI_VALUE, SERVICE_NAME } from "./apr-layout.ts";
import { APR_LATEST, aprLine, compareAprVersions, type AprVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { licensesMajor } from "./licence.ts";
import { aprRule } from "./rules.ts";
import { checkPrerequisites, accountOfService } from "./setup-prerequisites.ts";
import { customisedFiles } from "./setup-wizard.ts";

/** A step in scenario-step form: `{ verb, args, note }` (a plan step of a scenario). */
export interface PlanStep {
  readonly verb: string;
  readonly args: unknown;
  readonly note?: string;
}

export interface PlanBlocker {
  readonly rule: string;
  readonly host: string;
  readonly message: string;
  readonly remedy: string;
}

export interface UpgradePlan {
  readonly blockers: PlanBlocker[];
  readonly steps: PlanStep[];
}

export interface PlanOptions {
  /** What the operator knows: the service account's password per server host (the document: "make sure you know it"). */
  readonly credentials?: Readonly<Record<string, { readonly user?: string; readonly password: string }>>;
  readonly to?: AprVersion;
}

/**
 * The documented upgrade to 3.23 from the lab's current state, in order:
 * back up the web files and database with the service stopped and the Data
 * Console closed; upgrade every server, then every Web Interface; make sure
 * the stopped services run again; restore customised templates without
 * APR.dll; move a V2 database out of Program Files (x86) with every step;
 * install V3 licence keys; fix old clients (upgrade or the IE 11 emulation
 * value); then the document's checks, licences included. An estate already
 * at 3.23 gets no step but what is still missing (no backup, no stop), and
 * the plan run twice leaves the service running. What cannot be planned
 * around is a blocker with its remedy.
 */
export function planUpgrade(lab: Lab, options: PlanOptions = {}): UpgradePlan {
  const to = options.to ?? APR_LATEST;
  const blockers: PlanBlocker[] = [];
  const steps: PlanStep[] = [];
  const world = AprWorld.of(lab);
  const block = (rule: string, host: string, message: string): void => void blockers.push({ rule, host, message, remedy: aprRule(rule).remedy });
  const hosts = lab.hosts();
  const servers = hosts.filter((h) => older(installedVersion(h, "apr-server"), to));
  const webs = hosts.filter((h) => older(installedVersion(h, "apr-web"), to));
  const clients = hosts.filter((h) => installedVersion(h, "apr-client") !== undefined);
  let fromV2 = false;

  for (const host of [...new Set([...servers, ...webs])]) {
    const components = [installedVersion(host, "apr-server") ? "apr-server" : undefined, installedVersion(host, "apr-web") ? "apr-web" : undefined].filter(Boolean) as ("apr-server" | "apr-web")[];
    const credential = options.credentials?.[host.name] ?? options.credentials?.[host.name.toUpperCase()];
    const account = accountOfService(host);
    const report = checkPrerequisites(lab, {
      host,
      components,
      version: to,
      installIis: true,
      serverDir: `${host.programFiles(64)}\\ANIXIS Password Reset`,
      ...(components.includes("apr-server") ? { serviceAccount: { user: credential?.user ?? account?.user ?? "svc-apr", ...(credential ? { password: credential.password } : {}) } } : {}),
    });
    for (const b of report.blockers) block(b.rule, host.name, b.message);
  }

  // Hosts whose service the plan stops: Setup starts it again when it upgrades, but a Setup that finds
  // nothing to upgrade (the plan run a second time) leaves it stopped, so the plan starts it itself.
  const stopped: string[] = [];
  for (const host of servers) {
    const from = installedVersion(host, "apr-server")!;
    const v2 = aprLine(from).major === 2;
    if (v2) fromV2 = true;
    // The Data Console holds the database files open (SQL Server Compact): the backup could not copy them.
    if (world.consoles.has(world.key(host.name))) steps.push({ verb: "data-console", args: { host: host.name, action: "close" }, note: v2 ? "Close the Data Console (V2 upgrade, Before You Begin, step 2)" : "Close the Data Console: it holds the database files open" });
    if (host.services.isRunning(SERVICE_NAME)) {
      // V2: the document's step 3. 3.x: SQL Server Compact holds the database open while the service runs.
      steps.push({ verb: "apr-service", args: { host: host.name, action: "stop" }, note: v2 ? "Stop the Netwrix Password Reset service (step 3)" : "Stop the service so the database files can be copied" });
      stopped.push(host.name);
    }
    const what = installedVersion(host, "apr-web") ? "both" : "database";
    steps.push({ verb: "backup", args: { host: host.name, what }, note: v2 ? "Back up the V2 server and its database" : "Back up the database (and customised Web Interface files) before upgrading" });
  }
  for (const host of webs) {
    if (servers.includes(host)) continue;
    steps.push({ verb: "backup", args: { host: host.name, what: "web" }, note: "Back up customised Web Interface files: the upgrade overwrites them" });
  }
  // Every server, then every Web Interface: they are only tested with matching versions.
  for (const host of servers) {
    const credential = options.credentials?.[host.name] ?? options.credentials?.[host.name.toUpperCase()];
    const account = accountOfService(host);
    steps.push({
      verb: "upgrade",
      args: { host: host.name, component: "apr-server", to, ...(credential ? { serviceAccount: { user: credential.user ?? account?.user ?? "svc-apr", ...(account?.domain ? { domain: account.domain } : {}), password: credential.password } } : {}) },
      note: `Run APR323.exe on ${host.name}: Setup uninstalls ${installedVersion(host, "apr-server")} itself`,
    });
  }
  for (const host of webs) {
    if (servers.includes(host)) continue;
    steps.push({ verb: "upgrade", args: { host: host.name, component: "apr-web", to }, note: `Upgrade the Web Interface on ${host.name} before using the new version` });
  }
  for (const name of stopped) {
    steps.push({ verb: "apr-service", args: { host: name, action: "start" }, note: "Make sure the service runs again (Setup starts it after an upgrade; a Setup with nothing to upgrade does not)" });
  }
  for (const host of webs) {
    const from = installedVersion(host, "apr-web")!;
    if (customisedFiles(host, from).length > 0) steps.push({ verb: "restore", args: { host: host.name, includeAprDll: false }, note: "Restore customised templates, never APR.dll" });
  }
  for (const host of servers) {
    const from = installedVersion(host, "apr-server")!;
    if (aprLine(from).major !== 2) continue;
    const folder = readAprString(host, from, "DatabasePath") ?? "";
    if (host.is64Bit && folder.toLowerCase().includes("program files (x86)")) {
      steps.push({ verb: "move-database", args: { host: host.name }, note: "Move apr.sdf and aprlog.sdf to \\Program Files\\ANIXIS Password Reset\\ (every step, the backup script too)" });
    }
  }
  let licences = 0;
  for (const host of servers) {
    const key = readAprString(host, installedVersion(host, "apr-server")!, "LicenseKey");
    if (!licensesMajor(key, aprLine(to).major)) {
      steps.push({ verb: "license", args: { host: host.name }, note: "Install the new licence key" });
      licences++;
    }
  }
  for (const host of clients) {
    const version = installedVersion(host, "apr-client")!;
    const view = host.registry.view(host.is64Bit ? 64 : 32);
    const key = view.getValue(CLIENT_REG_ROOT, "LicenseKey");
    if (fromV2 && !(key?.type === "REG_SZ" && licensesMajor(key.data, aprLine(to).major))) {
      steps.push({ verb: "license", args: { host: host.name, component: "apr-client" }, note: "Update the Client licence key" });
      licences++;
    }
    // Whatever the Client's version, it renders with the machine's IE: IE 8 cannot show the 3.23 templates.
    if (host.ie <= 8) {
      block("apr.upgrade2.ie8", host.name, `${host.name} (${host.os.name}) renders with IE ${host.ie}, which cannot display the 3.23 templates.`);
      continue;
    }
    if (compareAprVersions(version, "3.23") >= 0) continue;
    const emulation = view.getValue(IE_EMULATION_KEY, LOGONUI_VALUE);
    if (!(emulation?.type === "REG_DWORD" && emulation.data === IE11_EMULATION)) {
      steps.push({ verb: "ie-emulation", args: { host: host.name }, note: "Set LogonUI.exe = 0x2AF8 under FEATURE_BROWSER_EMULATION (or upgrade the Client)" });
    }
  }
  if (servers.length + webs.length > 0) {
    if (fromV2) steps.push({ verb: "verify", args: "data-console", note: "Check the Audit Log and User tabs: the data was imported" });
    steps.push({ verb: "verify", args: ["enroll", "reset", "change"], note: "Test Enroll, Reset and Change in a browser" });
    if (clients.length > 0) steps.push({ verb: "verify", args: "client", note: "Check the Password Reset Client's pages" });
    if (fromV2 || licences > 0) steps.push({ verb: "verify", args: "license", note: "Check every server runs on a licence key of its version, not an expiring evaluation" });
  }
  return { blockers, steps };
}

function older(installed: AprVersion | undefined, to: AprVersion): boolean {
  return installed !== undefined && compareAprVersions(installed, to) < 0;
}
