import type { ProductFixture } from "../product-fixture.ts";
import { aprFixture } from "./apr-fixture.ts";
import { sprFixture } from "./spr-fixture.ts";
import { spsFixture } from "./sps-fixture.ts";

/** The three products as the properties see them (the swarm draws among these). */
export const PRODUCT_FIXTURES: readonly ProductFixture<unknown>[] = [aprFixture, sprFixture, spsFixture];

/** A fixture by its short name (how a pooled predicate names its product across threads). */
export function fixtureOf(short: string): ProductFixture<unknown> {
  const fixture = PRODUCT_FIXTURES.find((f) => f.short === short);
  if (!fixture) throw new Error(`no product fixture "${short}" (known: ${PRODUCT_FIXTURES.map((f) => f.short).join(", ")})`);
  return fixture;
}
