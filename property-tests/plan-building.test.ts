import { describe, expect, it } from "vitest";
import { interleave } from "./interleave.ts";
import { CAUSE, dropFirst, expectedStep, isStep, moveBefore, moveToFront, tagFirst } from "./plan-edits.ts";
import { items, stepOfTag, verbOf, type RawStep } from "./plan-steps.ts";
import { stepsOf, withUnrelated, type UnrelatedSteps } from "./unrelated-steps.ts";

const plan: RawStep[] = [{ stop: { host: "A" } }, { backup: { host: "A" } }, { upgrade: { host: "A" } }, { upgrade: { host: "B" } }, { verify: "flows" }];
const verbs = (steps: readonly RawStep[]) => steps.map(verbOf);

describe("interleave", () => {
  it("keeps the base in order and puts extras before the item of their index, wrapping past the end", () => {
    expect(interleave([1, 2, 3], [{ at: 0, item: 10 }, { at: 3, item: 30 }, { at: 1, item: 11 }, { at: 1, item: 12 }, { at: 5, item: 50 }])).toEqual([10, 1, 11, 12, 50, 2, 3, 30]);
    expect(interleave([1, 2], [])).toEqual([1, 2]);
  });
});

describe("plan edits tag where the breaking happens", () => {
  it("dropFirst removes the first match and tags the step after it; no match gives undefined", () => {
    const dropped = dropFirst(plan, isStep("backup"))!;
    expect(verbs(stepsOf(dropped))).toEqual(["stop", "upgrade", "upgrade", "verify"]);
    expect(stepOfTag(dropped, CAUSE)).toBe(2);
    expect(dropFirst(plan, isStep("restore"))).toBeUndefined();
  });

  it("tagFirst can rewrite the tagged step; isStep matches args", () => {
    const tagged = tagFirst(plan, isStep("upgrade", { host: "B" }), () => ({ upgrade: { host: "B", to: "9" } }))!;
    expect(stepOfTag(tagged, CAUSE)).toBe(4);
    expect(tagged[3]!.step).toEqual({ upgrade: { host: "B", to: "9" } });
  });

  it("moveToFront puts the step first and tags the use after it; moveBefore only moves a step later in the plan", () => {
    const front = moveToFront(plan, isStep("upgrade", { host: "B" }), { verify: "reset" })!;
    expect(stepsOf(front).slice(0, 2)).toEqual([{ upgrade: { host: "B" } }, { verify: "reset" }]);
    expect(stepOfTag(front, CAUSE)).toBe(2);
    const moved = moveBefore(plan, isStep("upgrade", { host: "B" }), isStep("upgrade", { host: "A" }))!;
    expect(stepsOf(moved).slice(2, 4)).toEqual([{ upgrade: { host: "B" } }, { upgrade: { host: "A" } }]);
    expect(stepOfTag(moved, CAUSE)).toBe(3);
    expect(moveBefore(plan, isStep("stop"), isStep("verify"))).toBeUndefined();
  });

  it("expectedStep: the cause itself, the first verify naming an observer at or after it, else the final checks", () => {
    const dropped = dropFirst(plan, isStep("backup"))!;
    expect(expectedStep(dropped, "cause")).toBe(2);
    expect(expectedStep(dropped, ["flows"])).toBe(4);
    expect(expectedStep(dropped, ["client"])).toBe(5);
    expect(expectedStep(items(plan), ["flows"])).toBe(6);
  });
});

describe("unrelated steps", () => {
  const extras: UnrelatedSteps = {
    anywhere: [{ at: 2, item: { kind: "registry", host: 1, n: 7 } }, { at: 0, item: { kind: "advance", minutes: 30 } }],
    verifications: [{ before: true, offset: 0, names: [0] }, { before: false, offset: 1, names: [1, 0] }],
  };

  it("go anywhere, verifications only first or after the last action, tags kept", () => {
    const tagged = tagFirst(plan, isStep("upgrade", { host: "B" }))!;
    const out = withUnrelated(tagged, extras, ["H1", "H2"], ["enroll", "reset"]);
    expect(verbs(stepsOf(out))).toEqual(["advance", "verify", "stop", "backup", "registry", "upgrade", "upgrade", "verify", "verify"]);
    expect(out[4]!.step).toEqual({ registry: { host: "H2", set: { key: "HKLM\\SOFTWARE\\Contoso\\Inventory", name: "Asset7", value: "A-1007" } } });
    expect(out[1]!.step).toEqual({ verify: "enroll" });
    expect(out[8]!.step).toEqual({ verify: ["reset", "enroll"] });
    expect(stepOfTag(out, CAUSE)).toBe(7);
  });

  it("no verification goes first when the estate does not work before the upgrade", () => {
    const out = withUnrelated(items(plan), extras, ["H1"], ["enroll", "reset"], false);
    expect(verbOf(out[1]!.step)).toBe("stop");
    expect(verbs(stepsOf(out)).filter((v) => v === "verify")).toHaveLength(3);
  });
});
