import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { StepContext, VerbDef } from "../../product/index.ts";
import { installedVersion } from "./apr-install-state.ts";
import { CLIENT_REG_ROOT, IE11_EMULATION, IE_EMULATION_KEY, joinPath, LOGONUI_VALUE, REG_ROOT, SERVICE_NAME, SQLCE_DLL, sqlCeDir, webFolder } from "./apr-layout.ts";
import { installClient, publishWebApplication, uninstallClient, uninstallServer, uninstallWeb } from "./apr-packages.ts";
import { APR_LATEST, APR_VERSIONS, aprLine, type AprVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { submitWrongAnswers } from "./flows.ts";
import { sampleKey } from "./licence.ts";
import { backupDatabase, backupWeb, moveDatabase, MOVE_STEPS, restoreWeb } from "./operator-files.ts";
import { runSetup, type SetupArgs } from "./setup-wizard.ts";
import { webTargets } from "./web-targets.ts";

const host = z.string().min(1);
const version = z.enum(APR_VERSIONS);
const account = z.object({ user: z.string().min(1), domain: z.string().optional(), password: z.string().optional() }).strict();

function define<A>(verb: VerbDef<A>): VerbDef<A> {
  return verb;
}

const hostRefs = <A extends { host: string }>(args: A) => ({ hosts: [args.host] });

const setupArgs = z
  .object({
    host,
    type: z.enum(["all", "server", "web"]),
    version: version.optional(),
    serviceAccount: account.optional(),
    site: z.string().optional(),
    vdir: z.string().optional(),
    firewallException: z.boolean().optional(),
    serverDir: z.string().optional(),
    installIis: z.boolean().optional(),
    backedUp: z.boolean().optional(),
    ppeIntegration: z.boolean().optional(),
    licenseKey: z.string().optional(),
  })
  .strict();

const upgradeArgs = z
  .object({
    host,
    component: z.enum(["apr-server", "apr-web", "apr-client"]),
    to: version.optional(),
    serviceAccount: account.optional(),
    backedUp: z.boolean().optional(),
    installIis: z.boolean().optional(),
    firewallException: z.boolean().optional(),
    licenseKey: z.string().optional(),
  })
  .strict();

function clientUpgrade(ctx: StepContext, hostName: string, to: AprVersion): void {
  const h = ctx.lab.host(hostName);
  const view = h.registry.view(h.is64Bit ? 64 : 32);
  const url = view.getValue(CLIENT_REG_ROOT, "ResetUrl");
  const key = view.getValue(CLIENT_REG_ROOT, "LicenseKey");
  uninstallClient(h);
  installClient(h, to, { resetUrl: url?.type === "REG_SZ" ? url.data : "", ...(key?.type === "REG_SZ" ? { licenceKey: key.data } : {}) });
  ctx.checked("apr.upgrade3.uninstalls-previous");
}

export const APR_VERBS: readonly VerbDef<any>[] = [
  define({
    name: "setup",
    description: "Runs the Password Reset Setup wizard (APR323.exe) on a host: All Components, Server Only or Web Interface Only, with the document's choices.",
    args: setupArgs,
    refs: (a) => ({ hosts: [a.host], components: a.version ? [{ id: a.type === "web" ? "apr-web" : "apr-server", version: a.version }] : [] }),
    async run(ctx, args) {
      runSetup(ctx, args as SetupArgs);
    },
  }),
  define({
    name: "upgrade",
    description: "Upgrades a component by running Setup of the target version in upgrade mode (the Setup uninstalls the previous version itself).",
    args: upgradeArgs,
    refs: (a) => ({ hosts: [a.host], components: [{ id: a.component, ...(a.to ? { version: a.to } : {}) }] }),
    async run(ctx, args) {
      const to = args.to ?? APR_LATEST;
      const h = ctx.lab.host(args.host);
      if (args.component === "apr-client") {
        clientUpgrade(ctx, args.host, to);
        return;
      }
      const hasServer = installedVersion(h, "apr-server") !== undefined;
      const hasWeb = installedVersion(h, "apr-web") !== undefined;
      const type = hasServer && hasWeb ? "all" : args.component === "apr-server" ? "server" : "web";
      runSetup(ctx, {
        host: args.host,
        type,
        version: to,
        ...(args.serviceAccount ? { serviceAccount: args.serviceAccount } : {}),
        ...(args.backedUp !== undefined ? { backedUp: args.backedUp } : {}),
        ...(args.installIis !== undefined ? { installIis: args.installIis } : {}),
        ...(args.firewallException !== undefined ? { firewallException: args.firewallException } : {}),
        ...(args.licenseKey ? { licenseKey: args.licenseKey } : {}),
      });
    },
  }),
  define({
    name: "uninstall",
    description: "Uninstalls a component (the database files stay); `sqlce` removes SQL Server Compact.",
    args: z.object({ host, component: z.enum(["apr-server", "apr-web", "apr-client", "sqlce"]) }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      if (args.component === "apr-server") uninstallServer(ctx.lab, h);
      else if (args.component === "apr-web") uninstallWeb(ctx.lab, h);
      else if (args.component === "apr-client") uninstallClient(h);
      else {
        const v = installedVersion(h, "apr-server") ?? APR_LATEST;
        h.fs.delete(joinPath(sqlCeDir(h, v), SQLCE_DLL));
        for (const row of h.products.byName("SQL Server Compact")) h.products.remove(row.productCode);
        h.recordOwn("apr", "apr:sqlce.removed", { folder: sqlCeDir(h, v) });
      }
    },
  }),
  define({
    name: "backup",
    description: "Backs up the Web Interface files and/or the database (by copying, or by running the backup script).",
    args: z.object({ host, what: z.enum(["web", "database", "both"]).default("both"), via: z.enum(["copy", "script"]).default("copy") }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      if (args.what !== "database") backupWeb(ctx.lab, h);
      if (args.what === "both") ctx.checked("apr.upgrade.full-backup");
      if (args.what === "web") return;
      const result = backupDatabase(ctx.lab, h, args.via);
      if (result.ok) {
        ctx.checked("apr.db.move.backup-script");
        ctx.checked("apr.upgrade2.backup.locked");
      } else if (result.reason === "empty") {
        ctx.raise({ rule: "apr.db.move.backup-script", host: h.name, message: `The backup ${args.via === "script" ? "script" : ""} copied nothing: ${result.detail}.`, evidence: [result.traceId] });
      } else if (result.reason === "locked") {
        ctx.raise({ rule: "apr.upgrade2.backup.locked", host: h.name, severity: "warning", message: `The database backup failed: ${result.detail}.`, evidence: [result.traceId] });
      }
    },
  }),
  define({
    name: "restore",
    description: "Restores the backed-up Web Interface files over the installed ones; includeAprDll restores APR.dll too (the document says never).",
    args: z.object({ host, includeAprDll: z.boolean().default(false) }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const done = restoreWeb(ctx.lab, ctx.lab.host(args.host), { includeAprDll: args.includeAprDll });
      if (!done) throw new LabError({ code: "APR_NO_BACKUP", message: `${args.host} has no Web Interface backup to restore`, remedy: "Run `backup: { host, what: web }` before the upgrade." });
    },
  }),
  define({
    name: "customise",
    description: "Edits a Web Interface template (branding), as customers customise the HTML templates.",
    args: z.object({ host, file: z.string().default("reset.htm"), text: z.string().default("Contoso branding"), vdir: z.string().optional() }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      const folder = args.vdir ? webFolder(args.vdir) : h.products.byComponent("apr-web")?.installFolder;
      const path = folder ? joinPath(folder, args.file) : undefined;
      const text = path ? h.fs.readText(path) : undefined;
      if (!path || text === undefined) throw new LabError({ code: "APR_NO_TEMPLATE", message: `${args.host} has no Web Interface template ${args.file}` });
      const marker = `<!-- customised: ${args.text} -->`;
      h.fs.writeFile(path, text.replace("<body>", `<body>${marker}`));
      AprWorld.of(ctx.lab).customised.set(`${h.name}|${path}`, marker);
    },
  }),
  define({
    name: "move-database",
    description: "Moves apr.sdf and aprlog.sdf as the document's steps say (close console, stop service, move, repoint, start service, update the backup script); `skip` leaves steps out.",
    args: z.object({ host, to: z.string().optional(), skip: z.array(z.enum(MOVE_STEPS)).default([]) }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      const to = args.to ?? `${h.programFiles(64)}\\ANIXIS Password Reset`;
      const result = moveDatabase(ctx.lab, h, to, args.skip);
      if (result.lockedBy) {
        ctx.raise({ rule: "apr.db.move", host: h.name, message: `The database files could not be moved: they are in use by ${result.lockedBy}.`, evidence: [result.traceId] });
      } else if (result.moved && args.skip.length === 0) ctx.checked("apr.db.move");
    },
  }),
  define({
    name: "data-console",
    description: "Opens or closes the Data Console on a server (it holds the database and SQL Server Compact open).",
    args: z.object({ host, action: z.enum(["open", "close"]) }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const world = AprWorld.of(ctx.lab);
      const h = ctx.lab.host(args.host);
      if (args.action === "open") world.consoles.add(world.key(h.name));
      else world.consoles.delete(world.key(h.name));
      h.recordOwn("apr", `apr.data-console.${args.action === "open" ? "opened" : "closed"}`, {});
    },
  }),
  define({
    name: "license",
    description: "Installs a licence key in the Configuration Console (server) or the Client's settings.",
    args: z.object({ host, key: z.string().optional(), component: z.enum(["apr-server", "apr-client"]).default("apr-server") }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      const v = installedVersion(h, args.component);
      if (!v) throw new LabError({ code: "APR_NOT_INSTALLED", message: `${args.component} is not installed on ${args.host}` });
      const key = args.key ?? sampleKey(aprLine(v).major);
      if (args.component === "apr-client") {
        h.registry.view(h.is64Bit ? 64 : 32).setValue(CLIENT_REG_ROOT, "LicenseKey", { type: "REG_SZ", data: key });
      } else {
        h.registry.view(aprLine(v).bits).setValue(`${REG_ROOT}\\${aprLine(v).registryVersionKey}`, "LicenseKey", { type: "REG_SZ", data: key });
        // The Configuration Console restarts the service to apply the key.
        if (h.services.isRunning(SERVICE_NAME)) {
          h.services.restart(SERVICE_NAME);
          ctx.lab.clock.advance(3_000);
        }
      }
      h.recordOwn("apr", "apr:licence.installed", { component: args.component, major: key.slice(0, 4) });
    },
  }),
  define({
    name: "set-serverip",
    description: "Sets ServerIP (or ServerIP_<vdir>) under HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\3.0 with regedit; `view: 32` is the 32-bit regedit (WOW6432Node).",
    args: z.object({ host, value: z.string(), vdir: z.string().optional(), view: z.union([z.literal(32), z.literal(64)]).optional(), key: z.enum(["3.0", "2.0"]).default("3.0") }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      const bits = args.view ?? (args.key === "2.0" ? 32 : 64);
      const name = args.vdir ? `ServerIP_${args.vdir}` : "ServerIP";
      h.registry.view(bits).setValue(`${REG_ROOT}\\${args.key}`, name, { type: "REG_SZ", data: args.value });
    },
  }),
  define({
    name: "publish-web",
    description: "Copies the Web Interface files to another folder and publishes them as another virtual directory (one Setup installs one Web Interface).",
    args: z.object({ host, vdir: z.string().min(1), site: z.string().default("Default Web Site") }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      const row = h.products.byComponent("apr-web");
      const iis = ctx.lab.iis(h.name);
      if (!row || !iis) throw new LabError({ code: "APR_NOT_INSTALLED", message: `${args.host} has no Web Interface to copy`, ruleId: "apr.web.one-per-server" });
      const folder = webFolder(args.vdir);
      h.fs.copy(row.installFolder, folder);
      publishWebApplication(ctx.lab, h, iis, args.site, args.vdir, folder);
      ctx.checked("apr.web.one-per-server");
    },
  }),
  define({
    name: "ie-emulation",
    description: "Creates the DWORD LogonUI.exe under FEATURE_BROWSER_EMULATION on a client (0x2AF8 = IE 11 mode); `view: 32` writes the 32-bit view (WOW6432Node).",
    args: z.object({ host, value: z.number().int().default(IE11_EMULATION), view: z.union([z.literal(32), z.literal(64)]).optional() }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      h.registry.view(args.view ?? (h.is64Bit ? 64 : 32)).setValue(IE_EMULATION_KEY, LOGONUI_VALUE, { type: "REG_DWORD", data: args.value });
    },
  }),
  define({
    name: "open-port",
    description: "Opens UDP 5100 in a host-based firewall other than Windows Firewall on the APR Server.",
    args: z.object({ host }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const world = AprWorld.of(ctx.lab);
      const fw = world.otherFirewalls.get(world.key(args.host));
      if (fw) fw.open = true;
      ctx.lab.host(args.host).recordOwn("apr", "apr:other-firewall.opened", { port: 5100 });
    },
  }),
  define({
    name: "apr-service",
    description: "Stops, starts or restarts the Netwrix Password Reset service, or sets its Log On As password.",
    args: z.object({ host, action: z.enum(["stop", "start", "restart", "set-password"]), password: z.string().optional() }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const h = ctx.lab.host(args.host);
      if (args.action === "set-password") h.services.configure(SERVICE_NAME, { password: args.password ?? "" });
      else if (args.action === "stop") h.services.stop(SERVICE_NAME);
      else if (args.action === "start") h.services.start(SERVICE_NAME);
      else h.services.restart(SERVICE_NAME);
      ctx.lab.clock.advance(3_000);
    },
  }),
  define({
    name: "reboot",
    description: "Restarts Windows on a host: pending file replacements apply, auto-start services start.",
    args: z.object({ host }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      ctx.lab.host(args.host).restart();
      ctx.lab.clock.advance(5_000);
      ctx.checked("apr.upgrade.restart");
    },
  }),
  define({
    name: "wrong-answers",
    description: "A user enrols, then answers wrongly `times` times at the first Web Interface (then, optionally, rightly).",
    args: z.object({ times: z.number().int().min(1).max(20), thenRight: z.boolean().default(false), host: z.string().optional() }).strict(),
    refs: (a) => ({ hosts: a.host ? [a.host] : [] }),
    async run(ctx, args) {
      const targets = webTargets(ctx.lab).filter((t) => !args.host || t.host.toUpperCase() === args.host.toUpperCase());
      const target = targets[0];
      if (!target) throw new LabError({ code: "APR_NO_WEB", message: "no Web Interface to answer at" });
      const { codes, user } = await submitWrongAnswers(ctx, target, args.times, args.thenRight);
      const locked = codes.indexOf("LOCKED_OUT");
      if (locked >= 0) {
        const event = ctx.lab.trace.find((e) => e.kind === "apr:request" && e.data.result === "LOCKED_OUT" && e.data.user === user, ctx.traceMark)[0];
        ctx.raise({ rule: "apr.server.role.lockout", host: target.host, message: `${user} was locked out of Password Reset after ${locked + 1} wrong answers; later answers got ${codes.slice(locked).join(", ")}.`, ...(event ? { evidence: [event.id] } : {}) });
      } else ctx.checked("apr.server.role.lockout");
    },
  }),
  define({
    name: "deny-columns",
    description: "On a server whose database is on SQL Server, denies Data Console users access to VerificationCode and EnrollRecord.",
    args: z.object({ host }).strict(),
    refs: hostRefs,
    async run(ctx, args) {
      const world = AprWorld.of(ctx.lab);
      const sql = world.sqlServer.get(world.key(args.host));
      if (!sql) throw new LabError({ code: "APR_NOT_SQL_SERVER", message: `the database of ${args.host} is not on SQL Server (seed apr-server with database: sqlserver)` });
      sql.deniedColumns.add("VerificationCode");
      sql.deniedColumns.add("EnrollRecord");
      ctx.lab.host(args.host).recordOwn("apr", "apr:sql.columns-denied", { columns: ["VerificationCode", "EnrollRecord"] });
    },
  }),
];
