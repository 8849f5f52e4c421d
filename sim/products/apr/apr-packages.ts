import type { Host } from "../../host/index.ts";
import { attachIisToNetwork, installIis, type IisServer } from "../../iis/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { AprDatabase, DB_FILE, LOG_FILE } from "./apr-database.ts";
import { installedVersion, readAprString, writeAprDword, writeAprString } from "./apr-install-state.ts";
import {
  APR_DLL, CLIENT_DLL, CLIENT_REG_ROOT, CONFIG_CONSOLE_EXE, DATA_CONSOLE_EXE, FIREWALL_RULE, IIS_HANDLER_ID, joinPath, regBits, regKey,
  SERVICE_DISPLAY_NAME, SERVICE_EXE, SERVICE_NAME, SQLCE_DLL, sqlCeDir, WEB_TEMPLATES, webFolder, defaultClientDir,
} from "./apr-layout.ts";
import { aprLine, fileVersionOf, PRODUCT_NAMES, productCodeOf, type AprComponent, type AprVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { attachServerRuntime } from "./server-runtime.ts";
import { templateFor } from "./web-templates.ts";
import { webInterfaceHandler } from "./web-interface.ts";

/**
 * What APR's installers do to a host: files, registry, service, firewall,
 * IIS, the installed-products table. Setup (the wizard, with its checks)
 * and the scenario's `installed:` both come through here, so an estate
 * seeded as "already installed" is the one Setup would have left.
 */

export interface ServerInstallOptions {
  readonly serverDir: string;
  readonly account: string;
  readonly password: string;
  readonly firewallException: boolean;
  readonly ppeIntegration?: boolean;
  readonly licenceKey?: string;
  /** Files Setup cannot replace now (held open) are replaced at the next restart. */
  readonly filesInUse?: boolean;
}

export interface WebInstallOptions {
  readonly site: string;
  readonly vdir: string;
  /** ServerIP as Setup leaves it: the local server for All Components, empty for Web Interface Only. */
  readonly serverIp: string;
}

function addProductRow(host: Host, component: AprComponent, version: AprVersion, folder: string): void {
  host.products.add({
    productCode: productCodeOf(component, version),
    name: PRODUCT_NAMES[component],
    version,
    arch: aprLine(version).bits === 32 ? "x86" : host.arch,
    installFolder: folder,
    publisher: aprLine(version).major >= 3 ? "Netwrix Corporation" : "ANIXIS",
    component,
  });
  host.recordOwn("apr", "apr:product.installed", { component, version, folder });
}

export function removeProductRow(host: Host, component: AprComponent): AprVersion | undefined {
  const row = host.products.byComponent(component);
  if (!row) return undefined;
  host.products.remove(row.productCode);
  host.recordOwn("apr", "apr:product.removed", { component, version: row.version });
  return row.version as AprVersion;
}

/** SQL Server Compact, installed with the server (its own row in Programs and Features). */
export function installSqlCe(host: Host, version: AprVersion): void {
  const line = aprLine(version);
  host.fs.writeFile(joinPath(sqlCeDir(host, version), SQLCE_DLL), "SQL Server Compact runtime", { version: line.sqlCe.version });
  host.products.add({ productCode: `{SQLCE-${line.sqlCe.version}}`, name: line.sqlCe.name, version: line.sqlCe.version, arch: line.bits === 32 ? "x86" : host.arch, installFolder: sqlCeDir(host, version) });
}

function writeServerBinaries(host: Host, version: AprVersion, dir: string): void {
  const fileVersion = fileVersionOf(version);
  host.fs.writeFile(joinPath(dir, SERVICE_EXE), `${SERVICE_DISPLAY_NAME} service`, { version: fileVersion });
  host.fs.writeFile(joinPath(dir, CONFIG_CONSOLE_EXE), "Configuration Console", { version: fileVersion });
  host.fs.writeFile(joinPath(dir, DATA_CONSOLE_EXE), "Data Console", { version: fileVersion });
  installSqlCe(host, version);
}

export function installServer(lab: Lab, host: Host, version: AprVersion, options: ServerInstallOptions): void {
  const fileVersion = fileVersionOf(version);
  const dir = options.serverDir;
  host.fs.mkdir(dir);
  if (options.filesInUse) {
    host.atNextRestart("Netwrix Password Reset Setup: replace files in use", () => writeServerBinaries(host, version, dir));
    host.recordOwn("apr", "apr:setup.files-in-use", { folder: dir, reason: "the Data Console holds SQL Server Compact and the database open" });
  } else {
    writeServerBinaries(host, version, dir);
  }
  // The database is created in the installation folder at first install; an upgrade keeps the one configured.
  const configured = readAprString(host, version, "DatabasePath");
  const databaseFolder = configured ?? dir;
  if (!configured) writeAprString(host, version, "DatabasePath", databaseFolder);
  if (!host.fs.isFile(joinPath(databaseFolder, DB_FILE))) {
    const db = new AprDatabase(aprLine(version).major >= 3 ? 3 : 2);
    host.fs.writeFile(joinPath(databaseFolder, DB_FILE), db.serializeUsers());
    host.fs.writeFile(joinPath(databaseFolder, LOG_FILE), db.serializeLog());
  }
  writeAprString(host, version, "InstallDir", dir);
  writeAprString(host, version, "Version", fileVersion);
  writeAprString(host, version, "InstallTime", String(lab.clock.epochMs + lab.clock.now()));
  if (options.licenceKey) writeAprString(host, version, "LicenseKey", options.licenceKey);
  if (options.ppeIntegration !== undefined) writeAprDword(host, version, "PPEIntegration", options.ppeIntegration ? 1 : 0);
  const exe = joinPath(dir, SERVICE_EXE);
  attachServerRuntime(lab, host);
  if (host.services.get(SERVICE_NAME)) {
    if (host.services.isRunning(SERVICE_NAME)) {
      host.services.stop(SERVICE_NAME, { force: true });
      lab.clock.advance(1_000);
    }
    host.services.delete(SERVICE_NAME);
  }
  host.services.create({
    name: SERVICE_NAME,
    displayName: SERVICE_DISPLAY_NAME,
    binaryPath: `"${exe}"`,
    startType: "auto",
    account: options.account,
    password: options.password,
    ports: [{ protocol: "udp", port: 5100 }],
    description: "Performs password reset requests sent by the Web Interface.",
  });
  if (options.firewallException) {
    host.firewall.addRule({ name: FIREWALL_RULE, protocol: "udp", port: 5100 });
    host.recordOwn("apr", "apr.setup.firewall-exception", { rule: FIREWALL_RULE, port: 5100 });
  }
  addProductRow(host, "apr-server", version, dir);
  const started = host.services.start(SERVICE_NAME);
  if (!started.ok) host.recordOwn("apr", "apr:setup.service-not-started", { error: started.error, reason: started.reason });
}

/** Removes the server as its uninstaller does: the database files stay (they are data). */
export function uninstallServer(lab: Lab, host: Host): AprVersion | undefined {
  const version = installedVersion(host, "apr-server");
  if (!version) return undefined;
  const dir = readAprString(host, version, "InstallDir");
  if (host.services.get(SERVICE_NAME)) {
    host.services.stop(SERVICE_NAME, { force: true });
    lab.clock.advance(1_000);
    host.services.delete(SERVICE_NAME);
  }
  if (dir) for (const f of [SERVICE_EXE, CONFIG_CONSOLE_EXE, DATA_CONSOLE_EXE]) host.fs.delete(joinPath(dir, f));
  host.firewall.removeRule(FIREWALL_RULE);
  removeProductRow(host, "apr-server");
  return version;
}

/** The IIS of a host, installing the role when Setup is allowed to (its "install IIS?" offer). */
export function ensureIis(lab: Lab, host: Host, allowInstall: boolean): IisServer | undefined {
  const existing = lab.iis(host.name);
  if (existing) return existing;
  if (!allowInstall) return undefined;
  const iis = installIis(lab, host);
  lab.setIis(host.name, iis);
  attachIisToNetwork(iis, lab.network);
  host.recordOwn("apr", "apr:setup.iis-installed", { version: iis.version });
  return iis;
}

function registerHandler(lab: Lab, host: Host, iis: IisServer): void {
  const world = AprWorld.of(lab);
  if (world.handlers.has(world.key(host.name)) && iis.handler(IIS_HANDLER_ID)) return;
  iis.registerHandler(IIS_HANDLER_ID, webInterfaceHandler(lab));
  world.handlers.add(world.key(host.name));
}

/** Copies of the web files in other folders publish more Web Interfaces (one Setup installs one). */
export function publishWebApplication(lab: Lab, host: Host, iis: IisServer, site: string, vdir: string, folder: string): void {
  registerHandler(lab, host, iis);
  const path = `/${vdir}`;
  const existing = iis.site(site)?.applications.find((a) => a.path.toLowerCase() === path.toLowerCase());
  if (existing) iis.updateApplication(site, path, { handler: IIS_HANDLER_ID, physicalPath: folder });
  else iis.createApplication(site, path, { physicalPath: folder, handler: IIS_HANDLER_ID });
}

export function writeWebFiles(host: Host, version: AprVersion, folder: string): void {
  host.fs.mkdir(folder);
  host.fs.writeFile(joinPath(folder, APR_DLL), `APR Web Interface ${version}`, { version: fileVersionOf(version) });
  for (const page of WEB_TEMPLATES) host.fs.writeFile(joinPath(folder, page), templateFor(version, page.replace(/\.htm$/, "")));
}

export function installWeb(lab: Lab, host: Host, version: AprVersion, iis: IisServer, options: WebInstallOptions): void {
  if (!iis.site(options.site)) {
    throw new LabError({ code: "APR_SITE_MISSING", message: `IIS on ${host.name} has no web site "${options.site}"`, ruleId: "apr.setup.site-vdir" });
  }
  const folder = webFolder(options.vdir || "pwreset-root");
  writeWebFiles(host, version, folder);
  if (options.vdir) publishWebApplication(lab, host, iis, options.site, options.vdir, folder);
  else {
    // Installed into the site's root: the root application serves APR itself.
    registerHandler(lab, host, iis);
    iis.updateApplication(options.site, "/", { handler: IIS_HANDLER_ID, physicalPath: folder });
  }
  const bits = regBits(version);
  const view = host.registry.view(bits);
  const key = regKey(version);
  if (view.getValue(key, "ServerIP") === undefined) view.setValue(key, "ServerIP", { type: "REG_SZ", data: options.serverIp });
  view.setValue(key, `WebDir_${options.vdir || "root"}`, { type: "REG_SZ", data: folder });
  writeAprString(host, version, "WebSite", options.site);
  writeAprString(host, version, "VirtualDirectory", options.vdir);
  addProductRow(host, "apr-web", version, folder);
}

/** Removes the web files Setup installed (customised ones with the same names too) and the application. */
export function uninstallWeb(lab: Lab, host: Host): { version: AprVersion; folder: string; site: string; vdir: string } | undefined {
  const version = installedVersion(host, "apr-web");
  if (!version) return undefined;
  const row = host.products.byComponent("apr-web")!;
  const folder = row.installFolder;
  const site = readAprString(host, version, "WebSite") ?? "Default Web Site";
  const vdir = readAprString(host, version, "VirtualDirectory") ?? "pwreset";
  for (const file of [APR_DLL, ...WEB_TEMPLATES]) host.fs.delete(joinPath(folder, file));
  const iis = lab.iis(host.name);
  if (iis && vdir && iis.site(site)?.applications.some((a) => a.path.toLowerCase() === `/${vdir}`.toLowerCase())) iis.removeApplication(site, `/${vdir}`);
  removeProductRow(host, "apr-web");
  return { version, folder, site, vdir };
}

export function installClient(host: Host, version: AprVersion, options: { resetUrl: string; licenceKey?: string }): void {
  const dir = defaultClientDir(host);
  host.fs.writeFile(joinPath(dir, CLIENT_DLL), "Password Reset Client", { version: fileVersionOf(version) });
  const view = host.registry.view(host.is64Bit ? 64 : 32);
  view.setValue(CLIENT_REG_ROOT, "Version", { type: "REG_SZ", data: fileVersionOf(version) });
  view.setValue(CLIENT_REG_ROOT, "ResetUrl", { type: "REG_SZ", data: options.resetUrl });
  if (options.licenceKey) view.setValue(CLIENT_REG_ROOT, "LicenseKey", { type: "REG_SZ", data: options.licenceKey });
  addProductRow(host, "apr-client", version, dir);
}

export function uninstallClient(host: Host): AprVersion | undefined {
  const version = installedVersion(host, "apr-client");
  if (!version) return undefined;
  host.fs.delete(joinPath(defaultClientDir(host), CLIENT_DLL));
  removeProductRow(host, "apr-client");
  return version;
}
