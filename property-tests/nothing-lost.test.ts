import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { SPR_PATHS } from "../sim/products/specops-reset/index.ts";
import { spsState } from "../sim/products/specops-sync/index.ts";
import { defaultRegistry, validateScenario } from "../sim/scenario/index.ts";
import { nothingIsLost } from "./nothing-lost-property.ts";
import { runObserved } from "./observed-run.ts";
import type { KeptData, Keeper, ProductFixture } from "./product-fixture.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";
import { propertyContext } from "./property-context.ts";
import { rawScenario } from "./raw-scenario.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/nothing-lost.test.ts";

describe("nothing is lost over a valid upgrade; where a step is needed, its absence is reported", () => {
  for (const keeper of aprFixture.keepers) {
    it(`netwrix-password-reset: ${keeper.name}`, async () => {
      await nothingIsLost(aprFixture, keeper, ctx, { runs: 6, file });
    });
  }
  for (const keeper of sprFixture.keepers) {
    it(`specops-password-reset: ${keeper.name}`, async () => {
      await nothingIsLost(sprFixture, keeper, ctx, { runs: 4, file });
    });
  }
  for (const keeper of spsFixture.keepers) {
    it(`specops-password-sync: ${keeper.name}`, async () => {
      await nothingIsLost(spsFixture, keeper, ctx, { runs: 6, file });
    });
  }
});

describe("the keepers see a loss (and only a loss)", () => {
  const observe = async <E>(fixture: ProductFixture<E>, estate: E) =>
    runObserved(validateScenario(rawScenario({ name: "keeper", product: fixture.product, seed: 1, lab: fixture.lab(estate), plan: [] }), { registry }), { registry, skipFinal: true });
  const lost = <E>(keeper: Keeper<E>, a: KeptData, b: KeptData) => (keeper.lost ? keeper.lost(a, b) : isDeepStrictEqual(a, b) ? [] : ["changed"]);

  it("APR: enrolments and audit rows, gone with the database", async () => {
    const estate = aprFixture.witnesses[1]!;
    const keeper = aprFixture.keepers[0]!;
    const { lab } = await observe(aprFixture, estate);
    const before = keeper.read(lab, estate);
    expect((before["users"] as string[]).length).toBeGreaterThan(0);
    expect(lost(keeper, before, keeper.read(lab, estate))).toEqual([]);
    lab.host("APR01").fs.delete("C:\\Program Files\\ANIXIS Password Reset\\apr.sdf");
    expect(lost(keeper, before, keeper.read(lab, estate)).join()).toMatch(/enrolment of|database/);
  });

  it("SPR: the Web's logo, replaced by the default", async () => {
    const estate = sprFixture.witnesses[0]!;
    const keeper = sprFixture.keepers[0]!;
    const { lab } = await observe(sprFixture, estate);
    const before = keeper.read(lab, estate);
    expect(before["logo"]).toMatch(/Corporate logo/);
    expect(lost(keeper, before, keeper.read(lab, estate))).toEqual([]);
    lab.host("WEB01").fs.writeFile(`${SPR_PATHS.BRANDING_DIR}\\logo.png`, "Specops default logo");
    expect(lost(keeper, before, keeper.read(lab, estate))).not.toEqual([]);
  });

  it("SPS: the Sync Points, dropped from the policy", async () => {
    const estate = spsFixture.witnesses[0]!;
    const keeper = spsFixture.keepers[0]!;
    const { lab } = await observe(spsFixture, estate);
    const before = keeper.read(lab, estate);
    expect(before["points"]).toEqual(["cloud->cloud", "hr->hr"]);
    expect(lost(keeper, before, keeper.read(lab, estate))).toEqual([]);
    spsState(lab).policy.points.delete("hr");
    expect(lost(keeper, before, keeper.read(lab, estate))).not.toEqual([]);
  });
});
