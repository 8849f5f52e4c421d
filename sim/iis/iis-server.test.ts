import { describe, expect, it } from "vitest";
import { Host, type HostOptions } from "../host/index.ts";
import { createContext, type LabContext } from "../kernel/index.ts";
import type { ConnectionInfo } from "./binding-selection.ts";
import { IisServer } from "./iis-server.ts";
import { IIS_FIREWALL_RULES, installIis } from "./install-iis.ts";
import { buildIisEstate, writeFolder } from "./test-estate.ts";
import { createWebRequest, type HttpMethod } from "./web-request.ts";

function iisOn(options: Partial<HostOptions> = {}): { context: LabContext; host: Host; iis: IisServer } {
  const context = createContext(3);
  const host = new Host(context, { name: "WEB01", os: "windows-server-2016", ip: "10.0.0.21", ...options });
  return { context, host, iis: installIis(context, host) };
}

const at = (hostName: string, port = 80): ConnectionInfo => ({ protocol: "http", localIp: "10.0.0.21", port, hostName });

async function get(iis: IisServer, path: string, connection: ConnectionInfo = at("web01"), method: HttpMethod = "GET", form?: Record<string, string>) {
  const request = createWebRequest({
    method,
    url: `http://${connection.hostName}${path}`,
    ...(form ? { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() } : {}),
    clientHost: "CLIENT01",
    clientIp: "10.0.0.50",
  });
  return iis.dispatch(request, connection);
}

const echo = (label: string) => (request: { path: string }, context: { application: { path: string }; applicationPath: string }) => ({
  status: 200,
  body: `${label} app=${context.application.path} rel=${context.applicationPath} path=${request.path}`,
});

describe("installIis", () => {
  it("adds the feature with the OS's IIS version, the Default Web Site, DefaultAppPool and the firewall rules", () => {
    const { host, iis } = iisOn({ os: "windows-server-2012-r2" });
    expect(host.hasFeature("iis")).toBe(true);
    expect(iis.version).toBe(8.5);
    const site = iis.site("default web site")!;
    expect(site).toMatchObject({ id: 1, state: "Started", bindings: [{ protocol: "http", ip: "*", port: 80, hostName: "" }] });
    expect(site.applications[0]!.virtualDirectories[0]!.physicalPath.toLowerCase()).toBe("c:\\inetpub\\wwwroot");
    expect(iis.appPool("DefaultAppPool")).toMatchObject({ managedRuntimeVersion: "v4.0", identity: { type: "ApplicationPoolIdentity" }, state: "Started" });
    for (const rule of IIS_FIREWALL_RULES) expect(host.firewall.allowsInbound("tcp", rule.port)).toEqual({ allowed: true, rule: rule.name });
    expect(host.services.get("W3SVC")?.state).toMatch(/START_PENDING|RUNNING/);
  });

  it("gives IIS 7.0 on Windows Server 2008 its own defaults (CLR v2.0, NetworkService)", () => {
    const { iis } = iisOn({ os: "windows-server-2008" });
    expect(iis.version).toBe(7);
    expect(iis.appPool("DefaultAppPool")).toMatchObject({ managedRuntimeVersion: "v2.0", identity: { type: "NetworkService" } });
  });

  it("refuses an IisServer on a host without IIS", () => {
    const context = createContext(1);
    const host = new Host(context, { name: "APP01", os: "windows-server-2016" });
    expect(() => new IisServer(context, host)).toThrow(expect.objectContaining({ code: "IIS_NOT_INSTALLED" }));
  });
});

describe("sites and applications", () => {
  it("routes a request to the application with the longest path, and answers 404 where nothing serves it", async () => {
    const { host, iis } = iisOn();
    writeFolder(host, "C:\\inetpub\\wwwroot\\pwreset");
    writeFolder(host, "C:\\apr\\admin");
    iis.registerHandler("pwreset", echo("pwreset"));
    iis.registerHandler("admin", echo("admin"));
    iis.createApplication("Default Web Site", "/pwreset", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset", handler: "pwreset" });
    iis.createApplication("Default Web Site", "/pwreset/admin", { physicalPath: "C:\\apr\\admin", handler: "admin" });

    expect((await get(iis, "/pwreset/reset")).response.body).toBe("pwreset app=/pwreset rel=/reset path=/pwreset/reset");
    expect((await get(iis, "/PWReset/Admin/users")).response.body).toMatch(/^admin app=\/pwreset\/admin rel=\/users/);
    const missing = await get(iis, "/pwresetx/page.htm");
    expect(missing.response.status).toBe(404);
    expect(missing.application).toBe("/");
    expect((await get(iis, "/iisstart.htm")).response.status).toBe(200);
  });

  it("serves static files of a virtual directory and 404 once it is removed", async () => {
    const { host, iis } = iisOn();
    writeFolder(host, "D:\\branding".replace("D:", "C:"), { "logo.txt": "LOGO" });
    iis.createVirtualDirectory("Default Web Site", "/branding", "C:\\branding");
    expect((await get(iis, "/branding/logo.txt")).response).toMatchObject({ status: 200, body: "LOGO" });
    iis.removeVirtualDirectory("Default Web Site", "/branding");
    expect((await get(iis, "/branding/logo.txt")).response.status).toBe(404);
  });

  it("keeps its configuration frozen and apart from what callers hold", () => {
    const { host, iis } = iisOn();
    writeFolder(host, "C:\\branding");
    const vdir = iis.createVirtualDirectory("Default Web Site", "/branding", "C:\\branding");
    (vdir as { physicalPath: string }).physicalPath = "C:\\elsewhere";
    const root = () => iis.site("Default Web Site")!.applications[0]!;
    expect(root().virtualDirectories.map((v) => v.physicalPath)).toEqual(["C:\\Inetpub\\wwwroot", "C:\\branding"]);
    const before = root();
    iis.stopSite("Default Web Site");
    expect(root()).toBe(before);
    expect(Object.isFrozen(root()) && root().virtualDirectories.every((v) => Object.isFrozen(v))).toBe(true);
    expect(() => iis.createApplication("Default Web Site", "/a/./b", { physicalPath: "C:\\branding" })).toThrow(/application path "\/a\/.\/b" is not valid: it has an empty/);
  });

  it("refuses a physical path that does not exist, and accepts it once created", () => {
    const { host, iis } = iisOn();
    expect(() => iis.createApplication("Default Web Site", "/pwreset", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset" })).toThrow(
      expect.objectContaining({ code: "IIS_PATH_NOT_FOUND" }),
    );
    writeFolder(host, "C:\\inetpub\\wwwroot\\pwreset");
    expect(iis.createApplication("Default Web Site", "/pwreset", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset" }).applicationPool).toBe("DefaultAppPool");
    expect(() => iis.createApplication("Default Web Site", "/PWRESET", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset" })).toThrow(expect.objectContaining({ code: "IIS_APP_EXISTS" }));
  });

  it("picks the site by host header", async () => {
    const { host, iis } = iisOn();
    writeFolder(host, "C:\\sites\\pwreset", { "index.html": "PWRESET SITE" });
    iis.createSite({ name: "PwReset", physicalPath: "C:\\sites\\pwreset", bindings: [{ protocol: "http", port: 80, hostName: "pwreset.corp.example" }] });
    expect((await get(iis, "/", at("pwreset.corp.example"))).response.body).toBe("PWRESET SITE");
    expect((await get(iis, "/", at("web01.corp.example"))).site).toBe("Default Web Site");
    iis.removeBinding("Default Web Site", { port: 80 });
    const unknown = await get(iis, "/", at("web01.corp.example"));
    expect(unknown.response.status).toBe(400);
    expect(unknown.reason).toMatch(/invalid hostname/);
  });

  it("answers 503 for a stopped site and serves it again once started", async () => {
    const { iis } = iisOn();
    iis.stopSite("Default Web Site");
    const stopped = await get(iis, "/");
    expect(stopped.response.status).toBe(503);
    expect(stopped.reason).toMatch(/site "Default Web Site" is stopped/);
    expect(iis.startSite("Default Web Site")).toEqual({ ok: true });
    expect((await get(iis, "/")).response.status).toBe(200);
  });

  it("creates a second site on a taken binding stopped, and starts it once the holder stops", () => {
    const { host, iis } = iisOn();
    writeFolder(host, "C:\\sites\\b");
    const b = iis.createSite({ name: "B", physicalPath: "C:\\sites\\b", bindings: [{ protocol: "http" }] });
    expect(b.state).toBe("Stopped");
    expect(iis.startSite("B")).toMatchObject({ ok: false, reason: expect.stringMatching(/served by the running site "Default Web Site"/) });
    iis.stopSite("Default Web Site");
    expect(iis.startSite("B")).toEqual({ ok: true });
  });

  it("traces configuration changes and requests under component iis, never a request body", async () => {
    const { context, host, iis } = iisOn();
    writeFolder(host, "C:\\app");
    iis.registerHandler("login", () => ({ status: 200, body: "ok" }));
    iis.createApplication("Default Web Site", "/login", { physicalPath: "C:\\app", handler: "login" });
    await get(iis, "/login?user=jsmith", at("web01"), "POST", { password: "Secret-123" });
    const kinds = context.trace.find((e) => e.component === "iis").map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["iis.site.created", "iis.apppool.created", "iis.app.created", "iis.handler.registered", "iis.request"]));
    const request = context.trace.find((e) => e.kind === "iis.request").at(-1)!;
    expect(request.data).toMatchObject({ method: "POST", url: "http://web01/login", status: 200, client: "CLIENT01" });
    expect(context.trace.canonical()).not.toContain("Secret-123");
    expect(context.trace.canonical()).not.toContain("jsmith");
  });
});

describe("application pools", () => {
  it("answers 503 while the pool is stopped", async () => {
    const { iis } = iisOn();
    iis.stopAppPool("DefaultAppPool");
    expect((await get(iis, "/")).response.status).toBe(503);
    iis.startAppPool("DefaultAppPool");
    expect((await get(iis, "/")).response.status).toBe(200);
  });

  it("stops a pool whose custom identity cannot log on, and runs it with the right password", async () => {
    const { host, iis } = iisOn();
    const passwords: Record<string, string> = { "CORP\\svc-apr": "right" };
    iis.setAuthenticator({ logon: (account, password) => (passwords[account] === password ? { ok: true } : { ok: false, reason: "unknown user name or bad password" }) });
    writeFolder(host, "C:\\app", { "index.html": "hi" });
    iis.createAppPool("APR", { identity: { type: "SpecificUser", userName: "CORP\\svc-apr", password: "wrong" } });
    iis.createApplication("Default Web Site", "/app", { physicalPath: "C:\\app", applicationPool: "APR" });
    const failed = await get(iis, "/app/");
    expect(failed.response.status).toBe(503);
    expect(failed.reason).toMatch(/identity of application pool "APR" is invalid/);
    expect(iis.appPool("APR")).toMatchObject({ state: "Stopped", lastError: expect.stringMatching(/bad password/) });
    expect(JSON.stringify(iis.config())).not.toContain("wrong");

    iis.updateAppPool("APR", { identity: { type: "SpecificUser", userName: "CORP\\svc-apr", password: "right" } });
    iis.startAppPool("APR");
    expect((await get(iis, "/app/")).response.status).toBe(200);
  });

  it("answers 500 when a handler's CLR differs from the pool's, and serves it on the right one", async () => {
    const { host, iis } = iisOn({ features: ["dotnet-3.5"] });
    writeFolder(host, "C:\\app");
    iis.registerHandler("net4", () => ({ status: 200, body: "net4" }), { clr: "v4.0" });
    iis.createAppPool("Legacy", { managedRuntimeVersion: "v2.0" });
    iis.createApplication("Default Web Site", "/app", { physicalPath: "C:\\app", applicationPool: "Legacy", handler: "net4" });
    const wrong = await get(iis, "/app/");
    expect(wrong.response.status).toBe(500);
    expect(wrong.reason).toMatch(/built for CLR v4.0.*runs v2.0/);
    iis.updateAppPool("Legacy", { managedRuntimeVersion: "v4.0" });
    expect((await get(iis, "/app/")).response.body).toBe("net4");
  });

  it("answers 503 for a v4.0 pool on Windows Server 2008 R2 until .NET 4 is installed", async () => {
    const { host, iis } = iisOn({ os: "windows-server-2008-r2" });
    writeFolder(host, "C:\\app");
    iis.registerHandler("net4", () => ({ status: 200, body: "net4" }), { clr: "v4.0" });
    iis.createAppPool("Net4", { managedRuntimeVersion: "v4.0" });
    iis.createApplication("Default Web Site", "/app", { physicalPath: "C:\\app", applicationPool: "Net4", handler: "net4" });
    expect((await get(iis, "/app/")).reason).toMatch(/CLR v4.0, which is not installed/);
    host.addFeature("dotnet-4.0");
    expect((await get(iis, "/app/")).response.status).toBe(200);
  });

  it("refuses to delete a pool in use", () => {
    const { iis } = iisOn();
    expect(() => iis.deleteAppPool("DefaultAppPool")).toThrow(expect.objectContaining({ code: "IIS_APPPOOL_IN_USE" }));
    iis.createAppPool("Spare");
    iis.deleteAppPool("Spare");
    expect(iis.appPool("Spare")).toBeUndefined();
  });
});

describe("handlers", () => {
  it("answers 500.21 for an unregistered handler and 500 when the handler throws", async () => {
    const { host, iis } = iisOn();
    writeFolder(host, "C:\\app");
    iis.createApplication("Default Web Site", "/app", { physicalPath: "C:\\app", handler: "later" });
    expect((await get(iis, "/app/")).reason).toMatch(/^500\.21/);
    iis.registerHandler("later", () => {
      throw new Error("database locked");
    });
    const failed = await get(iis, "/app/");
    expect(failed.response.status).toBe(500);
    expect(failed.reason).toMatch(/database locked/);
    iis.registerHandler("later", (request) => ({ status: 200, body: `hello ${request.form?.["name"]}` }));
    expect((await get(iis, "/app/", at("web01"), "POST", { name: "ann" })).response.body).toBe("hello ann");
  });
});

describe("W3SVC", () => {
  it("closes every port while the World Wide Web Publishing Service is stopped", () => {
    const { context, host, iis } = iisOn();
    context.clock.advance(5_000);
    expect(iis.listeningPorts()).toEqual([{ protocol: "http", port: 80 }]);
    expect([iis.protocolOn(80), iis.protocolOn(443)]).toEqual(["http", undefined]);
    expect(host.services.stop("W3SVC")).toEqual({ ok: true });
    context.clock.advance(5_000);
    expect(iis.running).toBe(false);
    expect(iis.listeningPorts()).toEqual([]);
    expect(iis.protocolOn(80)).toBeUndefined();
    host.services.start("W3SVC");
    expect(iis.listeningPorts()).toEqual([{ protocol: "http", port: 80 }]);
    expect(iis.protocolOn(80)).toBe("http");
  });
});

describe("https bindings", () => {
  it("refuses a thumbprint that is not in LocalMachine\\My, and binds it once imported", async () => {
    const e = await buildIisEstate();
    const cert = await e.issue(["web01.corp.example"]);
    const t = cert.certificate.thumbprint;
    expect(() => e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: t })).toThrow(expect.objectContaining({ code: "IIS_CERT_NOT_FOUND" }));
    e.host("WEB01").certs.store("CurrentUser", "My").add({ certificate: cert.certificate, privateKeyPem: cert.privateKeyPem });
    expect(() => e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: t })).toThrow(/it is in CurrentUser\\My/);
    e.installCertificate("WEB01", cert);
    const binding = e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: t.toLowerCase().replace(/(..)/g, "$1 ") });
    expect(binding).toMatchObject({ protocol: "https", port: 443, certificateThumbprint: t });
    expect(e.context.trace.find((x) => x.kind === "iis.refused").length).toBe(2);
  });

  it("refuses a certificate without its private key (error 1312)", async () => {
    const e = await buildIisEstate();
    const cert = await e.issue(["web01.corp.example"]);
    e.host("WEB01").certs.store("LocalMachine", "My").add({ certificate: cert.certificate });
    e.web.addBinding("Default Web Site", { protocol: "https" });
    expect(() => e.web.setBindingCertificate("Default Web Site", { port: 443 }, cert.certificate.thumbprint)).toThrow(expect.objectContaining({ code: "IIS_CERT_NO_PRIVATE_KEY" }));
    e.installCertificate("WEB01", cert);
    expect(e.web.setBindingCertificate("Default Web Site", { port: 443 }, cert.certificate.thumbprint).certificateThumbprint).toBe(cert.certificate.thumbprint);
  });

  it("reassigns the certificate of a shared IP:port to every site, but not across SNI bindings", async () => {
    const e = await buildIisEstate();
    const a = await e.issue(["web01.corp.example"]);
    const b = await e.issue(["pwreset.corp.example"]);
    e.installCertificate("WEB01", a);
    e.installCertificate("WEB01", b);
    writeFolder(e.host("WEB01"), "C:\\sites\\pw");
    e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: a.certificate.thumbprint });
    e.web.createSite({ name: "PW", physicalPath: "C:\\sites\\pw", bindings: [{ protocol: "https", port: 443, hostName: "pwreset.corp.example", certificateThumbprint: b.certificate.thumbprint }] });
    const https = (site: string) => e.web.site(site)!.bindings.find((x) => x.protocol === "https")!.certificateThumbprint;
    expect(https("Default Web Site")).toBe(b.certificate.thumbprint);

    e.web.setBindingCertificate("PW", {}, a.certificate.thumbprint);
    e.web.removeBinding("PW", { protocol: "https" });
    e.web.addBinding("PW", { protocol: "https", hostName: "pwreset.corp.example", sni: true, certificateThumbprint: b.certificate.thumbprint });
    expect(https("Default Web Site")).toBe(a.certificate.thumbprint);
    expect(e.web.serverCertificate({ localIp: "10.0.0.21", port: 443, serverName: "pwreset.corp.example" })).toMatchObject({ ok: true, site: "PW" });
  });

  it("refuses SNI before IIS 8 and accepts it on IIS 8.5", () => {
    const old = iisOn({ os: "windows-server-2008-r2" }).iis;
    expect(() => old.addBinding("Default Web Site", { protocol: "https", hostName: "a.corp.example", sni: true })).toThrow(expect.objectContaining({ code: "IIS_SNI_UNSUPPORTED" }));
    const recent = iisOn({ os: "windows-server-2012-r2" }).iis;
    expect(recent.addBinding("Default Web Site", { protocol: "https", hostName: "a.corp.example", sni: true }).sni).toBe(true);
  });
});
