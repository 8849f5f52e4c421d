import { describe, expect, it } from "vitest";
import { addService, makeScmLab, stateLog } from "./scm-test-kit.ts";
import type { ServiceState } from "./service-types.ts";

describe("boot", () => {
  it("starts auto services after their dependencies, and leaves manual and disabled ones", () => {
    const lab = makeScmLab();
    // Created in the wrong order on purpose: boot order must come from dependencies.
    addService(lab, "App", { startType: "auto", dependencies: ["Db", "Cache"] });
    addService(lab, "Cache", { startType: "auto", dependencies: ["Db"] });
    addService(lab, "Db", { startType: "auto", startDelayMs: 1000 });
    addService(lab, "Tool", { startType: "manual" });
    addService(lab, "Old", { startType: "disabled" });
    const results = lab.scm.boot();
    expect(results).toEqual([
      { service: "Db", ok: true },
      { service: "Cache", ok: true },
      { service: "App", ok: true },
    ]);
    lab.context.clock.runUntilIdle();
    expect(stateLog(lab).filter((s) => s.includes("RUNNING"))).toEqual(["Db:RUNNING@1000", "Cache:RUNNING@1500", "App:RUNNING@2000"]);
    expect(lab.scm.get("Tool")!.state).toBe("STOPPED");
    expect(lab.scm.get("Old")!.state).toBe("STOPPED");
  });

  it("pulls in a manual dependency of an auto service", () => {
    const lab = makeScmLab();
    addService(lab, "Lib", { startType: "manual" });
    addService(lab, "App", { startType: "auto", dependencies: ["Lib"] });
    lab.scm.boot();
    lab.context.clock.runUntilIdle();
    expect(lab.scm.isRunning("Lib")).toBe(true);
  });

  it("starts auto-delayed services 120 s after boot by default", () => {
    const lab = makeScmLab();
    addService(lab, "Now", { startType: "auto" });
    addService(lab, "Later", { startType: "auto-delayed" });
    lab.scm.boot();
    lab.context.clock.advance(500);
    expect(lab.scm.isRunning("Now")).toBe(true);
    expect(lab.scm.get("Later")!.state).toBe("START_PENDING");
    lab.context.clock.advance(120_000 - 1);
    expect(lab.scm.isRunning("Later")).toBe(false);
    lab.context.clock.advance(1);
    expect(lab.scm.isRunning("Later")).toBe(true);
  });

  it("reports each failure and still starts the rest", () => {
    const lab = makeScmLab();
    addService(lab, "Good", { startType: "auto" });
    addService(lab, "Pwd", { startType: "auto", account: "CORP\\svc-pwd", password: "stale" });
    const results = lab.scm.boot();
    expect(results).toEqual([
      { service: "Good", ok: true },
      { service: "Pwd", ok: false, error: 1069, reason: expect.any(String) },
    ]);
  });
});

describe("shutdown", () => {
  it("stops everything at once, dependents before dependencies, and a later boot brings auto services back", () => {
    const lab = makeScmLab();
    addService(lab, "Db", { startType: "auto" });
    addService(lab, "App", { startType: "auto", dependencies: ["Db"] });
    addService(lab, "Tool", { startType: "manual" });
    lab.scm.boot();
    lab.scm.start("Tool");
    lab.context.clock.runUntilIdle();
    const t = lab.context.clock.now();
    const mark = lab.context.trace.length;
    lab.scm.shutdown();
    expect(lab.scm.list().every((s) => s.state === "STOPPED")).toBe(true);
    expect(lab.context.clock.now()).toBe(t);
    const stops = lab.context.trace.since(mark).filter((e) => e.data.to === "STOPPED").map((e) => e.data.service);
    expect(stops.indexOf("App")).toBeLessThan(stops.indexOf("Db"));
    expect(lab.scm.portsInUse()).toEqual([]);
    lab.scm.boot();
    lab.context.clock.runUntilIdle();
    expect(lab.scm.list().map((s) => [s.config.name, s.state])).toEqual([
      ["App", "RUNNING"],
      ["Db", "RUNNING"],
      ["Tool", "STOPPED"],
    ]);
  });

  it("abandons pending starts so nothing reaches RUNNING afterwards", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { startType: "auto" });
    lab.scm.boot();
    lab.scm.shutdown();
    lab.context.clock.runUntilIdle();
    expect(lab.scm.get("Agent")!.state).toBe("STOPPED");
    expect(lab.context.clock.pending()).toEqual([]);
  });
});

describe("state listeners", () => {
  it("hear every change, in order, until unsubscribed", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    const heard: string[] = [];
    const off = lab.scm.onStateChange((name, state) => heard.push(`${name}:${state}`));
    lab.scm.start("agent");
    lab.context.clock.advance(500);
    off();
    lab.scm.stop("Agent");
    lab.context.clock.advance(300);
    expect(heard).toEqual(["Agent:START_PENDING", "Agent:RUNNING"]);
  });

  it("may act on the SCM from inside a notification", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    addService(lab, "Companion");
    lab.scm.onStateChange((name, state: ServiceState) => {
      if (name === "Agent" && state === "RUNNING") lab.scm.start("Companion");
    });
    lab.scm.start("Agent");
    lab.context.clock.runUntilIdle();
    expect(lab.scm.isRunning("Companion")).toBe(true);
    expect(stateLog(lab)).toEqual(["Agent:START_PENDING@0", "Agent:RUNNING@500", "Companion:START_PENDING@500", "Companion:RUNNING@1000"]);
  });

  it("a listener can crash a service the moment it runs (a product with a bad config)", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.onStateChange((name, state) => {
      if (state === "RUNNING") lab.scm.crash(name, "config.xml is malformed");
    });
    lab.scm.start("Agent");
    lab.context.clock.runUntilIdle();
    expect(lab.scm.get("Agent")).toMatchObject({ state: "STOPPED", lastError: { error: 1067 } });
  });
});
