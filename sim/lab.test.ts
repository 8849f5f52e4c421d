import { describe, expect, it } from "vitest";
import { Host } from "./host/index.ts";
import { Lab } from "./lab.ts";
import type { LabSpec } from "./lab-spec.ts";

const spec: LabSpec = {
  domain: { name: "corp.example", dcs: 2, users: 50, accounts: [{ name: "alice", password: "Winter2026!x", groups: ["Domain Admins"] }] },
  authorities: [{ name: "corp-ca", enterprise: true }],
  hosts: [
    { name: "APR01", os: "windows-server-2016", zone: "internal" },
    { name: "WEB01", os: "windows-server-2016", zone: "dmz", joined: false, features: ["iis"], certificates: [{ name: "web", dnsNames: ["reset.corp.example"] }] },
    { name: "FS01", os: "windows-server-2019", shares: [{ name: "deploy", path: "C:\\deploy", readers: ["domain-computers"] }] },
    { name: "WS01", os: "windows-10", certificates: [{ name: "ws", issuer: "corp-ca" }] },
  ],
  network: { rules: [{ name: "dmz-to-apr", action: "allow", protocol: "udp", from: "dmz", to: "internal", port: 5100 }] },
};

describe("Lab.build", () => {
  it("adds the DCs the domain asks for and joins internal hosts, not the DMZ one", async () => {
    const lab = await Lab.build(spec, { seed: 1 });
    expect(lab.hostNames()).toEqual(expect.arrayContaining(["DC01", "DC02", "APR01", "WEB01", "FS01", "WS01"]));
    expect(lab.host("dc01").isDomainController).toBe(true);
    expect(lab.host("APR01").joined).toBe(true);
    expect(lab.host("WEB01").joined).toBe(false);
    expect(lab.domain().isJoined("APR01")).toBe(true);
    expect(lab.domain().isJoined("WEB01")).toBe(false);
    expect(() => lab.host("WEB02")).toThrow(/no host WEB02/);
  });

  it("finds hosts by any spelling of their name and lists one added later", async () => {
    const lab = await Lab.build({ hosts: [{ name: "APR01", os: "windows-server-2016" }] }, { seed: 1 });
    const before = lab.hosts();
    expect(lab.hosts()).toBe(before);
    expect(lab.findHost("apr01.corp.example")).toBe(lab.host("APR01"));
    expect(lab.findHost("WS01")).toBeUndefined();
    lab.addHost(new Host(lab, { name: "WS01", os: "windows-10" }));
    expect(lab.findHost("WS01")?.name).toBe("WS01");
    expect(lab.hostNames()).toEqual(["APR01", "WS01"]);
    expect(before.map((h) => h.name)).toEqual(["APR01"]);
  });

  it("trusts an enterprise CA on joined hosts only, and a self-signed certificate nowhere unless told", async () => {
    const lab = await Lab.build(spec, { seed: 1 });
    const caRoots = (h: string): number => lab.host(h).certs.store("LocalMachine", "Root").list().length;
    expect(caRoots("WS01")).toBe(1);
    expect(caRoots("WEB01")).toBe(0);
    const web = lab.host("WEB01").certs.store("LocalMachine", "My").findByFriendlyName("web");
    expect(web).toHaveLength(1);
    expect(web[0]!.privateKeyPem).toMatch(/PRIVATE KEY/);
  });

  it("gives IIS to hosts with the feature and puts it on the network", async () => {
    const lab = await Lab.build(spec, { seed: 1 });
    expect(lab.iis("WEB01")).toBeDefined();
    expect(lab.iis("APR01")).toBeUndefined();
  });

  it("installs an assigned GPSI package at the next restart only when the share holds the msi", async () => {
    const lab = await Lab.build(spec, { seed: 2 });
    const installed: string[] = [];
    lab.registerPackageInstaller(/^client\.msi$/i, (host) => {
      installed.push(host.name);
      return true;
    });
    const ad = lab.domain();
    ad.createGpo("Deploy client");
    ad.linkGpo("Deploy client", ad.domainDn);
    ad.addSoftwarePackage("Deploy client", { name: "Client", version: "1.0", msiPath: "\\\\FS01\\deploy\\client.msi", arch: "x64", deployment: "assigned" });
    lab.host("WS01").restart();
    expect(installed).toEqual([]);
    expect(lab.trace.find((e) => e.kind === "gpsi.install-failed" && e.host === "WS01")).toHaveLength(1);
    lab.host("FS01").fs.writeFile("C:\\deploy\\client.msi", "msi");
    lab.host("WS01").restart();
    expect(installed).toEqual(["WS01"]);
  });

  it("builds the same trace from the same seed, and another from another seed", async () => {
    const a = await Lab.build(spec, { seed: 7 });
    const b = await Lab.build(spec, { seed: 7 });
    const c = await Lab.build(spec, { seed: 8 });
    expect(a.trace.hash()).toBe(b.trace.hash());
    expect(a.trace.hash()).not.toBe(c.trace.hash());
  });
});

describe("Lab.build addresses", () => {
  it("gives an added DC an address the scenario does not give another host", async () => {
    const lab = await Lab.build(
      { domain: { name: "corp.example", dcs: 2 }, hosts: [{ name: "DC01", os: "windows-server-2016", role: "dc", ip: "10.0.0.10" }, { name: "APP01", os: "windows-server-2016" }] },
      { seed: 1 },
    );
    expect(lab.host("DC01").ip).toBe("10.0.0.10");
    expect(lab.host("DC02").ip).not.toBe("10.0.0.10");
    expect(new Set(lab.hosts().map((h) => h.ip)).size).toBe(3);
  });
});
