import { describe, expect, it } from "vitest";
import { SYNC_SERVICE } from "./sync-server.ts";
import { buildEstate, estateSpec, runVerb } from "./test-kit.ts";

describe("the Setup Assistant", () => {
  it("extracts to C:\\temp\\SpecopsPasswordSync_Setup_<version> and installs nothing without the EULA", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2" }));
    const declined = await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server", eula: false, certificate: "sync" });
    expect(declined.rules()).toEqual(["sps.setup.extract"]);
    expect(lab.host("SYNC01").fs.isFile("C:\\temp\\SpecopsPasswordSync_Setup_7.2\\Products\\SpecopsPasswordSync\\SpecopsPasswordSync_PasswordChangeNotifier_7.2_x64.msi")).toBe(true);
    expect(lab.host("SYNC01").products.byComponent("sps-server")).toBeUndefined();
    const accepted = await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server", certificate: "sync" });
    expect(accepted.findings).toEqual([]);
    expect(lab.host("SYNC01").services.get(SYNC_SERVICE)?.state).toBe("RUNNING");
  });

  it("upgrades only from 4.1 or later", async () => {
    const old = await buildEstate(estateSpec({ server: "4.0" }));
    expect((await runVerb(old, "setup", { host: "SYNC01", component: "sps-server" })).rules()).toContain("sps.upgrade.from-4.1");
    expect(old.host("SYNC01").products.byComponent("sps-server")?.version).toBe("4.0");
    const ok = await buildEstate(estateSpec({ pcn: "7.2", server: "4.1" }));
    const upgraded = await runVerb(ok, "setup", { host: "SYNC01", component: "sps-server" });
    expect(upgraded.rules()).toEqual([]);
    expect(upgraded.checked.has("sps.upgrade.from-4.1")).toBe(true);
  });

  it("refuses a Sync Server without .NET 4 unless it may help meet the requirements", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", serverHost: { features: [] } }));
    expect((await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server" })).rules()).toEqual(["sps.req.sync.dotnet"]);
    const helped = await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server", meetRequirements: true });
    expect(helped.findings).toEqual([]);
    expect(lab.host("SYNC01").hasFeature("dotnet-4.0")).toBe(true);
  });

  it("refuses a Sync Server on a host outside the domain", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", serverHost: { joined: false } }));
    expect((await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server" })).rules()).toEqual(["sps.req.sync.member"]);
  });

  it("needs a certificate with its key; warns when it is neither self-signed nor from AD CS", async () => {
    const none = await buildEstate(estateSpec({ pcn: "7.2", certificate: [] }));
    expect((await runVerb(none, "setup", { host: "SYNC01", component: "sps-server" })).rules()).toEqual(["sps.sync.cert.missing"]);
    const spec = estateSpec({ pcn: "7.2", certificate: [{ name: "sync", issuer: "vendor-ca" }] });
    const other = await buildEstate({ ...spec, authorities: [{ name: "vendor-ca", enterprise: false }] });
    expect((await runVerb(other, "setup", { host: "SYNC01", component: "sps-server" })).rules()).toEqual(["sps.sync.cert-source"]);
    const adcs = await buildEstate({ ...estateSpec({ pcn: "7.2", certificate: [{ name: "sync", issuer: "corp-ca" }] }), authorities: [{ name: "corp-ca", enterprise: true }] });
    const ok = await runVerb(adcs, "setup", { host: "SYNC01", component: "sps-server" });
    expect(ok.findings).toEqual([]);
    expect(ok.checked.has("sps.sync.cert-source")).toBe(true);
  });

  it("installs the Administration Tools only for an Enterprise or Domain Admin, on a member with GPMC", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2" }));
    expect((await runVerb(lab, "setup", { host: "ADM01", component: "sps-admin", as: "helpdesk" })).rules()).toEqual(["sps.admin.domain-admin"]);
    lab.host("ADM01").removeFeature("gpmc");
    expect((await runVerb(lab, "setup", { host: "ADM01", component: "sps-admin", as: "opsadmin" })).rules()).toEqual(["sps.req.admin.gpmc"]);
    lab.host("ADM01").addFeature("gpmc");
    expect((await runVerb(lab, "setup", { host: "ADM01", component: "sps-admin", as: "opsadmin" })).findings).toEqual([]);
  });

  it("warns when a component goes before an earlier one in the documented order", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1" }));
    expect((await runVerb(lab, "setup", { host: "ADM01", component: "sps-admin", as: "opsadmin" })).rules()).toEqual(["sps.order"]);
    const inOrder = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "4.1" }));
    const ok = await runVerb(inOrder, "setup", { host: "ADM01", component: "sps-admin", as: "opsadmin" });
    expect(ok.findings).toEqual([]);
    expect(ok.checked.has("sps.order")).toBe(true);
  });
});
