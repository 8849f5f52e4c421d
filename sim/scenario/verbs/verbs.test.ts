import { describe, expect, it } from "vitest";
import { runScenario, validateScenario } from "../index.ts";
import { testRegistry, testWidget, widgetScenario } from "../test-product/index.ts";
import { advanceMs, advanceVerb, verifyVerb } from "./index.ts";

const registry = testRegistry();

describe("advance", () => {
  it("adds its units up, and refuses an empty or negative duration", () => {
    expect(advanceMs({ days: 1, hours: 2, minutes: 3, seconds: 4, ms: 5 })).toBe(86_400_000 + 7_200_000 + 180_000 + 4_000 + 5);
    const args = advanceVerb.args([testWidget]);
    expect(args.safeParse({}).success).toBe(false);
    expect(args.safeParse({ days: -1 }).success).toBe(false);
    expect(args.safeParse({ weeks: 1 }).success).toBe(false);
    expect(args.safeParse({ days: 30 }).success).toBe(true);
  });

  it("moves the lab clock and runs what falls due", async () => {
    const s = validateScenario({ ...widgetScenario(), plan: [{ advance: { days: 30 } }], expect: {} }, { registry });
    const r = await runScenario(s, { registry });
    const event = r.trace.find((e) => e.kind === "clock.advance")!;
    expect(event.data).toEqual({ ms: 30 * 86_400_000, eventsRun: 0 });
    expect(r.trace.at(-1)!.time).toBe(30 * 86_400_000);
  });
});

describe("verify", () => {
  it("accepts the product's verification names, one or a list, and nothing else", () => {
    const args = verifyVerb.args([testWidget]);
    expect(args.safeParse("ping").success).toBe(true);
    expect(args.safeParse(["ping", "ping"]).success).toBe(true);
    expect(args.safeParse([]).success).toBe(false);
    expect(args.safeParse("pong").success).toBe(false);
  });

  it("says so when a product has no verifications", () => {
    const args = verifyVerb.args([{ ...testWidget, verifications: [] }]);
    const result = args.safeParse("ping");
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("test-widget has no verifications");
  });

  it("runs the named verification: a broken widget is found at the verify step", async () => {
    const s = validateScenario({ ...widgetScenario(), plan: [{ install: { host: "APP01", version: "2.0" } }, { break: { host: "APP01" } }, { verify: ["ping"] }], expect: {} }, { registry });
    const r = await runScenario(s, { registry });
    expect(r.findings.map((f) => [f.rule, f.step])).toEqual([["test.runtime.ping", 2], ["test.runtime.ping", 3], ["test.runtime.ping", 4]]);
  });
});
