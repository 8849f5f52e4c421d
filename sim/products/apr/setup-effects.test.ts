import { describe, expect, it } from "vitest";
import { databaseFormatOf } from "./apr-database.ts";
import { harness } from "./test-support.ts";

const DOMAIN = { name: "corp.example" };
const SERVER_DIR = "C:\\Program Files\\ANIXIS Password Reset";
const X86_DIR = "C:\\Program Files (x86)\\ANIXIS Password Reset";
const KEY = "HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\3.0";
const ACCOUNT = { user: "svc-apr", password: "Lab-Service-9xQ!" };

describe("Setup (APR323.exe): effects on the estate", () => {
  it("All Components: server folder, database, SQL CE, service, web files, registry, IIS vdir, firewall exception, installed products", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016" }] });
    await h.verb("setup", { host: "APR01", type: "all", serviceAccount: ACCOUNT });
    const host = h.lab.host("APR01");
    expect(h.findings.filter((f) => f.severity === "blocked")).toEqual([]);
    expect(host.fs.fileVersion(`${SERVER_DIR}\\APRService.exe`)).toBe("3.23.0.0");
    expect(databaseFormatOf(host.fs.readText(`${SERVER_DIR}\\apr.sdf`)!)).toBe(3);
    expect(host.fs.isFile(`${SERVER_DIR}\\aprlog.sdf`)).toBe(true);
    expect(host.fs.isFile("C:\\Program Files\\Microsoft SQL Server Compact Edition\\v4.0\\sqlceme.dll")).toBe(true);
    expect(host.fs.fileVersion("C:\\Inetpub\\wwwroot\\pwreset\\APR.dll")).toBe("3.23.0.0");
    expect(host.fs.isFile("C:\\Inetpub\\wwwroot\\pwreset\\reset.htm")).toBe(true);
    const service = host.services.get("APRService")!;
    expect(service.config.account).toBe("CORP\\svc-apr");
    expect(service.state).toBe("RUNNING");
    expect(h.lab.domain().isMemberOf("svc-apr", "Domain Admins")).toBe(true);
    const view = host.registry.view(64);
    expect(view.getValue(KEY, "ServerIP")).toEqual({ type: "REG_SZ", data: "127.0.0.1" });
    expect(view.getValue(KEY, "DatabasePath")).toEqual({ type: "REG_SZ", data: SERVER_DIR });
    const app = h.lab.iis("APR01")!.site("Default Web Site")!.applications.find((a) => a.path === "/pwreset");
    expect(app?.handler).toBe("netwrix-password-reset-web");
    expect(host.firewall.allowsInbound("udp", 5100).allowed).toBe(true);
    expect(host.products.list().map((p) => `${p.name} ${p.version}`)).toEqual(
      expect.arrayContaining(["Netwrix Password Reset Server 3.23", "Netwrix Password Reset Web Interface 3.23", "Microsoft SQL Server Compact 4.0 x64 ENU 4.0.8876.1"]),
    );
    expect(h.findings.map((f) => f.rule)).toContain("apr.setup.iis-offer");
  });

  it("the firewall checkbox cleared: no exception for UDP 5100, and the server's Windows Firewall drops the request", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", features: ["iis"] }, { name: "WEB01", os: "windows-server-2016", features: ["iis"] }] });
    await h.verb("setup", { host: "APR01", type: "server", serviceAccount: ACCOUNT, firewallException: false });
    await h.verb("setup", { host: "WEB01", type: "web" });
    await h.verb("set-serverip", { host: "WEB01", value: h.lab.host("APR01").ip });
    expect(h.lab.host("APR01").firewall.allowsInbound("udp", 5100).allowed).toBe(false);
    await h.verify("reset");
    expect(h.rules()).toContain("apr.setup.firewall-exception");
    expect(h.rules()).not.toContain("apr.setup.iis-offer");
  });

  it("SERVERDIR installs the server elsewhere; a drive the host lacks is refused", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016" }] });
    await h.verb("setup", { host: "APR01", type: "server", serviceAccount: ACCOUNT, serverDir: "D:\\Programs\\APR" });
    expect(h.rules()).toContain("apr.setup.serverdir");
    expect(h.lab.host("APR01").products.byComponent("apr-server")).toBeUndefined();
    await h.verb("setup", { host: "APR01", type: "server", serviceAccount: ACCOUNT, serverDir: "C:\\Programs\\APR" });
    expect(h.lab.host("APR01").fs.isFile("C:\\Programs\\APR\\APRService.exe")).toBe(true);
    expect(h.lab.host("APR01").services.isRunning("APRService")).toBe(true);
  });

  it("an existing service account: its password must match; a new one is created in Domain Admins", async () => {
    const h = await harness({ domain: { name: "corp.example", accounts: [{ name: "svc-old", password: "Old-Account-7Pw!" }] }, hosts: [{ name: "APR01", os: "windows-server-2016" }] });
    await h.verb("setup", { host: "APR01", type: "server", serviceAccount: { user: "svc-old", password: "wrong-one-1A!" } });
    expect(h.findings).toEqual([expect.objectContaining({ rule: "apr.setup.service-account", severity: "blocked" })]);
    await h.verb("setup", { host: "APR01", type: "server", serviceAccount: { user: "svc-old", password: "Old-Account-7Pw!" } });
    expect(h.lab.host("APR01").services.isRunning("APRService")).toBe(true);
    expect(h.lab.domain().isMemberOf("svc-old", "Domain Admins")).toBe(false);
  });

  it("2.x is 32-bit: Program Files (x86) and the registry under WOW6432Node on x64; no redirection on a 32-bit OS", async () => {
    const h = await harness({
      domain: DOMAIN,
      hosts: [
        { name: "OLD64", os: "windows-server-2008-r2", installed: { "apr-server": "2.9" } },
        { name: "OLD32", os: "windows-server-2008", arch: "x86", installed: { "apr-server": "2.9" } },
      ],
    });
    const x64 = h.lab.host("OLD64");
    expect(x64.fs.isFile(`${X86_DIR}\\APRService.exe`)).toBe(true);
    expect(x64.registry.view(32).getValue("HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0", "InstallDir")).toEqual({ type: "REG_SZ", data: X86_DIR });
    expect(x64.registry.view(64).getValue("HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\ANIXIS Password Reset\\2.0", "InstallDir")).toEqual({ type: "REG_SZ", data: X86_DIR });
    expect(x64.registry.view(64).keyExists("HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0")).toBe(false);
    const x86 = h.lab.host("OLD32");
    expect(x86.fs.isFile(`${SERVER_DIR}\\APRService.exe`)).toBe(true);
    expect(x86.registry.view(64).getValue("HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0", "InstallDir")).toEqual({ type: "REG_SZ", data: SERVER_DIR });
    expect(x86.products.byComponent("apr-server")?.arch).toBe("x86");
  });
});

describe("upgrades", () => {
  it("3.22 -> 3.23: Setup uninstalls the previous version, keeps the database, overwrites customised web files", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", installed: { "apr-server": { version: "3.22", enrolled: 3 }, "apr-web": "3.22" } }] });
    const host = h.lab.host("APR01");
    await h.verb("customise", { host: "APR01", file: "reset.htm", text: "Contoso" });
    const before = host.fs.readText(`${SERVER_DIR}\\apr.sdf`);
    await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: ACCOUNT });
    expect(host.products.list().filter((p) => p.component === "apr-server").map((p) => p.version)).toEqual(["3.23"]);
    expect(host.fs.readText(`${SERVER_DIR}\\apr.sdf`)).toBe(before);
    expect(h.checked.has("apr.upgrade3.db-kept")).toBe(true);
    expect(host.fs.readText("C:\\Inetpub\\wwwroot\\pwreset\\reset.htm")).not.toContain("Contoso");
    expect(h.rules()).toEqual(expect.arrayContaining(["apr.setup.backup-prompt", "apr.upgrade3.web-overwritten"]));
    await h.verify("customisations");
    expect(h.findings.filter((f) => f.rule === "apr.upgrade3.web-overwritten")).toHaveLength(2);
  });

  it("with a backup and a restore without APR.dll the customisation survives and the web speaks 3.23; restoring APR.dll speaks 3.22", async () => {
    const spec = { domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016" as const, installed: { "apr-server": "3.22", "apr-web": "3.22" } }] };
    for (const includeAprDll of [false, true]) {
      const h = await harness(spec);
      await h.verb("customise", { host: "APR01", text: "Contoso" });
      await h.verb("backup", { host: "APR01", what: "web" });
      await h.verb("upgrade", { host: "APR01", component: "apr-web", serviceAccount: ACCOUNT });
      await h.verb("restore", { host: "APR01", includeAprDll });
      const host = h.lab.host("APR01");
      expect(host.fs.readText("C:\\Inetpub\\wwwroot\\pwreset\\reset.htm")).toContain("Contoso");
      expect(host.fs.fileVersion("C:\\Inetpub\\wwwroot\\pwreset\\APR.dll")).toBe(includeAprDll ? "3.22.0.0" : "3.23.0.0");
      expect(h.rules()).not.toContain("apr.upgrade3.web-overwritten");
      await h.verify("reset");
      if (includeAprDll) expect(h.rules()).toContain("apr.upgrade3.restore-custom");
      else expect(h.rules()).not.toContain("apr.upgrade3.restore-custom");
    }
  });

  it("2.x -> 3.23: configuration carried from WOW6432Node, data imported in place under Program Files (x86), visible in the Data Console", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2012-r2", installed: { "apr-server": { version: "2.9", enrolled: 4 }, "apr-web": "2.9" } }] });
    await h.verb("apr-service", { host: "APR01", action: "stop" });
    await h.verb("backup", { host: "APR01", what: "both" });
    await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: ACCOUNT });
    const host = h.lab.host("APR01");
    expect(h.findings.filter((f) => f.severity === "blocked" || f.severity === "broken")).toEqual([]);
    expect(host.registry.view(64).getValue(KEY, "DatabasePath")).toEqual({ type: "REG_SZ", data: X86_DIR });
    expect(host.registry.view(64).getValue(KEY, "ServerIP")).toEqual({ type: "REG_SZ", data: "127.0.0.1" });
    expect(databaseFormatOf(host.fs.readText(`${X86_DIR}\\apr.sdf`)!)).toBe(3);
    expect(host.fs.isFile(`${SERVER_DIR}\\APRService.exe`)).toBe(true);
    await h.verify("data-console");
    expect(h.checked.has("apr.upgrade2.imported")).toBe(true);
    await h.verify("flows");
    expect(h.findings.filter((f) => f.severity !== "warning" && f.severity !== "info")).toEqual([]);
  });

  it("2.x -> 3.23 with the Data Console open: the import fails and the files wait for a restart", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2012-r2", installed: { "apr-server": { version: "2.9", enrolled: 2 }, "apr-web": "2.9" } }] });
    await h.verb("data-console", { host: "APR01", action: "open" });
    await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: ACCOUNT });
    expect(h.rules()).toEqual(expect.arrayContaining(["apr.upgrade2.backup", "apr.upgrade2.backup.locked"]));
    await h.verify("reset");
    expect(h.rules()).toContain("apr.upgrade.restart");
  });

  it("moving the database with every step works; without repointing the server finds no database", async () => {
    for (const skip of [[], ["repoint"]]) {
      const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2012-r2", installed: { "apr-server": { version: "2.9", enrolled: 2 }, "apr-web": "2.9" } }] });
      await h.verb("apr-service", { host: "APR01", action: "stop" });
      await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: ACCOUNT });
      await h.verb("move-database", { host: "APR01", skip });
      const host = h.lab.host("APR01");
      expect(host.fs.isFile(`${SERVER_DIR}\\apr.sdf`)).toBe(true);
      expect(host.fs.isFile(`${X86_DIR}\\apr.sdf`)).toBe(false);
      await h.verb("backup", { host: "APR01", what: "database", via: "script" });
      await h.verify("reset");
      if (skip.length === 0) expect(h.rules()).not.toContain("apr.db.move.repoint");
      else expect(h.rules()).toContain("apr.db.move.repoint");
      expect(h.rules()).not.toContain("apr.db.move.backup-script");
    }
  });

  it("the backup script still copies from the old folder unless updated", async () => {
    const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2012-r2", installed: { "apr-server": { version: "2.9", enrolled: 2 }, "apr-web": "2.9" } }] });
    await h.verb("apr-service", { host: "APR01", action: "stop" });
    await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: ACCOUNT });
    await h.verb("move-database", { host: "APR01", skip: ["update-backup-script"] });
    await h.verb("backup", { host: "APR01", what: "database", via: "script" });
    expect(h.rules()).toContain("apr.db.move.backup-script");
  });
});
