import { describe, expect, it } from "vitest";
import { RESTART_SETTLE_MS, restartVerb } from "./restart.ts";
import { buildTestLab, eventsOf, installService, refusal, runVerb } from "./verb-test-kit.ts";

describe("restart", () => {
  it("applies pending changes and brings auto and auto-delayed services back, manual ones not", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "AutoSvc");
    installService(lab, "APP01", "DelayedSvc", { startType: "auto-delayed" });
    installService(lab, "APP01", "ManualSvc", { startType: "manual" });
    let applied = false;
    lab.host("APP01").atNextRestart("replace in-use file", () => (applied = true));
    const before = lab.clock.now();
    await runVerb(restartVerb, lab, { host: "APP01" });
    const app = lab.host("APP01");
    expect(applied).toBe(true);
    expect(app.pendingReboot).toEqual([]);
    expect(["AutoSvc", "DelayedSvc", "ManualSvc"].map((s) => app.services.get(s)!.state)).toEqual(["RUNNING", "RUNNING", "STOPPED"]);
    expect(lab.clock.now() - before).toBe(RESTART_SETTLE_MS);
    expect(eventsOf(lab, "estate.restarted").at(-1)!.data).toMatchObject({ hosts: ["APP01"], autoServicesNotRunning: [] });
  });

  it("an auto service that cannot start is in the trace, not an error", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "BrokenSvc");
    lab.host("APP01").fs.delete("C:\\Program Files\\BrokenSvc\\BrokenSvc.exe");
    await runVerb(restartVerb, lab, { host: "APP01" });
    expect(eventsOf(lab, "estate.restarted").at(-1)!.data.autoServicesNotRunning).toEqual(["APP01\\BrokenSvc"]);
    expect(eventsOf(lab, "service.start-failed").some((e) => e.data.service === "BrokenSvc")).toBe(true);
  });

  it("restarts every host of a role, or of a list, once each", async () => {
    const lab = await buildTestLab();
    await runVerb(restartVerb, lab, { role: "dcs" });
    expect(lab.hosts().filter((h) => h.restarts > 0).map((h) => h.name)).toEqual(["DC01"]);
    await runVerb(restartVerb, lab, { hosts: ["web01", "WEB01.corp.example", "FS01"] });
    expect(lab.hosts().map((h) => h.restarts)).toEqual([1, 1, 0, 1, 0, 0]);
  });

  it("names its hosts for cross-reference checks, and refuses unclear targets", async () => {
    expect(restartVerb.refs!({ hosts: ["A", "B"] })).toEqual({ hosts: ["A", "B"] });
    expect(restartVerb.refs!({ role: "dcs" })).toEqual({ hosts: [] });
    expect(refusal(restartVerb, {})[0]).toMatch(/exactly one of host/);
    expect(refusal(restartVerb, { host: "A", role: "dcs" })[0]).toMatch(/exactly one of host/);
    expect(refusal(restartVerb, { role: "servers" })).toHaveLength(1);
    expect(refusal(restartVerb, { host: "A", after: 5 })).not.toEqual([]);
    expect(refusal(restartVerb, { host: "A" })).toEqual([]);
    const lab = await buildTestLab();
    await expect(runVerb(restartVerb, lab, { host: "NOPE" })).rejects.toThrow(/no host NOPE in the lab/);
    await expect(runVerb(restartVerb, lab, { role: "members" })).resolves.toBeUndefined();
  });
});
