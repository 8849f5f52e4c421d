import { describe, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { runsAreDeterministic } from "./determinism-property.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/determinism.test.ts";

describe("determinism: one seed, one trace; another seed, another trace", () => {
  it("netwrix-password-reset", async () => {
    await runsAreDeterministic(aprFixture, ctx, { runs: 4, file });
  });
  it("specops-password-reset", async () => {
    await runsAreDeterministic(sprFixture, ctx, { runs: 2, file });
  });
  it("specops-password-sync", async () => {
    await runsAreDeterministic(spsFixture, ctx, { runs: 4, file });
  });
});
