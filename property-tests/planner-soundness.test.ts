import { describe, expect, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { plannerIsSound } from "./planner-soundness-property.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/planner-soundness.test.ts";

describe("planner soundness: blockers with applicable remedies, or a plan that ends healthy", () => {
  it("netwrix-password-reset", async () => {
    const run = await plannerIsSound(aprFixture, ctx, { runs: 8, file });
    expect(run.blocked > 0 && run.planned > 0, JSON.stringify(run)).toBe(true);
  });
  it("specops-password-reset", async () => {
    const run = await plannerIsSound(sprFixture, ctx, { runs: 4, file });
    expect(run.blocked > 0 && run.planned > 0, JSON.stringify(run)).toBe(true);
  });
  it("specops-password-sync", async () => {
    const run = await plannerIsSound(spsFixture, ctx, { runs: 8, file });
    expect(run.blocked > 0 && run.planned > 0, JSON.stringify(run)).toBe(true);
  });
});
