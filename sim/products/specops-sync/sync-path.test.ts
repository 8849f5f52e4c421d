import { describe, expect, it } from "vitest";
import { buildEstate, estateSpec, final, lastChange, runVerb, STAFF_OU, verify } from "./test-kit.ts";

const synced = { pcn: "7.2", server: "7.2", admin: "7.2" };

describe("a password change made on a DC", () => {
  it("arrives at every target the user's policy names, with its path", async () => {
    const lab = await buildEstate(estateSpec(synced));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    const change = lastChange(lab);
    expect(change.expected).toEqual(["cloud", "hr"]);
    expect(change.targets.every((t) => t.arrived)).toBe(true);
    expect(change.path.map((h) => h.host)).toEqual(["DC02", "DC02", "SYNC01", "SYNC01", "SYNC01", "cloud", "hr"]);
    expect(change.path.every((h) => lab.trace.get(h.eventId) !== undefined)).toBe(true);
  });

  it("is lost without notice on a DC without the notifier; only the check finds it", async () => {
    const spec = estateSpec({ server: "7.2", admin: "7.2" });
    spec.hosts[0] = { ...spec.hosts[0]!, installed: { "sps-pcn": "7.2" } };
    const lab = await buildEstate(spec);
    const change = await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    expect(change.findings).toEqual([]);
    expect(lastChange(lab).lost?.kind).toBe("no-notifier");
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.pcn.all-dcs.lost"]);
    expect((await verify(lab, "pcn-all-dcs")).findings.map((f) => f.host)).toEqual(["DC02"]);
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect((await verify(lab, "sync")).findings).toEqual([]);
  });

  it("made on a read-only DC is applied by a writable DC, whose notifier sends it", async () => {
    const spec = estateSpec(synced);
    const lab = await buildEstate({ ...spec, hosts: [...spec.hosts, { name: "RODC01", os: "windows-server-2019", role: "rodc" }] });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "RODC01" });
    expect(lastChange(lab).handledBy).not.toBe("RODC01");
    expect(lastChange(lab).targets.every((t) => t.arrived)).toBe(true);
  });

  it("from an old notifier is refused by a Sync Server upgraded first (order), and accepted by an old one", async () => {
    const old = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1" }));
    await runVerb(old, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(old).lost).toBeUndefined();
    const setup = await runVerb(old, "setup", { host: "SYNC01", component: "sps-server" });
    expect(setup.rules()).toEqual(["sps.order", "sps.pcn.all-dcs"]);
    await runVerb(old, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(old).attempts[0]).toMatchObject({ outcome: "protocol-refused" });
    expect((await verify(old, "sync")).rules()).toEqual(["sps.order.protocol"]);
  });

  it("reaches a new Sync Server from a DC whose upgraded notifier waits for a restart: the old one still runs", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1" }));
    for (const dc of ["DC01", "DC02"]) {
      await runVerb(lab, "extract", { host: dc });
      await runVerb(lab, "uninstall", { host: dc, component: "sps-pcn" });
      await runVerb(lab, "msi", { host: dc });
    }
    await runVerb(lab, "restart-dcs", { hosts: ["DC01"] });
    await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server" });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.pcn.restart"]);
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect((await verify(lab, "sync")).findings).toEqual([]);
  });

  it("skips a Sync Point whose provider was deselected at setup", async () => {
    const lab = await buildEstate(estateSpec(synced));
    await runVerb(lab, "setup", { host: "SYNC01", component: "sps-server", providers: ["cloud-directory"] });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).targets.map((t) => [t.target, t.arrived, t.failure])).toEqual([["cloud", true, undefined], ["hr", false, "provider-missing"]]);
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.sync.providers"]);
  });

  it("is accepted and synced nowhere without a licence", async () => {
    const lab = await buildEstate(estateSpec({ ...synced, license: false }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost?.kind).toBe("unlicensed");
    expect((await verify(lab, "license")).rules()).toEqual(["sps.post.license"]);
    await runVerb(lab, "license", {});
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost).toBeUndefined();
  });

  it("goes nowhere when the Sync Server is not a domain member (no SCP to find it)", async () => {
    const lab = await buildEstate(estateSpec({ ...synced, serverHost: { joined: false } }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost?.kind).toBe("no-sync-server");
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.req.sync.member.runtime"]);
  });

  it("is refused at the door when the Sync Server host lacks .NET 4 (the service dies at start)", async () => {
    const lab = await buildEstate(estateSpec({ ...synced, serverHost: { features: ["dotnet-3.5"] } }));
    expect(lab.host("SYNC01").services.get("SpecopsPasswordSyncServer")?.state).toBe("STOPPED");
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.req.sync.dotnet.runtime"]);
  });

  it("is skipped by an old Sync Server for a policy saved by newer Administration Tools", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "4.1", admin: "7.2" }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).expected).toEqual([]);
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.order.admin-policy"]);
  });
});

describe("secrets", () => {
  it("no password crosses into the trace: targets keep a digest, the trace keeps neither", async () => {
    const lab = await buildEstate(estateSpec(synced));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01", password: "Very-Secret-77!" });
    expect(lastChange(lab).targets.every((t) => t.arrived)).toBe(true);
    const trace = lab.trace.canonical();
    expect(trace).not.toContain("Very-Secret-77!");
    expect(trace).not.toContain("Start-2026!x");
  });
});

describe("capacity", () => {
  it("a heavy load makes changes late on one Sync Server and not with a second one", async () => {
    const one = await buildEstate(estateSpec(synced));
    await runVerb(one, "load", { changesPerHour: 2_400, hours: 2 });
    one.clock.advance(3_600_000);
    await runVerb(one, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(one).waitMs).toBeGreaterThan(5 * 60_000);
    expect((await verify(one, "sync")).rules()).toEqual(["sps.sync.capacity"]);

    const spec = estateSpec(synced);
    const two = await buildEstate({
      ...spec,
      hosts: [...spec.hosts, { name: "SYNC02", os: "windows-server-2019", features: ["dotnet-4.8"], certificates: [{ name: "sync", trustedBy: ["DC01", "DC02"] }], installed: { "sps-server": { version: "7.2", certificate: "sync" } } }],
    });
    await runVerb(two, "load", { changesPerHour: 2_400, hours: 2 });
    two.clock.advance(3_600_000);
    await runVerb(two, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(two).waitMs).toBeLessThan(60_000);
    expect((await verify(two, "sync")).findings).toEqual([]);
  });
});

describe("the final judgement: a change on every writable DC, followed to every target", () => {
  it("healthy when all arrive, degraded when one DC loses them, broken when none arrive", async () => {
    expect((await final(await buildEstate(estateSpec(synced)))).state).toBe("healthy");
    const spec = estateSpec({ server: "7.2", admin: "7.2" });
    spec.hosts[0] = { ...spec.hosts[0]!, installed: { "sps-pcn": "7.2" } };
    const partial = await final(await buildEstate(spec));
    expect(partial.state).toBe("degraded");
    expect(partial.probe.rules()).toEqual(["sps.pcn.all-dcs.lost"]);
    expect((await final(await buildEstate(estateSpec({ server: "7.2", admin: "7.2" })))).state).toBe("broken");
  });

  it("the same scenario gives the same trace", async () => {
    const run = async () => {
      const lab = await buildEstate(estateSpec(synced), 5);
      await final(lab);
      return lab.trace.hash();
    };
    expect(await run()).toBe(await run());
  });
});

describe("policy", () => {
  it("is edited only where the Administration Tools and GPMC are", async () => {
    const lab = await buildEstate(estateSpec(synced));
    expect((await runVerb(lab, "policy", { from: "SYNC01", targets: ["cloud"] })).rules()).toEqual(["sps.admin.where"]);
    lab.host("ADM01").removeFeature("gpmc");
    expect((await runVerb(lab, "policy", { from: "ADM01", targets: ["cloud"] })).rules()).toEqual(["sps.admin.contents"]);
    lab.host("ADM01").addFeature("gpmc");
    expect((await runVerb(lab, "policy", { from: "ADM01", ou: STAFF_OU, targets: ["cloud"] })).findings).toEqual([]);
  });
});
