import { describe, expect, it } from "vitest";
import { installIis } from "./install-iis.ts";
import { attachIisToNetwork } from "./network-listener.ts";
import { buildIisEstate, writeFolder, type IisTestEstate } from "./test-estate.ts";

const DAY = 24 * 60 * 60 * 1000;

/** WEB01 with an https binding for `names` and the pwreset application. */
async function pwresetEstate(names = ["web01.corp.example"], days = 365): Promise<IisTestEstate> {
  const e = await buildIisEstate();
  const cert = await e.issue(names, days);
  e.installCertificate("WEB01", cert);
  e.web.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: cert.certificate.thumbprint });
  writeFolder(e.host("WEB01"), "C:\\inetpub\\wwwroot\\pwreset");
  e.web.registerHandler("pwreset", (request, context) => ({
    status: 200,
    headers: { "content-type": "text/plain" },
    body: `reset page for ${request.form?.["user"] ?? "?"} via ${context.secure ? "https" : "http"} from ${request.clientHost}`,
  }));
  e.web.createApplication("Default Web Site", "/pwreset", { physicalPath: "C:\\inetpub\\wwwroot\\pwreset", handler: "pwreset" });
  return e;
}

const RESET = "https://web01.corp.example/pwreset/reset";
const served = (e: IisTestEstate): number => e.context.trace.find((x) => x.kind === "iis.request").length;

describe("WebClient over https", () => {
  it("fails TLS for an untrusted self-signed certificate, and succeeds once it is in the CLIENT's Root store", async () => {
    const e = await pwresetEstate();
    const now = e.context.clock.date().getTime();
    const own = await e.ca.factory.selfSigned({ subject: "CN=web01.corp.example", dnsNames: ["web01.corp.example"], notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) });
    e.installCertificate("WEB01", own);
    e.web.setBindingCertificate("Default Web Site", { protocol: "https" }, own.certificate.thumbprint);

    const refused = await e.client.request("CLIENT01", RESET);
    expect(refused).toMatchObject({ ok: false, stage: "tls", reason: "untrusted-root", trust: { ok: false, reason: "untrusted-root" } });
    expect(served(e)).toBe(0);
    expect(e.context.trace.find((x) => x.kind === "web.request.failed").at(-1)?.data).toMatchObject({ stage: "tls", reason: "untrusted-root" });

    e.host("WEB01").certs.store("LocalMachine", "Root").add({ certificate: own.certificate }); // the server trusting it changes nothing for the client
    expect(await e.client.request("CLIENT01", RESET)).toMatchObject({ ok: false, reason: "untrusted-root" });
    e.host("CLIENT01").certs.store("LocalMachine", "Root").add({ certificate: own.certificate });
    const ok = await e.client.request("CLIENT01", RESET, { form: { user: "jsmith", password: "Secret-1" } });
    expect(ok).toMatchObject({ ok: true, response: { status: 200, body: "reset page for jsmith via https from CLIENT01" } });
    expect(ok.ok && ok.certificate?.thumbprint).toBe(own.certificate.thumbprint);
    expect(e.context.trace.canonical()).not.toContain("Secret-1");
  });

  it("fails TLS for a CA the client does not trust (the server sends its root), and succeeds once the client imports the root", async () => {
    const e = await pwresetEstate();
    expect(await e.client.request("CLIENT01", RESET)).toMatchObject({ ok: false, stage: "tls", reason: "partial-chain" });
    e.trustRoot("WEB01");
    expect(await e.client.request("CLIENT01", RESET)).toMatchObject({ ok: false, stage: "tls", reason: "untrusted-root" });
    e.trustRoot("CLIENT01");
    expect(await e.client.request("CLIENT01", RESET)).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it("fails TLS once the lab clock passes the certificate's notAfter", async () => {
    const e = await pwresetEstate(["web01.corp.example"], 30);
    e.trustRoot("CLIENT01");
    expect((await e.client.request("CLIENT01", RESET)).ok).toBe(true);
    e.context.clock.advance(31 * DAY);
    const expired = await e.client.request("CLIENT01", RESET);
    expect(expired).toMatchObject({ ok: false, stage: "tls", reason: "expired", trust: { reason: "expired" } });
    expect(expired.ok === false && expired.detail).toMatch(/expired at/);
  });

  it("fails TLS when the certificate does not cover the requested name, and succeeds with a covering SAN", async () => {
    const e = await pwresetEstate(["web01.corp.example"]);
    e.trustRoot("CLIENT01");
    const short = "https://web01/pwreset/reset";
    expect(await e.client.request("CLIENT01", short)).toMatchObject({ ok: false, stage: "tls", reason: "name-mismatch" });
    const both = await e.issue(["web01.corp.example", "web01"]);
    e.installCertificate("WEB01", both);
    e.web.setBindingCertificate("Default Web Site", { protocol: "https" }, both.certificate.thumbprint);
    expect(await e.client.request("CLIENT01", short)).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it("fails the handshake when the bound certificate was deleted from LocalMachine\\My", async () => {
    const e = await pwresetEstate();
    e.trustRoot("CLIENT01");
    const my = e.host("WEB01").certs.store("LocalMachine", "My");
    const entry = my.list()[0]!;
    my.remove(entry.certificate.thumbprint);
    expect(await e.client.request("CLIENT01", RESET)).toMatchObject({ ok: false, stage: "tls", reason: "handshake-failed", detail: expect.stringMatching(/no longer in LocalMachine\\My/) });
    expect(e.context.trace.find((x) => x.kind === "iis.tls.failed")).toHaveLength(1);
    my.add(entry);
    expect((await e.client.request("CLIENT01", RESET)).ok).toBe(true);
  });

  it("fails the handshake on a port that speaks plain HTTP", async () => {
    const e = await pwresetEstate();
    e.trustRoot("CLIENT01");
    expect(await e.client.request("CLIENT01", "https://web01.corp.example:80/")).toMatchObject({ ok: false, stage: "tls", reason: "handshake-failed" });
    expect((await e.client.request("CLIENT01", "http://web01.corp.example:80/")).ok).toBe(true);
  });
});

describe("WebClient stages", () => {
  it("reports an HTTP error with the response", async () => {
    const e = await pwresetEstate();
    const missing = await e.client.request("CLIENT01", "http://web01.corp.example/nothing.htm");
    expect(missing).toMatchObject({ ok: false, stage: "http", reason: "404", response: { status: 404 } });
    expect((await e.client.request("CLIENT01", "http://web01.corp.example/iisstart.htm")).ok).toBe(true);
  });

  it("reports an unresolved name at the dns stage", async () => {
    const e = await buildIisEstate();
    expect(await e.client.request("CLIENT01", "http://dmzweb/")).toMatchObject({ ok: false, stage: "dns", reason: "unresolved" });
    e.network.addHostsEntry("CLIENT01", "dmzweb", "172.16.0.10");
    const next = await e.client.request("CLIENT01", "http://dmzweb/");
    expect(next).toMatchObject({ ok: false, stage: "network" });
  });

  it("needs the server's Windows Firewall to allow a non-standard port", async () => {
    const e = await buildIisEstate();
    writeFolder(e.host("WEB01"), "C:\\sites\\alt", { "index.html": "ALT" });
    e.web.createSite({ name: "Alt", physicalPath: "C:\\sites\\alt", bindings: [{ protocol: "http", port: 8080 }] });
    const blocked = await e.client.request("CLIENT01", "http://web01.corp.example:8080/");
    expect(blocked).toMatchObject({ ok: false, stage: "network", reason: "host-firewall" });
    e.host("WEB01").firewall.addRule({ name: "Alt site 8080", protocol: "tcp", port: 8080 });
    expect(await e.client.request("CLIENT01", "http://web01.corp.example:8080/")).toMatchObject({ ok: true, response: { body: "ALT" } });
  });

  it("is refused while W3SVC is stopped (iisreset /stop)", async () => {
    const e = await buildIisEstate();
    e.context.clock.advance(5_000);
    e.host("WEB01").services.stop("W3SVC");
    e.context.clock.advance(5_000);
    expect(await e.client.request("CLIENT01", "http://web01.corp.example/")).toMatchObject({ ok: false, stage: "network", reason: "no-listener" });
    e.host("WEB01").services.start("W3SVC");
    expect((await e.client.request("CLIENT01", "http://web01.corp.example/")).ok).toBe(true);
  });

  it("reaches a DMZ web server from the external zone only with perimeter rules both ways", async () => {
    const e = await buildIisEstate();
    const dmz = installIis(e.context, e.host("DMZWEB"));
    attachIisToNetwork(dmz, e.network);
    const cert = await e.issue(["www.example.com"]);
    e.installCertificate("DMZWEB", cert);
    dmz.addBinding("Default Web Site", { protocol: "https", certificateThumbprint: cert.certificate.thumbprint });
    e.trustRoot("INET01");
    const url = "https://www.example.com/iisstart.htm";

    const denied = await e.client.request("INET01", url);
    expect(denied).toMatchObject({ ok: false, stage: "network", reason: "perimeter-rule", rule: "default-deny" });
    e.network.addPerimeterRule({ name: "web-in", action: "allow", protocol: "tcp", from: "external", to: "172.16.0.10", port: 443 });
    expect(await e.client.request("INET01", url)).toMatchObject({ ok: false, stage: "network", reason: "perimeter-rule" });
    e.network.addPerimeterRule({ name: "web-out", action: "allow", protocol: "tcp", from: "172.16.0.10", to: "external", sourcePort: 443 });
    expect(await e.client.request("INET01", url)).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it("replays byte for byte from the same seed", async () => {
    const run = async (): Promise<string> => {
      const e = await pwresetEstate();
      e.trustRoot("CLIENT01");
      await e.client.request("CLIENT01", RESET, { form: { user: "a" } });
      await e.client.request("CLIENT01", "http://web01.corp.example/missing.htm");
      await e.client.request("CLIENT01", "http://dmzweb/");
      return e.context.trace.hash();
    };
    expect(await run()).toBe(await run());
  });
});
