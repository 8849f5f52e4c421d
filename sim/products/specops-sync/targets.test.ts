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

describe("msw interception", () => {
  it("is active only during the provider's call: fetch is the real one before and after", async () => {
    const before = globalThis.fetch;
    const t = targets();
    await send(t, "cloud");
    expect(globalThis.fetch).toBe(before);
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
