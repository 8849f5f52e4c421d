import { describe, expect, it } from "vitest";
import { restartVerb } from "./restart.ts";
import { serviceVerb } from "./service.ts";
import { buildTestLab, eventsOf, installService, refusal, runVerb } from "./verb-test-kit.ts";

describe("service", () => {
  it("starts, stops and restarts, waiting until the service settles", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "AprSvc", { startType: "manual" });
    const scm = lab.host("APP01").services;
    await runVerb(serviceVerb, lab, { host: "APP01", name: "aprsvc", action: "start" });
    expect(scm.get("AprSvc")!.state).toBe("RUNNING");
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ service: "AprSvc", action: "start", ok: true, state: "RUNNING", waitedMs: 500 });
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", action: "restart" });
    expect(scm.get("AprSvc")!.state).toBe("RUNNING");
    expect(eventsOf(lab, "estate.service").at(-1)!.data.waitedMs).toBe(800);
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", action: "stop" });
    expect(scm.get("AprSvc")!.state).toBe("STOPPED");
  });

  it("a refused start is traced with its Windows error, not thrown", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "AprSvc", { startType: "disabled" });
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: false, error: 1058, state: "STOPPED" });
    expect(eventsOf(lab, "service.start-failed").at(-1)!.data.service).toBe("AprSvc");
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", startType: "manual", action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: true, state: "RUNNING", configured: ["startType"] });
  });

  it("sets Log On As: the right password starts, a wrong one fails with 1069, no password keeps the stored one", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "AprSvc", { startType: "manual" });
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", account: { user: "CORP\\svc-app", password: "wrong" }, action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: false, error: 1069, configured: ["account"] });
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", account: { user: "CORP\\svc-app", password: "Service-2026!x" }, action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: true, state: "RUNNING" });
    expect(lab.host("APP01").services.get("AprSvc")!.config.account).toBe("CORP\\svc-app");
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", account: { user: "svc-app@corp.example" }, action: "restart" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: true, state: "RUNNING" });
    expect(JSON.stringify(lab.trace.events)).not.toContain("Service-2026!x");
  });

  it("a start type set by the step decides what comes back at restart", async () => {
    const lab = await buildTestLab();
    installService(lab, "APP01", "AprSvc");
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", startType: "manual" });
    await runVerb(restartVerb, lab, { host: "APP01" });
    expect(lab.host("APP01").services.get("AprSvc")!.state).toBe("STOPPED");
    await runVerb(serviceVerb, lab, { host: "APP01", name: "AprSvc", startType: "auto" });
    await runVerb(restartVerb, lab, { host: "APP01" });
    expect(lab.host("APP01").services.get("AprSvc")!.state).toBe("RUNNING");
  });

  it("refuses an unknown service by name, listing the installed ones, and steps that do nothing", async () => {
    expect(refusal(serviceVerb, { host: "A", name: "S" })[0]).toMatch(/action, account and\/or startType/);
    expect(refusal(serviceVerb, { host: "A", name: "S", action: "pause" })).not.toEqual([]);
    expect(refusal(serviceVerb, { host: "A", name: "S", startType: "boot" })).not.toEqual([]);
    expect(refusal(serviceVerb, { host: "A", name: "S", action: "start" })).toEqual([]);
    const lab = await buildTestLab();
    installService(lab, "APP01", "AprSvc");
    await expect(runVerb(serviceVerb, lab, { host: "APP01", name: "Nope", action: "start" })).rejects.toThrow(/no service "Nope" on APP01; installed: AprSvc/);
  });
});
