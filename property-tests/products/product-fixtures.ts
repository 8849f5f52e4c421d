import type { ProductFixture } from "../product-fixture.ts";
import { aprFixture } from "./apr-fixture.ts";
import { sprFixture } from "./spr-fixture.ts";
import { spsFixture } from "./sps-fixture.ts";

/** The three products as the properties see them (the swarm draws among these). */
export const PRODUCT_FIXTURES: readonly ProductFixture<unknown>[] = [aprFixture, sprFixture, spsFixture];
