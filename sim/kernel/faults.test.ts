import { describe, expect, it } from "vitest";
import { FaultPlan, type FaultDefinition } from "./faults.ts";
import { LabError } from "./errors.ts";
import { Rng } from "./rng.ts";

const catalog = new Map<string, FaultDefinition>([
  [
    "packet-loss",
    { name: "packet-loss", description: "drops datagrams", mechanism: "the network drops", params: { probability: { default: 0.2, description: "p" } }, trips: [] },
  ],
]);

describe("FaultPlan", () => {
  it("is off by default and resolves parameters against the catalog's defaults", () => {
    const plan = new FaultPlan(new Rng(1), catalog);
    expect(plan.isActive("packet-loss")).toBe(false);
    expect(plan.roll("packet-loss")).toBe(false);
    plan.activate("packet-loss");
    expect(plan.param("packet-loss", "probability", 0)).toBe(0.2);
    plan.activate("packet-loss", { probability: 1 });
    expect(plan.roll("packet-loss")).toBe(true);
  });

  it("refuses unknown faults and parameters with the names it knows", () => {
    const plan = new FaultPlan(new Rng(1), catalog);
    expect(() => plan.activate("packet-lost")).toThrow(/known: packet-loss/);
    expect(() => plan.activate("packet-loss", { probabilty: 1 })).toThrow(LabError);
  });

  it("rolls deterministically from its seed", () => {
    const rolls = (seed: number): boolean[] => {
      const plan = new FaultPlan(new Rng(seed), catalog);
      plan.activate("packet-loss", { probability: 0.5 });
      return Array.from({ length: 32 }, () => plan.roll("packet-loss"));
    };
    expect(rolls(3)).toEqual(rolls(3));
    expect(rolls(3)).not.toEqual(rolls(4));
  });
});
