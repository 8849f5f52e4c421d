import { describe, expect, it } from "vitest";
import { LabError, createContext } from "../kernel/index.ts";
import { addService, kinds, makeScmLab, stateLog } from "./scm-test-kit.ts";
import { ServiceControlManager } from "./service-control-manager.ts";

describe("starting takes lab time", () => {
  it("goes START_PENDING at once and RUNNING after startDelayMs (default 500 ms)", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
    expect(lab.scm.get("Agent")!.state).toBe("START_PENDING");
    expect(lab.scm.get("Agent")!.pendingUntil).toBe(500);
    lab.context.clock.advance(499);
    expect(lab.scm.isRunning("Agent")).toBe(false);
    lab.context.clock.advance(1);
    expect(lab.scm.isRunning("Agent")).toBe(true);
    expect(lab.scm.get("Agent")!.pendingUntil).toBeUndefined();
  });

  it("tells a service's state as its status does, and nothing for one not installed", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    expect(lab.scm.state("agent")).toBe("STOPPED");
    lab.scm.start("Agent");
    expect(lab.scm.state("Agent")).toBe(lab.scm.get("Agent")!.state);
    lab.context.clock.advance(500);
    expect(lab.scm.state("AGENT")).toBe("RUNNING");
    expect(lab.scm.state("Missing")).toBeUndefined();
  });

  it("honours a per-service delay, and stopping takes stopDelayMs", () => {
    const lab = makeScmLab();
    addService(lab, "Slow", { startDelayMs: 5000, stopDelayMs: 2000 });
    lab.scm.start("Slow");
    lab.context.clock.advance(4999);
    expect(lab.scm.get("Slow")!.state).toBe("START_PENDING");
    lab.context.clock.advance(1);
    expect(lab.scm.stop("Slow")).toEqual({ ok: true });
    expect(lab.scm.get("Slow")!.state).toBe("STOP_PENDING");
    lab.context.clock.advance(1999);
    expect(lab.scm.get("Slow")!.state).toBe("STOP_PENDING");
    lab.context.clock.advance(1);
    expect(lab.scm.get("Slow")!.state).toBe("STOPPED");
    expect(stateLog(lab)).toEqual(["Slow:START_PENDING@0", "Slow:RUNNING@5000", "Slow:STOP_PENDING@5000", "Slow:STOPPED@7000"]);
  });

  it("starting a running or starting service succeeds without another transition", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
    lab.context.clock.advance(500);
    expect(lab.scm.start("agent")).toEqual({ ok: true });
    expect(stateLog(lab)).toEqual(["Agent:START_PENDING@0", "Agent:RUNNING@500"]);
  });

  it("names are case-insensitive and keep their original case", () => {
    const lab = makeScmLab();
    addService(lab, "PwdResetSvc");
    expect(lab.scm.start("pwdresetsvc")).toEqual({ ok: true });
    expect(lab.scm.get("PWDRESETSVC")!.config.name).toBe("PwdResetSvc");
  });

  it("an unknown service fails with 1060", () => {
    const lab = makeScmLab();
    expect(lab.scm.start("Nope")).toMatchObject({ ok: false, error: 1060 });
    expect(lab.scm.stop("Nope")).toMatchObject({ ok: false, error: 1060 });
  });
});

describe("reasons a service refuses to start, and starts once the cause is gone", () => {
  it("disabled: 1058", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { startType: "disabled" });
    expect(lab.scm.start("Agent")).toMatchObject({ ok: false, error: 1058 });
    expect(lab.scm.get("Agent")).toMatchObject({ state: "STOPPED", lastError: { error: 1058 } });
    lab.scm.configure("Agent", { startType: "manual" });
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
    expect(lab.scm.get("Agent")!.lastError).toBeUndefined();
  });

  it("missing executable: 2", () => {
    const lab = makeScmLab();
    lab.scm.create({ name: "Agent", binaryPath: "C:\\Program Files\\Lab\\agent.exe -k net", startType: "manual", account: "LocalSystem" });
    const refused = lab.scm.start("Agent");
    expect(refused).toMatchObject({ ok: false, error: 2 });
    expect(!refused.ok && refused.reason).toContain("C:\\Program Files\\Lab\\agent.exe");
    lab.files.add("c:\\program files\\lab\\agent.exe");
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
  });

  it("a fileExists callback that throws a LabError counts as a missing file, not a crash", () => {
    const scm = new ServiceControlManager(createContext(1), {
      host: "H",
      fileExists: () => {
        throw new LabError({ code: "INVALID_PATH", message: "bad path" });
      },
    });
    scm.create({ name: "S", binaryPath: "svc.exe", startType: "manual", account: "LocalSystem" });
    expect(scm.start("S")).toMatchObject({ ok: false, error: 2 });
  });

  it("wrong password or unknown account: 1069", () => {
    const lab = makeScmLab();
    addService(lab, "Pwd", { account: "CORP\\svc-pwd", password: "old-password" });
    addService(lab, "Ghost", { account: "ghost@corp.example", password: "x" });
    const wrong = lab.scm.start("Pwd");
    expect(wrong).toMatchObject({ ok: false, error: 1069 });
    expect(!wrong.ok && wrong.reason).toMatch(/^The service did not start due to a logon failure\..*bad password/);
    expect(lab.scm.start("Ghost")).toMatchObject({ ok: false, error: 1069 });
    lab.scm.configure("Pwd", { password: "Right-Passw0rd" });
    expect(lab.scm.start("Pwd")).toEqual({ ok: true });
  });

  it("a user account with no directory attached: 1069 until one is set", () => {
    const lab = makeScmLab({ withDirectory: false });
    addService(lab, "Pwd", { account: "CORP\\svc-pwd", password: "Right-Passw0rd" });
    expect(lab.scm.start("Pwd")).toMatchObject({ ok: false, error: 1069 });
    lab.scm.setAuthenticator(lab.directory);
    expect(lab.scm.start("Pwd")).toEqual({ ok: true });
  });

  it("a directory that cannot answer (throws a LabError) is a logon failure, 1069", () => {
    const lab = makeScmLab();
    addService(lab, "Pwd", { account: "CORP\\svc-pwd", password: "Right-Passw0rd" });
    lab.scm.setAuthenticator({
      logon: () => {
        throw new LabError({ code: "NO_LOGON_SERVERS", message: "no logon servers are available" });
      },
    });
    const refused = lab.scm.start("Pwd");
    expect(refused).toMatchObject({ ok: false, error: 1069 });
    expect(!refused.ok && refused.reason).toContain("no logon servers");
    lab.scm.setAuthenticator(lab.directory);
    expect(lab.scm.start("Pwd")).toEqual({ ok: true });
  });

  it("built-in accounts never ask the directory", () => {
    const lab = makeScmLab();
    addService(lab, "A", { account: "LocalSystem" });
    addService(lab, "B", { account: "NT AUTHORITY\\NetworkService" });
    addService(lab, "C", { account: "NT AUTHORITY\\LOCAL SERVICE" });
    for (const s of ["A", "B", "C"]) expect(lab.scm.start(s)).toEqual({ ok: true });
    expect(lab.logons).toEqual([]);
  });

  it("dependency failed: 1068, and the dependency's own failure is recorded", () => {
    const lab = makeScmLab();
    addService(lab, "Base", { startType: "disabled" });
    addService(lab, "App", { dependencies: ["base"] });
    expect(lab.scm.start("App")).toMatchObject({ ok: false, error: 1068 });
    expect(kinds(lab, "service.start-failed").map((d) => [d.service, d.error])).toEqual([
      ["Base", 1058],
      ["App", 1068],
    ]);
    lab.scm.configure("Base", { startType: "manual" });
    expect(lab.scm.start("App")).toEqual({ ok: true });
    lab.context.clock.runUntilIdle();
    expect(stateLog(lab)).toEqual(["Base:START_PENDING@0", "App:START_PENDING@0", "Base:RUNNING@500", "App:RUNNING@1000"]);
  });

  it("a dependency that is not installed: 1075, until it is", () => {
    const lab = makeScmLab();
    addService(lab, "App", { dependencies: ["Base"] });
    expect(lab.scm.start("App")).toMatchObject({ ok: false, error: 1075 });
    addService(lab, "Base");
    expect(lab.scm.start("App")).toEqual({ ok: true });
  });

  it("a dependency whose start fails later in the chain also fails the dependent", () => {
    const lab = makeScmLab();
    addService(lab, "Base", { account: "CORP\\svc-pwd", password: "nope" });
    addService(lab, "Mid", { dependencies: ["Base"] });
    addService(lab, "Top", { dependencies: ["Mid"] });
    expect(lab.scm.start("Top")).toMatchObject({ ok: false, error: 1068 });
    expect(lab.scm.get("Mid")!.lastError).toMatchObject({ error: 1068 });
    expect(lab.scm.get("Base")!.lastError).toMatchObject({ error: 1069 });
  });

  it("port held by another service: 10048, until that service stops", () => {
    const lab = makeScmLab();
    addService(lab, "Radius", { ports: [{ protocol: "udp", port: 1812 }] });
    addService(lab, "Rival", { ports: [{ protocol: "udp", port: 1812 }] });
    addService(lab, "TcpTwin", { ports: [{ protocol: "tcp", port: 1812 }] });
    lab.scm.start("Radius");
    lab.context.clock.advance(500);
    const clash = lab.scm.start("Rival");
    expect(clash).toMatchObject({ ok: false, error: 10048 });
    expect(!clash.ok && clash.reason).toContain('held by service "Radius"');
    expect(lab.scm.start("TcpTwin")).toEqual({ ok: true });
    lab.scm.stop("Radius");
    expect(lab.scm.start("Rival")).toMatchObject({ ok: false, error: 10048 });
    lab.context.clock.advance(300);
    expect(lab.scm.start("Rival")).toEqual({ ok: true });
  });

  it("port held by something outside the SCM: 10048, until it is released", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { ports: [{ protocol: "udp", port: 5100 }] });
    lab.foreignPorts.add("udp/5100");
    expect(lab.scm.start("Agent")).toMatchObject({ ok: false, error: 10048 });
    lab.foreignPorts.delete("udp/5100");
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
    expect(lab.scm.portsInUse()).toEqual([{ service: "Agent", protocol: "udp", port: 5100 }]);
  });
});

describe("trace", () => {
  it("records creation, every state change and every failure, with the host and component", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { account: "CORP\\svc-pwd", password: "wrong" });
    lab.scm.start("Agent");
    const events = lab.context.trace.events.map((e) => [e.host, e.component, e.kind]);
    expect(events).toEqual([
      ["APP01", "scm", "service.created"],
      ["APP01", "scm", "service.start-failed"],
    ]);
    expect(kinds(lab, "service.start-failed")[0]).toEqual({
      service: "Agent",
      error: 1069,
      reason: expect.stringContaining("bad password"),
    });
    lab.scm.configure("Agent", { password: "Right-Passw0rd" });
    lab.scm.start("Agent");
    lab.context.clock.advance(500);
    expect(kinds(lab, "service.state")).toEqual([
      { service: "Agent", from: "STOPPED", to: "START_PENDING" },
      { service: "Agent", from: "START_PENDING", to: "RUNNING" },
    ]);
  });

  it("never records a password", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { account: "CORP\\svc-pwd", password: "Secret-One-1" });
    lab.scm.start("Agent");
    lab.scm.configure("Agent", { password: "Right-Passw0rd" });
    lab.scm.start("Agent");
    expect(kinds(lab, "service.configured")).toEqual([{ service: "Agent", changed: ["password"] }]);
    const all = lab.context.trace.canonical();
    expect(all).not.toContain("Secret-One-1");
    expect(all).not.toContain("Right-Passw0rd");
    expect(JSON.stringify(lab.scm.list())).not.toContain("Right-Passw0rd");
    expect(lab.scm.get("Agent")!.hasPassword).toBe(true);
  });

  it("replays identically", () => {
    const run = (): string => {
      const lab = makeScmLab();
      addService(lab, "Base", { startType: "auto" });
      addService(lab, "App", { startType: "auto", dependencies: ["Base"], ports: [{ protocol: "tcp", port: 443 }] });
      lab.scm.boot();
      lab.context.clock.runUntilIdle();
      lab.scm.restart("Base", { force: true });
      lab.context.clock.runUntilIdle();
      return lab.context.trace.hash();
    };
    expect(run()).toBe(run());
  });
});
