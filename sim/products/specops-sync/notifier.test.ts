import { describe, expect, it } from "vitest";
import { installedNotifier } from "./notifier.ts";
import { spsState } from "./sps-state.ts";
import { buildEstate, estateSpec, lastChange, runVerb, verify } from "./test-kit.ts";

const loaded = (lab: Awaited<ReturnType<typeof buildEstate>>, dc: string) => spsState(lab).notifiers.get(dc)?.loaded?.version;

describe("the notifier is the one LSASS loaded at the DC's last start", () => {
  it("an upgraded msi runs only after the DC restarts; the old one runs until then", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1" }));
    await runVerb(lab, "extract", { host: "DC01" });
    await runVerb(lab, "uninstall", { host: "DC01", component: "sps-pcn" });
    expect(loaded(lab, "DC01")).toBe("4.1");
    const msi = await runVerb(lab, "msi", { host: "DC01" });
    expect(msi.findings).toEqual([]);
    expect(installedNotifier(lab.host("DC01"))?.version).toBe("7.2");
    expect(loaded(lab, "DC01")).toBe("4.1");
    expect(lab.host("DC01").pendingReboot.length).toBeGreaterThan(0);
    await runVerb(lab, "restart-dcs", { hosts: ["DC01"] });
    expect(loaded(lab, "DC01")).toBe("7.2");
    expect(lab.host("DC01").fs.fileVersion("C:\\Windows\\System32\\SpecopsPasswordSyncPCN.dll")).toBe("7.2.0.0");
  });

  it("the new msi refuses while the old one is installed (error 1638), and installs once it is uninstalled", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1" }));
    await runVerb(lab, "extract", { host: "DC01" });
    const refused = await runVerb(lab, "msi", { host: "DC01" });
    expect(refused.rules()).toEqual(["sps.pcn.uninstall-first"]);
    expect(installedNotifier(lab.host("DC01"))?.version).toBe("4.1");
    await runVerb(lab, "uninstall", { host: "DC01", component: "sps-pcn" });
    const ok = await runVerb(lab, "msi", { host: "DC01" });
    expect(ok.findings).toEqual([]);
    expect(ok.checked.has("sps.pcn.uninstall-first")).toBe(true);
  });

  it("a 32-bit msi on an x64 DC lands in SysWOW64 and is never loaded; the x64 one is", async () => {
    const lab = await buildEstate(estateSpec({ dcs: 1 }));
    await runVerb(lab, "extract", { host: "DC01" });
    await runVerb(lab, "msi", { host: "DC01", arch: "x86" });
    await runVerb(lab, "restart-dcs", {});
    expect(loaded(lab, "DC01")).toBeUndefined();
    expect(spsState(lab).notifiers.get("DC01")?.loadFailure?.reason).toMatch(/SysWOW64/);
    await runVerb(lab, "uninstall", { host: "DC01", component: "sps-pcn" });
    await runVerb(lab, "msi", { host: "DC01", arch: "x64" });
    await runVerb(lab, "restart-dcs", {});
    expect(loaded(lab, "DC01")).toBe("7.2");
  });

  it("the msi is not run on a read-only DC", async () => {
    const spec = estateSpec({ dcs: 1 });
    const lab = await buildEstate({ ...spec, hosts: [...spec.hosts, { name: "RODC01", os: "windows-server-2019", role: "rodc" }] });
    await runVerb(lab, "extract", { host: "RODC01" });
    expect((await runVerb(lab, "msi", { host: "RODC01" })).rules()).toEqual(["sps.req.pcn.writable-dc"]);
    await runVerb(lab, "extract", { host: "DC01" });
    expect((await runVerb(lab, "msi", { host: "DC01" })).checked.has("sps.req.pcn.writable-dc")).toBe(true);
  });
});

describe("GPSI: the DCs install the assigned msi at their restart", () => {
  const withShare = () => {
    const spec = estateSpec({ pcn: undefined, server: "7.2", admin: "7.2" });
    return { ...spec, hosts: [...spec.hosts, { name: "FS01", os: "windows-server-2019" as const, shares: [{ name: "deploy", path: "C:\\deploy", readers: ["domain-computers"] }] }] };
  };

  it("installs and loads at the restart when the GPO is linked to the Domain Controllers OU and assigned", async () => {
    const lab = await buildEstate(withShare());
    await runVerb(lab, "extract", { host: "FS01" });
    await runVerb(lab, "gpsi", { share: "\\\\FS01\\deploy" });
    expect(loaded(lab, "DC01")).toBeUndefined();
    await runVerb(lab, "restart-dcs", {});
    expect(loaded(lab, "DC01")).toBe("7.2");
    expect(loaded(lab, "DC02")).toBe("7.2");
  });

  it("installs nothing when the msi was not copied to the share (1612), and the check says why", async () => {
    const lab = await buildEstate(withShare());
    await runVerb(lab, "extract", { host: "FS01" });
    await runVerb(lab, "gpsi", { share: "\\\\FS01\\deploy", copy: false });
    await runVerb(lab, "restart-dcs", {});
    expect(loaded(lab, "DC01")).toBeUndefined();
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    const check = await verify(lab, "sync");
    expect(check.rules()).toEqual(["sps.pcn.gpsi"]);
    expect(lastChange(lab).lost?.kind).toBe("no-notifier");
  });

  it("installs nothing when the GPO is linked elsewhere than the Domain Controllers OU", async () => {
    const lab = await buildEstate(withShare());
    await runVerb(lab, "extract", { host: "FS01" });
    await runVerb(lab, "gpsi", { share: "\\\\FS01\\deploy", link: "OU=Staff,DC=corp,DC=example" });
    await runVerb(lab, "restart-dcs", {});
    expect(loaded(lab, "DC01")).toBeUndefined();
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    const check = await verify(lab, "sync");
    expect(check.findings[0]?.message).toMatch(/not linked to the Domain Controllers OU/);
  });
});
