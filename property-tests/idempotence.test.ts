import { describe, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { upgradeIsIdempotent } from "./idempotence-property.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/idempotence.test.ts";

describe("idempotence: the finished plan, run again, changes nothing and finds nothing new", () => {
  it("netwrix-password-reset", async () => {
    await upgradeIsIdempotent(aprFixture, ctx, { runs: 5, file });
  });
  it("specops-password-reset", async () => {
    await upgradeIsIdempotent(sprFixture, ctx, { runs: 3, file });
  });
  it("specops-password-sync", async () => {
    await upgradeIsIdempotent(spsFixture, ctx, { runs: 5, file });
  });
});
