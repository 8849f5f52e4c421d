import { describe, expect, it } from "vitest";
import type { Finding } from "../product/index.ts";
import { judge, type Expectation } from "./index.ts";

function finding(rule: string, step: number, severity: Finding["severity"] = "broken", host?: string): Finding {
  return { rule, step, severity, ...(host ? { host } : {}), message: "m", remedy: "r", source: { file: "f", section: "s" }, evidence: [] };
}

const none: Expectation = { findings: [], absent: [] };

describe("judge", () => {
  it("passes when every listed finding occurs", () => {
    const v = judge({ findings: [{ rule: "a", step: 2, severity: "broken", host: "H" }], absent: [] }, [finding("a", 2, "broken", "H")], undefined, 3);
    expect(v).toEqual({ ok: true, missing: [], unexpected: [], forbidden: [] });
  });

  it("fails on a missing finding, and not when it is present", () => {
    const expectation: Expectation = { findings: [{ rule: "a" }], absent: [] };
    expect(judge(expectation, [], undefined, 2).missing).toEqual([{ expected: { rule: "a" }, near: [] }]);
    expect(judge(expectation, [finding("a", 1, "warning")], undefined, 2).ok).toBe(true);
  });

  it("reports a mis-stepped finding as missing with the finding found elsewhere", () => {
    const found = finding("a", 3);
    const v = judge({ findings: [{ rule: "a", step: 2 }], absent: [] }, [found], undefined, 3);
    expect(v.ok).toBe(false);
    expect(v.missing).toEqual([{ expected: { rule: "a", step: 2 }, near: [found] }]);
    // and the misplaced broken finding is itself unlisted
    expect(v.unexpected).toEqual([found]);
  });

  it("matches severity and host when given", () => {
    const expectation: Expectation = { findings: [{ rule: "a", severity: "blocked", host: "H1" }], absent: [] };
    expect(judge(expectation, [finding("a", 1, "broken", "H1")], undefined, 1).ok).toBe(false);
    expect(judge(expectation, [finding("a", 1, "blocked", "H2")], undefined, 1).ok).toBe(false);
    expect(judge(expectation, [finding("a", 1, "blocked", "H1")], undefined, 1).ok).toBe(true);
    expect(judge(expectation, [finding("a", 1, "blocked", "h1.corp.example")], undefined, 1).ok).toBe(true);
    expect(judge(expectation, [finding("a", 1, "blocked")], undefined, 1).ok).toBe(false);
  });

  it("fails on an unlisted broken or blocked finding, not on an unlisted warning", () => {
    expect(judge(none, [finding("x", 1, "broken")], undefined, 1).unexpected).toHaveLength(1);
    expect(judge(none, [finding("x", 1, "blocked")], undefined, 1).unexpected).toHaveLength(1);
    expect(judge(none, [finding("x", 1, "warning"), finding("y", 1, "info")], undefined, 1)).toMatchObject({ ok: true, unexpected: [] });
  });

  it("judges the final checks' findings through `final` when the scenario states it, like any finding otherwise", () => {
    const atFinal = [finding("x", 3, "broken")];
    expect(judge({ findings: [], final: "broken", absent: [] }, atFinal, "broken", 2).ok).toBe(true);
    expect(judge(none, atFinal, "broken", 2).unexpected).toEqual(atFinal);
  });

  it("fails on a final mismatch, and not when the final state matches", () => {
    const v = judge({ findings: [], final: "healthy", absent: [] }, [], "degraded", 1);
    expect(v).toMatchObject({ ok: false, final: { expected: "healthy", actual: "degraded" } });
    expect(judge({ findings: [], final: "degraded", absent: [] }, [], "degraded", 1).ok).toBe(true);
  });

  it("fails when an absent rule fires, even as a warning", () => {
    const w = finding("quiet", 1, "warning");
    expect(judge({ findings: [], absent: ["quiet"] }, [w], undefined, 1)).toMatchObject({ ok: false, forbidden: [w] });
    expect(judge({ findings: [], absent: ["quiet"] }, [finding("other", 1, "warning")], undefined, 1).ok).toBe(true);
  });
});
