import { describe, expect, it } from "vitest";
import { addService, kinds, makeScmLab, stateLog, type ScmTestLab } from "./scm-test-kit.ts";

/** Base <- Mid <- Top, all running. */
function runningChain(): ScmTestLab {
  const lab = makeScmLab();
  addService(lab, "Base");
  addService(lab, "Mid", { dependencies: ["Base"] });
  addService(lab, "Top", { dependencies: ["Mid"] });
  lab.scm.start("Top");
  lab.context.clock.runUntilIdle();
  return lab;
}

describe("stop", () => {
  it("refuses with 1051 while dependents run, and changes nothing", () => {
    const lab = runningChain();
    const before = lab.context.trace.length;
    const refused = lab.scm.stop("Base");
    expect(refused).toMatchObject({ ok: false, error: 1051 });
    expect(!refused.ok && refused.reason).toContain("Mid, Top");
    expect(lab.scm.list().map((s) => s.state)).toEqual(["RUNNING", "RUNNING", "RUNNING"]);
    expect(lab.context.trace.since(before).map((e) => e.kind)).toEqual(["service.stop-failed"]);
  });

  it("with force, stops dependents first, each after its own delay", () => {
    const lab = runningChain();
    const t = lab.context.clock.now();
    expect(lab.scm.stop("Base", { force: true })).toEqual({ ok: true });
    lab.context.clock.runUntilIdle();
    const stopped = stateLog(lab).filter((s) => s.includes(":STOPPED@"));
    expect(stopped).toEqual([`Top:STOPPED@${t + 300}`, `Mid:STOPPED@${t + 600}`, `Base:STOPPED@${t + 900}`]);
  });

  it("stops a service whose dependents are already stopped without force", () => {
    const lab = runningChain();
    lab.scm.stop("Top");
    lab.context.clock.advance(300);
    lab.scm.stop("Mid");
    lab.context.clock.advance(300);
    expect(lab.scm.stop("Base")).toEqual({ ok: true });
  });

  it("refuses with 1061 while the service is still starting, and accepts once it runs", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    expect(lab.scm.stop("Agent")).toMatchObject({ ok: false, error: 1061 });
    lab.context.clock.advance(500);
    expect(lab.scm.stop("Agent")).toEqual({ ok: true });
  });

  it("stopping a stopped service is a quiet success", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    expect(lab.scm.stop("Agent")).toEqual({ ok: true });
    expect(stateLog(lab)).toEqual([]);
  });

  it("a start during STOP_PENDING is refused with 1061", () => {
    const lab = runningChain();
    lab.scm.stop("Top");
    expect(lab.scm.start("Top")).toMatchObject({ ok: false, error: 1061 });
    lab.context.clock.advance(300);
    expect(lab.scm.start("Top")).toEqual({ ok: true });
  });
});

describe("restart", () => {
  it("stops, then starts again, taking both delays", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    lab.context.clock.advance(500);
    expect(lab.scm.restart("Agent")).toEqual({ ok: true });
    lab.context.clock.runUntilIdle();
    expect(stateLog(lab).slice(2)).toEqual(["Agent:STOP_PENDING@500", "Agent:STOPPED@800", "Agent:START_PENDING@800", "Agent:RUNNING@1300"]);
  });

  it("after the password changed in the directory, answers 1069 and the service stays down", () => {
    const lab = makeScmLab();
    addService(lab, "Pwd", { account: "CORP\\svc-pwd", password: "Right-Passw0rd" });
    lab.scm.start("Pwd");
    lab.context.clock.advance(500);
    lab.passwords.set("CORP\\svc-pwd", "Rotated-1");
    expect(lab.scm.restart("Pwd")).toMatchObject({ ok: false, error: 1069 });
    lab.context.clock.runUntilIdle();
    expect(lab.scm.get("Pwd")).toMatchObject({ state: "STOPPED", lastError: { error: 1069 } });
    expect(kinds(lab, "service.start-failed").map((d) => d.error)).toEqual([1069]);
  });

  it("does not count the service's own ports as taken", () => {
    const lab = makeScmLab();
    addService(lab, "Radius", { ports: [{ protocol: "udp", port: 1812 }] });
    lab.scm.start("Radius");
    lab.context.clock.advance(500);
    expect(lab.scm.restart("Radius")).toEqual({ ok: true });
    lab.context.clock.runUntilIdle();
    expect(lab.scm.isRunning("Radius")).toBe(true);
  });

  it("with running dependents, refuses with 1051 unless forced; forced, it brings them back", () => {
    const lab = runningChain();
    expect(lab.scm.restart("Base")).toMatchObject({ ok: false, error: 1051 });
    expect(lab.scm.isRunning("Base")).toBe(true);
    expect(lab.scm.restart("Base", { force: true })).toEqual({ ok: true });
    lab.context.clock.runUntilIdle();
    expect(lab.scm.list().map((s) => [s.config.name, s.state])).toEqual([
      ["Base", "RUNNING"],
      ["Mid", "RUNNING"],
      ["Top", "RUNNING"],
    ]);
    const running = stateLog(lab).filter((s) => s.includes(":RUNNING@")).slice(3);
    expect(running).toEqual(["Base:RUNNING@2900", "Mid:RUNNING@3400", "Top:RUNNING@3900"]);
  });

  it("is refused with 1061 while the service is starting", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    expect(lab.scm.restart("Agent")).toMatchObject({ ok: false, error: 1061 });
  });

  it("of a stopped service is a plain start", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    expect(lab.scm.restart("Agent")).toEqual({ ok: true });
    expect(lab.scm.get("Agent")!.state).toBe("START_PENDING");
  });
});

describe("crash", () => {
  it("stops the service at once with 1067 and frees its ports", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { ports: [{ protocol: "tcp", port: 8443 }] });
    lab.scm.start("Agent");
    lab.context.clock.advance(500);
    expect(lab.scm.crash("Agent", "unhandled exception in worker")).toBe(true);
    expect(lab.scm.get("Agent")).toMatchObject({ state: "STOPPED", lastError: { error: 1067 } });
    expect(lab.scm.portsInUse()).toEqual([]);
    expect(kinds(lab, "service.crashed")).toHaveLength(1);
    expect(lab.scm.crash("Agent", "again")).toBe(false);
  });

  it("fails a dependent that was waiting for the crashed service with 1068", () => {
    const lab = makeScmLab();
    addService(lab, "Base");
    addService(lab, "App", { dependencies: ["Base"] });
    lab.scm.start("App");
    lab.context.clock.advance(200);
    lab.scm.crash("Base", "bad configuration file");
    lab.context.clock.runUntilIdle();
    expect(lab.scm.get("App")).toMatchObject({ state: "STOPPED", lastError: { error: 1068 } });
  });

  it("a dependent whose dependency stayed up reaches RUNNING", () => {
    const lab = makeScmLab();
    addService(lab, "Base");
    addService(lab, "App", { dependencies: ["Base"] });
    lab.scm.start("App");
    lab.context.clock.runUntilIdle();
    expect(lab.scm.isRunning("App")).toBe(true);
  });
});

describe("delete", () => {
  it("removes a stopped service at once", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    expect(lab.scm.delete("agent")).toBe(true);
    expect(lab.scm.get("Agent")).toBeUndefined();
    expect(lab.scm.delete("Agent")).toBe(false);
  });

  it("marks a running service; it cannot be restarted and disappears when stopped", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    lab.context.clock.advance(500);
    expect(lab.scm.delete("Agent")).toBe(true);
    expect(lab.scm.get("Agent")).toMatchObject({ state: "RUNNING", markedForDelete: true });
    expect(lab.scm.restart("Agent")).toMatchObject({ ok: false, error: 1072 });
    lab.context.clock.runUntilIdle();
    expect(lab.scm.get("Agent")).toBeUndefined();
    expect(kinds(lab, "service.deleted")).toEqual([{ service: "Agent" }]);
  });
});
