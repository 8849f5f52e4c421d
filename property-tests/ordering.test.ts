import { describe, it } from "vitest";
import { defaultRegistry } from "../sim/scenario/index.ts";
import { propertyContext } from "./property-context.ts";
import { brokenOrderIsReported, documentedOrderHolds } from "./ordering-property.ts";
import { aprFixture, sprFixture, spsFixture } from "./products/index.ts";

const registry = defaultRegistry();
const ctx = propertyContext(registry);
const file = "property-tests/ordering.test.ts";

describe("ordering invariants: netwrix-password-reset", () => {
  it("the documented order, with unrelated steps anywhere, ends healthy", async () => {
    await documentedOrderHolds(aprFixture, ctx, { runs: 10, file });
  });
  it("a broken order, prerequisite or manual step is reported where it happens", async () => {
    await brokenOrderIsReported(aprFixture, ctx, { runs: 16, file });
  });
});

describe("ordering invariants: specops-password-reset", () => {
  it("the documented order, with unrelated steps anywhere, ends healthy", async () => {
    await documentedOrderHolds(sprFixture, ctx, { runs: 6, file });
  });
  it("a broken order, prerequisite or manual step is reported where it happens", async () => {
    await brokenOrderIsReported(sprFixture, ctx, { runs: 10, file });
  });
});

describe("ordering invariants: specops-password-sync", () => {
  it("the documented order, with unrelated steps anywhere, ends healthy", async () => {
    await documentedOrderHolds(spsFixture, ctx, { runs: 8, file });
  });
  it("a broken order, prerequisite or manual step is reported where it happens", async () => {
    await brokenOrderIsReported(spsFixture, ctx, { runs: 12, file });
  });
});
