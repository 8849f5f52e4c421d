import { describe, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { upgradeIsIdempotent } from "./idempotence-property.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/idempotence.test.ts";

describe("idempotence: the finished plan, run again, changes nothing and finds nothing new", () => {
  // Every documented APR plan stops the service and a second run leaves it stopped: the
  // counter-example keeps failing in counterexamples.test.ts until the lab is fixed.
  it.skipIf(!WITH_KNOWN_ISSUES)("netwrix-password-reset (known: counterexamples/apr-plan-rerun-leaves-service-stopped.yaml)", async () => {
    await upgradeIsIdempotent(aprFixture, ctx, { runs: 5, file });
  });
  it("specops-password-reset", async () => {
    await upgradeIsIdempotent(sprFixture, ctx, { runs: 3, file });
  });
  it("specops-password-sync", async () => {
    await upgradeIsIdempotent(spsFixture, ctx, { runs: 5, file });
  });
});
