import type { Host } from "../../host/index.ts";
import type { StepContext } from "../../product/index.ts";
import { AprDatabase, DB_FILE, LOG_FILE, databaseFormatOf } from "./apr-database.ts";
import { installedVersion, readAprString } from "./apr-install-state.ts";
import { DEFAULT_VDIR, joinPath, REG_ROOT, WEB_TEMPLATES, defaultServerDir } from "./apr-layout.ts";
import { installServer, installWeb, ensureIis, uninstallServer, uninstallWeb } from "./apr-packages.ts";
import { aprLine, APR_LATEST, compareAprVersions, type AprVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { backupDatabase, backupWeb, databaseLock } from "./operator-files.ts";
import { accountOfService, checkPrerequisites } from "./setup-prerequisites.ts";
import { templateFor } from "./web-templates.ts";

export type SetupType = "all" | "server" | "web";

export interface SetupArgs {
  readonly host: string;
  readonly type: SetupType;
  readonly version?: AprVersion;
  readonly serviceAccount?: { readonly user: string; readonly domain?: string; readonly password?: string };
  readonly site?: string;
  readonly vdir?: string;
  readonly firewallException?: boolean;
  readonly serverDir?: string;
  readonly installIis?: boolean;
  /** At the backup prompt, the operator backs the files up (Setup copies them) before clicking Next. */
  readonly backedUp?: boolean;
  readonly ppeIntegration?: boolean;
  readonly licenseKey?: string;
}

export const DEFAULT_SERVICE_USER = "svc-apr";

/**
 * APR323.exe (or the Setup of an older version), as the document walks
 * through it: prerequisites, the backup prompt when an older version is
 * found, the installation type, IIS, the service account, the site and
 * virtual directory, the firewall checkbox, SERVERDIR; then the previous
 * version uninstalled and the new one installed. Returns false when Setup
 * refused (blocked findings raised).
 */
export function runSetup(ctx: StepContext, args: SetupArgs): boolean {
  const lab = ctx.lab;
  const host = lab.host(args.host);
  const version = args.version ?? APR_LATEST;
  const world = AprWorld.of(lab);
  const components = args.type === "all" ? (["apr-server", "apr-web"] as const) : args.type === "server" ? (["apr-server"] as const) : (["apr-web"] as const);
  const serverDir = args.serverDir ?? defaultServerDir(host, version);
  host.recordOwn("apr", "apr:setup.started", { type: args.type, version, ...(args.serverDir ? { serverDir: args.serverDir } : {}) });

  const report = checkPrerequisites(lab, {
    host,
    components,
    version,
    installIis: args.installIis ?? true,
    serverDir,
    ...(args.serviceAccount ? { serviceAccount: args.serviceAccount } : { serviceAccount: defaultAccount(host, args) }),
    ...(args.ppeIntegration !== undefined ? { ppeIntegration: args.ppeIntegration } : {}),
    ...(args.site ? { site: args.site } : {}),
  });
  for (const rule of report.checked) ctx.checked(rule);
  for (const w of report.warnings) ctx.raise({ rule: w.rule, host: host.name, message: w.message, severity: w.severity ?? "warning" });
  if (report.blockers.length > 0) {
    for (const b of report.blockers) ctx.raise({ rule: b.rule, host: host.name, message: b.message, severity: b.severity ?? "blocked" });
    host.recordOwn("apr", "apr:setup.refused", { rules: report.blockers.map((b) => b.rule) });
    return false;
  }

  const older = {
    server: olderThan(installedVersion(host, "apr-server"), version),
    web: olderThan(installedVersion(host, "apr-web"), version),
  };
  const upgrading = older.server !== undefined || older.web !== undefined;
  // Step 2: "The Setup wizard may ask you to backup some files if an older version is detected."
  if (upgrading) {
    const prior = world.backups.get(world.key(host.name));
    if (args.backedUp) {
      if (older.web) backupWeb(lab, host);
      if (older.server) backupDatabase(lab, host);
      ctx.checked("apr.setup.backup-prompt");
    } else if (!prior?.web && !prior?.database) {
      ctx.raise({ rule: "apr.setup.backup-prompt", host: host.name, message: `Setup found version ${older.server ?? older.web} on ${host.name} and asked for a backup; none was made.` });
    } else ctx.checked("apr.setup.backup-prompt");
    if (older.server && aprLine(older.server).major === 2) {
      const db = world.backups.get(world.key(host.name))?.database;
      if (!db || !db.consistent) {
        ctx.raise({ rule: "apr.upgrade2.backup", host: host.name, message: db ? "The V2 database backup was taken while the service ran or the Data Console was open." : `The V2 database on ${host.name} was not backed up before the upgrade.` });
      } else ctx.checked("apr.upgrade2.backup");
    }
  }

  // The installation type can be changed later: Setup removes what the new type does not include.
  const hadServer = installedVersion(host, "apr-server") !== undefined;
  const hadWeb = installedVersion(host, "apr-web") !== undefined;
  if ((hadServer && !components.includes("apr-server" as never)) || (hadWeb && !components.includes("apr-web" as never))) {
    if (hadServer && args.type === "web") uninstallServer(lab, host);
    if (hadWeb && args.type === "server") uninstallWeb(lab, host);
    ctx.raise({ rule: "apr.install.type-change", host: host.name, severity: "info", message: `${host.name} changed to a "${args.type}" installation.` });
  }
  if (args.type === "all") {
    if (host.zone !== "internal") ctx.raise({ rule: "apr.install.single", host: host.name, message: `A single server installation on ${host.name}, in the ${host.zone} zone: the APR Server is exposed with the Web Interface.` });
    else ctx.checked("apr.install.single");
  } else if (args.type === "server" && host.zone !== "internal") {
    ctx.raise({ rule: "apr.install.multi", host: host.name, message: `The APR Server is being installed on ${host.name} in the ${host.zone} zone; in a multiple server installation it belongs in the internal network.` });
  } else ctx.checked("apr.install.multi");

  // A component already at this version stays as it is (Setup modifies, it does not reinstall it).
  if (components.includes("apr-server" as never) && installedVersion(host, "apr-server") !== version) installServerComponent(ctx, host, version, older.server, serverDir, args);
  if (components.includes("apr-web" as never) && (installedVersion(host, "apr-web") !== version || (args.vdir !== undefined && args.vdir !== (readAprString(host, version, "VirtualDirectory") ?? DEFAULT_VDIR)))) {
    installWebComponent(ctx, host, version, older.web, args);
  }
  if (upgrading) ctx.checked("apr.upgrade3.uninstalls-previous");
  // "Wait for Password Reset to install": the service reaches RUNNING on the lab clock.
  lab.clock.advance(5_000);
  host.recordOwn("apr", "apr:setup.finished", { type: args.type, version });
  return true;
}

function olderThan(installed: AprVersion | undefined, target: AprVersion): AprVersion | undefined {
  return installed !== undefined && compareAprVersions(installed, target) < 0 ? installed : undefined;
}

function defaultAccount(host: Host, args: SetupArgs): { user: string; domain?: string; password?: string } | undefined {
  if (args.type === "web") return undefined;
  const existing = accountOfService(host);
  return existing ? { ...existing } : undefined;
}

function installServerComponent(ctx: StepContext, host: Host, version: AprVersion, from: AprVersion | undefined, serverDir: string, args: SetupArgs): void {
  const lab = ctx.lab;
  const world = AprWorld.of(lab);
  const directory = lab.domain();
  const previous = accountOfService(host);
  const user = args.serviceAccount?.user ?? previous?.user ?? DEFAULT_SERVICE_USER;
  const domain = args.serviceAccount?.domain ?? previous?.domain ?? directory.netbiosName;
  const password = args.serviceAccount?.password ?? "";
  if (!directory.user(user)) {
    directory.createServiceAccount({ samAccountName: user, password, description: "Netwrix Password Reset service account" });
    directory.addToGroup("Domain Admins", user);
    host.recordOwn("apr", "apr:setup.account-created", { account: `${domain}\\${user}`, groups: ["Domain Admins"] });
  }
  ctx.checked("apr.setup.service-account");
  const consoleOpen = world.consoles.has(world.key(host.name));
  if (from) {
    if (aprLine(from).major === 2) migrateV2Config(host, from, version);
    const dbBefore = readDatabaseBytes(host, from);
    uninstallServer(lab, host);
    host.recordOwn("apr", "apr:setup.uninstalled-previous", { component: "apr-server", version: from });
    if (aprLine(from).major === 2) importV2Database(ctx, host, version);
    else checkDatabaseKept(ctx, host, version, dbBefore);
  }
  installServer(lab, host, version, {
    serverDir,
    account: `${domain}\\${user}`,
    password,
    firewallException: args.firewallException ?? true,
    ...(args.ppeIntegration !== undefined ? { ppeIntegration: args.ppeIntegration } : {}),
    ...(args.licenseKey ? { licenceKey: args.licenseKey } : {}),
    filesInUse: from !== undefined && consoleOpen,
  });
  if (args.firewallException === false) host.recordOwn("apr", "apr:setup.no-firewall-exception", { port: 5100 });
  ctx.checked("apr.setup.serverdir");
  ctx.checked("apr.server.sqlce");
}

function installWebComponent(ctx: StepContext, host: Host, version: AprVersion, from: AprVersion | undefined, args: SetupArgs): void {
  const lab = ctx.lab;
  const world = AprWorld.of(lab);
  const iis = ensureIis(lab, host, args.installIis ?? true);
  if (!iis) return; // refused by the prerequisites already
  if (lab.trace.find((e) => e.host === host.name && e.kind === "apr:setup.iis-installed", ctx.traceMark).length > 0) {
    ctx.raise({ rule: "apr.setup.iis-offer", host: host.name, severity: "info", message: `Setup installed IIS ${iis.version} on ${host.name} for the Web Interface.` });
  } else ctx.checked("apr.setup.iis-offer");
  let site = args.site ?? "Default Web Site";
  let vdir = args.vdir ?? DEFAULT_VDIR;
  const current = installedVersion(host, "apr-web");
  if (!from && current) {
    // Setup installs one Web Interface a server: running it again replaces the one there.
    const previous = readAprString(host, current, "VirtualDirectory") ?? DEFAULT_VDIR;
    if (previous.toLowerCase() !== vdir.toLowerCase()) {
      ctx.raise({ rule: "apr.web.one-per-server", host: host.name, message: `Setup installs one Web Interface on ${host.name}: /${previous} is replaced by /${vdir}. Copy the files to publish several.` });
    }
    uninstallWeb(lab, host);
  }
  if (from) {
    site = args.site ?? readAprString(host, from, "WebSite") ?? site;
    vdir = args.vdir ?? readAprString(host, from, "VirtualDirectory") ?? vdir;
    const lost = customisedFiles(host, from);
    const backup = world.backups.get(world.key(host.name))?.web;
    if (aprLine(from).major === 2) migrateV2Config(host, from, version);
    uninstallWeb(lab, host);
    host.recordOwn("apr", "apr:setup.uninstalled-previous", { component: "apr-web", version: from, customisedFiles: lost });
    if (lost.length > 0 && !backup) {
      ctx.raise({ rule: "apr.upgrade3.web-overwritten", host: host.name, message: `The upgrade overwrote customised Web Interface files on ${host.name} (${lost.join(", ")}) and no backup was made.` });
    } else ctx.checked("apr.upgrade3.web-overwritten");
  }
  if (!iis.site(site)) {
    ctx.raise({ rule: "apr.setup.site-vdir", host: host.name, severity: "blocked", message: `IIS on ${host.name} has no web site "${site}".` });
    return;
  }
  if (!vdir) ctx.raise({ rule: "apr.setup.site-vdir", host: host.name, message: `The Web Interface was installed into the root of "${site}", not its own virtual directory.` });
  else ctx.checked("apr.setup.site-vdir");
  const hasLocalServer = installedVersion(host, "apr-server") !== undefined;
  installWeb(lab, host, version, iis, { site, vdir, serverIp: hasLocalServer ? "127.0.0.1" : "" });
  ctx.checked("apr.web.one-per-server");
}

/** The web files that differ from what their version's Setup installed. */
export function customisedFiles(host: Host, version: AprVersion): string[] {
  const folder = host.products.byComponent("apr-web")?.installFolder;
  if (!folder) return [];
  return WEB_TEMPLATES.filter((page) => {
    const text = host.fs.readText(joinPath(folder, page));
    return text !== undefined && text !== templateFor(version, page.replace(/\.htm$/, ""));
  });
}

/**
 * The 64-bit 3.x Setup reads the 32-bit 2.x configuration (which a 64-bit
 * process finds under WOW6432Node) and carries it into its own key.
 */
function migrateV2Config(host: Host, from: AprVersion, to: AprVersion): void {
  const old = host.registry.view(32);
  const oldKey = `${REG_ROOT}\\${aprLine(from).registryVersionKey}`;
  const target = host.registry.view(aprLine(to).bits);
  const newKey = `${REG_ROOT}\\${aprLine(to).registryVersionKey}`;
  const carried: string[] = [];
  for (const { name, value } of old.listValues(oldKey)) {
    if (["InstallDir", "Version", "InstallTime"].includes(name) || target.getValue(newKey, name) !== undefined) continue;
    target.setValue(newKey, name, value);
    carried.push(name);
  }
  host.recordOwn("apr", "apr:setup.config-migrated", { from: old.physicalPath(oldKey), to: target.physicalPath(newKey), values: carried });
}

function readDatabaseBytes(host: Host, version: AprVersion): string | undefined {
  const folder = readAprString(host, version, "DatabasePath");
  return folder ? host.fs.readText(joinPath(folder, DB_FILE)) : undefined;
}

function checkDatabaseKept(ctx: StepContext, host: Host, version: AprVersion, before: string | undefined): void {
  const after = readDatabaseBytes(host, version);
  if (before !== undefined && after !== before) ctx.raise({ rule: "apr.upgrade3.db-kept", host: host.name, message: "apr.sdf changed during the upgrade." });
  else ctx.checked("apr.upgrade3.db-kept");
}

/** Setup imports the V2 data into the 3.x format, in place (the files are not moved). */
function importV2Database(ctx: StepContext, host: Host, version: AprVersion): void {
  const lab = ctx.lab;
  const world = AprWorld.of(lab);
  const folder = readAprString(host, version, "DatabasePath");
  if (!folder) return;
  const usersPath = joinPath(folder, DB_FILE);
  const text = host.fs.readText(usersPath);
  if (text === undefined || databaseFormatOf(text) !== 2) return;
  const lock = databaseLock(lab, host, folder);
  if (lock) {
    const event = host.recordOwn("apr", "apr:setup.import-failed", { folder, reason: `the database is in use by ${lock}` });
    ctx.raise({ rule: "apr.upgrade2.backup.locked", host: host.name, message: `Setup could not import the V2 database on ${host.name}: it is in use by ${lock}.`, evidence: [event.id] });
    return;
  }
  const old = AprDatabase.parse(text, host.fs.readText(joinPath(folder, LOG_FILE)));
  world.v2Baseline.set(world.key(host.name), { users: old.userCount, audit: old.auditLog().length });
  const imported = AprDatabase.importFrom(old, lab.clock.epochMs + lab.clock.now());
  host.fs.writeFile(usersPath, imported.serializeUsers());
  host.fs.writeFile(joinPath(folder, LOG_FILE), imported.serializeLog());
  host.recordOwn("apr", "apr:setup.imported", { folder, users: old.userCount, audit: old.auditLog().length });
}
