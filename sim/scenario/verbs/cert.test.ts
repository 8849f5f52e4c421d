import { describe, expect, it } from "vitest";
import { certVerb } from "./cert.ts";
import { namedCertificate } from "../../estate/index.ts";
import { buildTestLab, eventsOf, refusal, runVerb } from "./verb-test-kit.ts";

describe("cert", () => {
  it("creates a self-signed certificate with its key, trusted where asked, indexed by host and name", async () => {
    const lab = await buildTestLab();
    await runVerb(certVerb, lab, { host: "APP01", create: { name: "sync2", dnsNames: ["sync.corp.example"], validDays: 30, trustedBy: ["DC01"] } });
    const made = namedCertificate(lab, "app01", "SYNC2");
    const entry = lab.host("APP01").certs.store("LocalMachine", "My").get(made.certificate.thumbprint)!;
    expect(entry.privateKeyPem).toBeDefined();
    expect(entry.friendlyName).toBe("sync2");
    expect(made.certificate.dnsNames).toEqual(["sync.corp.example"]);
    expect(lab.host("DC01").certs.store("LocalMachine", "Root").has(made.certificate.thumbprint)).toBe(true);
    expect(lab.host("WEB01").certs.store("LocalMachine", "Root").has(made.certificate.thumbprint)).toBe(false);
    expect(eventsOf(lab, "cert.created").at(-1)!.data).toMatchObject({ name: "sync2", issuer: "self", trustedBy: ["DC01"] });
  });

  it("issues from a lab authority, and the same name again is a renewal", async () => {
    const lab = await buildTestLab();
    const old = namedCertificate(lab, "WEB01", "web").certificate;
    await runVerb(certVerb, lab, { host: "WEB01", create: { name: "web", issuer: "corp-ca" } });
    const renewed = namedCertificate(lab, "WEB01", "web").certificate;
    expect(renewed.thumbprint).not.toBe(old.thumbprint);
    expect(renewed.isSignedBy(lab.authorities.get("corp-ca")!.certificate)).toBe(true);
    await expect(runVerb(certVerb, lab, { host: "WEB01", create: { name: "x", issuer: "other-ca" } })).rejects.toThrow(/no authority "other-ca"; the lab has corp-ca/);
  });

  it("imports a certificate into a store of other hosts: roots without the key, My with it", async () => {
    const lab = await buildTestLab();
    const sync = namedCertificate(lab, "APP01", "sync").certificate;
    await runVerb(certVerb, lab, { role: "dcs", import: { from: { host: "APP01", name: "sync" }, store: "Root" } });
    const root = lab.host("DC01").certs.store("LocalMachine", "Root").get(sync.thumbprint)!;
    expect(root.privateKeyPem).toBeUndefined();
    expect(lab.host("WEB01").certs.store("LocalMachine", "Root").has(sync.thumbprint)).toBe(false);
    await runVerb(certVerb, lab, { hosts: ["WEB01", "FS01"], import: { from: { host: "APP01", name: "sync" }, store: "My" } });
    expect(lab.host("FS01").certs.store("LocalMachine", "My").get(sync.thumbprint)!.privateKeyPem).toBeDefined();
    await runVerb(certVerb, lab, { host: "DMZ01", import: { from: { authority: "corp-ca" }, store: "Root" } });
    expect(lab.host("DMZ01").certs.store("LocalMachine", "Root").has(lab.authorities.get("corp-ca")!.certificate.thumbprint)).toBe(true);
    await expect(runVerb(certVerb, lab, { host: "DC01", import: { from: { host: "APP01", name: "nope" }, store: "Root" } })).rejects.toThrow(/no certificate named "nope" on APP01; known there: sync/);
  });

  it("removes by name or thumbprint; a certificate not in the store is traced", async () => {
    const lab = await buildTestLab();
    const sync = namedCertificate(lab, "APP01", "sync").certificate;
    await runVerb(certVerb, lab, { host: "DC01", import: { from: { host: "APP01", name: "sync" }, store: "Root" } });
    await runVerb(certVerb, lab, { host: "DC01", remove: { name: "sync", store: "Root" } });
    expect(lab.host("DC01").certs.store("LocalMachine", "Root").has(sync.thumbprint)).toBe(false);
    expect(eventsOf(lab, "cert.remove-missing")).toHaveLength(0);
    await runVerb(certVerb, lab, { host: "APP01", remove: { thumbprint: sync.thumbprint } });
    expect(lab.host("APP01").certs.store("LocalMachine", "My").has(sync.thumbprint)).toBe(false);
    await runVerb(certVerb, lab, { host: "APP01", remove: { thumbprint: sync.thumbprint } });
    expect(eventsOf(lab, "cert.remove-missing")).toHaveLength(1);
    await expect(runVerb(certVerb, lab, { host: "APP01", remove: { name: "ghost" } })).rejects.toThrow(/no certificate named "ghost"/);
  });

  it("binds a certificate to the site's https binding, adding one, then replacing its certificate", async () => {
    const lab = await buildTestLab();
    const iis = lab.iis("WEB01")!;
    await runVerb(certVerb, lab, { host: "WEB01", bind: { name: "web" } });
    const https = () => iis.site("Default Web Site")!.bindings.filter((b) => b.protocol === "https");
    expect(https()).toEqual([expect.objectContaining({ port: 443, certificateThumbprint: namedCertificate(lab, "WEB01", "web").certificate.thumbprint })]);
    await runVerb(certVerb, lab, { host: "WEB01", create: { name: "web2" } });
    await runVerb(certVerb, lab, { host: "WEB01", bind: { name: "web2", site: "Default Web Site", port: 443 } });
    expect(https()).toEqual([expect.objectContaining({ certificateThumbprint: namedCertificate(lab, "WEB01", "web2").certificate.thumbprint })]);
    expect(eventsOf(lab, "cert.bind-failed")).toHaveLength(0);
  });

  it("a certificate IIS refuses (no private key) is traced as cert.bind-failed; no IIS or no site is an error", async () => {
    const lab = await buildTestLab();
    await runVerb(certVerb, lab, { host: "WEB01", import: { from: { host: "APP01", name: "sync" }, store: "My", withKey: false } });
    await runVerb(certVerb, lab, { host: "WEB01", bind: { thumbprint: namedCertificate(lab, "APP01", "sync").certificate.thumbprint } });
    expect(eventsOf(lab, "cert.bind-failed")[0]!.data).toMatchObject({ site: "Default Web Site", port: 443 });
    expect(lab.iis("WEB01")!.site("Default Web Site")!.bindings.some((b) => b.protocol === "https")).toBe(false);
    await expect(runVerb(certVerb, lab, { host: "APP01", bind: { name: "sync" } })).rejects.toThrow(/IIS is not installed on APP01/);
    await expect(runVerb(certVerb, lab, { host: "WEB01", bind: { name: "web", site: "APR" } })).rejects.toThrow(/no site "APR" on WEB01; sites: Default Web Site/);
  });

  it("revokes a certificate through its authority; a self-signed one cannot be", async () => {
    const lab = await buildTestLab();
    await runVerb(certVerb, lab, { host: "WEB01", revoke: "web" });
    const web = namedCertificate(lab, "WEB01", "web").certificate;
    expect(lab.authorities.get("corp-ca")!.revocations.isRevoked(web.serialNumber)).toBe(true);
    await expect(runVerb(certVerb, lab, { host: "APP01", revoke: "sync" })).rejects.toThrow(/self-signed certificates cannot be revoked/);
  });

  it("refuses unclear steps with the reason and names every host it touches", () => {
    expect(refusal(certVerb, { host: "A" })[0]).toMatch(/exactly one of create, import, remove, bind, revoke/);
    expect(refusal(certVerb, { role: "dcs", create: { name: "x" } })[0]).toMatch(/give host: X/);
    expect(refusal(certVerb, { host: "A", remove: { store: "Root" } })[0]).toMatch(/by name or by thumbprint/);
    expect(refusal(certVerb, { host: "A", import: { from: { host: "B", name: "c" }, store: "Personal" } })).not.toEqual([]);
    expect(refusal(certVerb, { hosts: ["A", "B"], import: { from: { host: "C", name: "c" }, store: "Root" } })).toEqual([]);
    expect(certVerb.refs!({ hosts: ["A", "B"], import: { from: { host: "C", name: "c" }, store: "Root" } })).toEqual({ hosts: ["A", "B", "C"] });
    expect(certVerb.refs!({ host: "A", create: { name: "c", trustedBy: ["DC01", "domain"] } })).toEqual({ hosts: ["A", "DC01"] });
  });
});
