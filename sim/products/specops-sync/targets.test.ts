import { describe, expect, it } from "vitest";
import { createContext } from "../../kernel/index.ts";
import { callProvider, PROVIDER_TIMEOUT_MS } from "./providers.ts";
import { passwordDigest, TargetSystems, type TargetMode } from "./targets.ts";

function targets(): TargetSystems {
  const ctx = createContext(1);
  return new TargetSystems(ctx);
}

const send = async (t: TargetSystems, name: string, mode?: TargetMode) => {
  if (mode) t.setMode(name, mode);
  return callProvider(t, t.require(name), "jdoe", "New-Pass-1!", "chg-1");
};

describe.each(["cloud", "hr"])("target %s through its provider (msw)", (name) => {
  it("stores the new password's digest when up", async () => {
    const t = targets();
    const outcome = await send(t, name);
    expect(outcome.ok).toBe(true);
    expect(t.received(name, "jdoe")?.digest).toBe(passwordDigest("jdoe", "New-Pass-1!"));
  });

  it("fails to connect when down, and stores nothing", async () => {
    const t = targets();
    const outcome = await send(t, name, { state: "down" });
    expect(outcome).toMatchObject({ ok: false, kind: "down" });
    expect(t.received(name, "jdoe")).toBeUndefined();
  });

  it("answers an error (HTTP 5xx or SOAP Fault) and stores nothing", async () => {
    const t = targets();
    const outcome = await send(t, name, { state: "error", status: 500 });
    expect(outcome).toMatchObject({ ok: false, kind: "error", status: 500 });
    expect(t.received(name, "jdoe")).toBeUndefined();
  });

  it("is slow in lab time: late under the timeout, given up (and rolled back) over it", async () => {
    const t = targets();
    const late = await send(t, name, { state: "slow", delayMs: 5_000 });
    expect(late).toMatchObject({ ok: true });
    expect(late.elapsedMs).toBeGreaterThanOrEqual(5_000);
    const t2 = targets();
    const over = await send(t2, name, { state: "slow", delayMs: PROVIDER_TIMEOUT_MS + 1_000 });
    expect(over).toMatchObject({ ok: false, kind: "timeout" });
    expect(t2.received(name, "jdoe")).toBeUndefined();
  });
});

describe("msw handlers shared by every lab", () => {
  it("never patch the global fetch: it is the real one before, during and after a call", async () => {
    const before = globalThis.fetch;
    const t = targets();
    const during = send(t, "cloud");
    expect(globalThis.fetch).toBe(before);
    await during;
    expect(globalThis.fetch).toBe(before);
  });

  it("answer each lab from its own targets: one lab's write is not seen by another, even concurrently", async () => {
    const a = targets();
    const b = targets();
    b.setMode("cloud", { state: "down" });
    const [toA, toB] = await Promise.all([send(a, "cloud"), send(b, "cloud")]);
    expect(toA.ok).toBe(true);
    expect(toB).toMatchObject({ ok: false, kind: "down" });
    expect(a.received("cloud", "jdoe")).toBeDefined();
    expect(b.received("cloud", "jdoe")).toBeUndefined();
    expect([a.requests("cloud"), b.requests("cloud")]).toEqual([1, 1]);
  });

  it("fail like an unreachable host for a URL no target of the lab serves", async () => {
    const t = targets();
    const elsewhere = { name: "cloud", kind: "cloud-directory" as const, baseUrl: "https://elsewhere.example" };
    const outcome = await callProvider(t, elsewhere, "jdoe", "New-Pass-1!", "chg-1");
    expect(outcome).toMatchObject({ ok: false, kind: "down" });
    expect(outcome.ok ? "" : outcome.detail).toBe("connection to https://elsewhere.example failed: Failed to fetch");
    expect(t.requests("cloud")).toBe(0);
    expect(t.received("cloud", "jdoe")).toBeUndefined();
  });

  it("reads the product faults when no mode is set", async () => {
    const ctx = createContext(1, new Map([["sps-target-down", { name: "sps-target-down", description: "", mechanism: "", params: { target: { default: "cloud", description: "" } }, trips: [] }]]));
    const t = new TargetSystems(ctx);
    expect(t.mode("cloud")).toEqual({ state: "up" });
    ctx.faults.activate("sps-target-down", { target: "cloud" });
    expect(t.mode("cloud")).toEqual({ state: "down" });
    expect(t.mode("hr")).toEqual({ state: "up" });
  });
});
