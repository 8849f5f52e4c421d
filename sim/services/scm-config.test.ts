import { describe, expect, it } from "vitest";
import { createContext, isLabError, type LabError } from "../kernel/index.ts";
import { addService, kinds, makeScmLab } from "./scm-test-kit.ts";
import { ServiceControlManager } from "./service-control-manager.ts";
import type { ServiceConfig } from "./service-types.ts";

function errorOf(run: () => unknown): LabError | undefined {
  try {
    run();
  } catch (error) {
    if (isLabError(error)) return error;
    throw error;
  }
  return undefined;
}

const base: ServiceConfig = { name: "Agent", binaryPath: "C:\\a.exe", startType: "manual", account: "LocalSystem" };

describe("create", () => {
  it("refuses bad settings with a code and the field named", () => {
    const lab = makeScmLab();
    const cases: [Partial<ServiceConfig> & Record<string, unknown>, string, RegExp][] = [
      [{ name: "" }, "INVALID_SERVICE_NAME", /service name/],
      [{ name: "a\\b" }, "INVALID_SERVICE_NAME", /service name/],
      [{ binaryPath: " " }, "INVALID_SERVICE_CONFIG", /binaryPath/],
      [{ startType: "boot" as never }, "INVALID_SERVICE_CONFIG", /startType/],
      [{ account: "svc-pwd" }, "INVALID_SERVICE_ACCOUNT", /svc-pwd/],
      [{ ports: [{ protocol: "udp", port: 70000 }] }, "INVALID_SERVICE_CONFIG", /port/],
      [{ ports: [{ protocol: "udp", port: 1 }, { protocol: "udp", port: 1 }] }, "INVALID_SERVICE_CONFIG", /twice/],
      [{ startDelayMs: -1 }, "INVALID_SERVICE_CONFIG", /startDelayMs/],
      [{ stopDelayMs: Number.NaN }, "INVALID_SERVICE_CONFIG", /stopDelayMs/],
      [{ dependencies: ["agent"] }, "CIRCULAR_DEPENDENCY", /itself/],
      [{ startTyp: "auto" }, "INVALID_SERVICE_CONFIG", /unknown setting "startTyp"/],
    ];
    for (const [patch, code, message] of cases) {
      const error = errorOf(() => lab.scm.create({ ...base, ...patch } as ServiceConfig));
      expect(error?.code, JSON.stringify(patch)).toBe(code);
      expect(error?.message).toMatch(message);
    }
    expect(lab.scm.list()).toEqual([]);
    expect(errorOf(() => lab.scm.create(base))).toBeUndefined();
  });

  it("refuses a second service of the same name, whatever its case", () => {
    const lab = makeScmLab();
    lab.scm.create(base);
    expect(errorOf(() => lab.scm.create({ ...base, name: "AGENT" }))?.code).toBe("SERVICE_EXISTS");
  });

  it("refuses a name still held by a service marked for deletion", () => {
    const lab = makeScmLab();
    addService(lab, "Agent");
    lab.scm.start("Agent");
    lab.context.clock.advance(500);
    lab.scm.delete("Agent");
    expect(errorOf(() => lab.scm.create(base))?.code).toBe("SERVICE_MARKED_FOR_DELETE");
    lab.scm.stop("Agent");
    lab.context.clock.advance(300);
    expect(errorOf(() => lab.scm.create(base))).toBeUndefined();
  });

  it("refuses a dependency cycle through other services", () => {
    const lab = makeScmLab();
    lab.scm.create({ ...base, name: "A", dependencies: ["B"] });
    lab.scm.create({ ...base, name: "B", dependencies: ["C"] });
    const error = errorOf(() => lab.scm.create({ ...base, name: "C", dependencies: ["a"] }));
    expect(error?.code).toBe("CIRCULAR_DEPENDENCY");
    expect(error?.details.cycle).toEqual(["c", "a", "b", "c"]);
    expect(errorOf(() => lab.scm.create({ ...base, name: "C", dependencies: ["D"] }))).toBeUndefined();
  });

  it("fills defaults and never shows the password", () => {
    const lab = makeScmLab();
    lab.scm.create({ ...base, account: "CORP\\svc-pwd", password: "Pw-1" });
    const status = lab.scm.get("Agent")!;
    expect(status.config).toEqual({
      name: "Agent",
      displayName: "Agent",
      binaryPath: "C:\\a.exe",
      startType: "manual",
      account: "CORP\\svc-pwd",
      dependencies: [],
      ports: [],
      startDelayMs: 500,
      stopDelayMs: 300,
    });
    expect(status).toMatchObject({ hasPassword: true, markedForDelete: false, state: "STOPPED" });
    expect(kinds(lab, "service.created")[0]).not.toHaveProperty("password");
  });
});

describe("configure", () => {
  it("changes settings and records the field names", () => {
    const lab = makeScmLab();
    lab.scm.create(base);
    lab.scm.configure("agent", { startType: "auto", account: "NT AUTHORITY\\NetworkService", binaryPath: "D:\\b.exe" });
    expect(lab.scm.get("Agent")!.config).toMatchObject({ startType: "auto", account: "NT AUTHORITY\\NetworkService", binaryPath: "D:\\b.exe" });
    expect(kinds(lab, "service.configured")).toEqual([{ service: "Agent", changed: ["account", "binaryPath", "startType"] }]);
  });

  it("keeps the password when only the account changes, as ChangeServiceConfig does", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { account: "CORP\\other", password: "Right-Passw0rd" });
    lab.scm.configure("Agent", { account: "CORP\\svc-pwd" });
    expect(lab.scm.start("Agent")).toEqual({ ok: true });
  });

  it("refuses an unknown service, a rename, a bad value and a cycle, changing nothing", () => {
    const lab = makeScmLab();
    lab.scm.create({ ...base, name: "A" });
    lab.scm.create({ ...base, name: "B", dependencies: ["A"] });
    expect(errorOf(() => lab.scm.configure("Z", { startType: "auto" }))?.code).toBe("SERVICE_NOT_FOUND");
    expect(errorOf(() => lab.scm.configure("A", { name: "A2" }))?.code).toBe("INVALID_SERVICE_CONFIG");
    expect(errorOf(() => lab.scm.configure("A", { account: "nobody" }))?.code).toBe("INVALID_SERVICE_ACCOUNT");
    expect(errorOf(() => lab.scm.configure("A", { dependencies: ["B"] }))?.code).toBe("CIRCULAR_DEPENDENCY");
    expect(lab.scm.get("A")!.config).toMatchObject({ account: "LocalSystem", dependencies: [] });
    expect(errorOf(() => lab.scm.configure("a", { name: "A", description: "ok" }))).toBeUndefined();
  });

  it("a running service keeps its ports until its next start", () => {
    const lab = makeScmLab();
    addService(lab, "Agent", { ports: [{ protocol: "udp", port: 5100 }] });
    lab.scm.start("Agent");
    lab.scm.configure("Agent", { ports: [{ protocol: "udp", port: 5200 }] });
    expect(lab.scm.portsInUse()).toEqual([{ service: "Agent", protocol: "udp", port: 5100 }]);
    lab.context.clock.advance(500);
    lab.scm.restart("Agent");
    lab.context.clock.runUntilIdle();
    expect(lab.scm.portsInUse()).toEqual([{ service: "Agent", protocol: "udp", port: 5200 }]);
  });
});

describe("construction", () => {
  it("needs a host and a fileExists callback", () => {
    const context = createContext(1);
    expect(errorOf(() => new ServiceControlManager(context, { host: "", fileExists: () => true }))?.code).toBe("INVALID_ARGUMENT");
    expect(errorOf(() => new ServiceControlManager(context, { host: "H" } as never))?.code).toBe("INVALID_ARGUMENT");
    expect(errorOf(() => new ServiceControlManager(context, { host: "H", fileExists: () => true, delayedAutoStartMs: -5 }))?.code).toBe("INVALID_ARGUMENT");
    expect(errorOf(() => new ServiceControlManager(context, { host: "H", fileExists: () => true }))).toBeUndefined();
  });
});
