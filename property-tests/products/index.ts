// The three products as the properties see them: estate generators (what a
// scenario's `lab:` may hold before the upgrade), ways to break the
// documented plan, remedies of the planner's blockers, data that must be kept.
export { PRODUCT_FIXTURES, fixtureOf } from "./product-fixtures.ts";
export { aprFixture } from "./apr-fixture.ts";
export { sprFixture } from "./spr-fixture.ts";
export { spsFixture } from "./sps-fixture.ts";
export { anyAprEstate, aprLab, plannableAprEstate } from "./apr-estate.ts";
export { anySprEstate, plannableSprEstate, sprLab } from "./spr-estate.ts";
export { anySpsEstate, plannableSpsEstate, spsLab } from "./sps-estate.ts";

export type { AprEstate, AprFrom, AprTopology } from "./apr-estate.ts";
export type { SprEstate, SprFrom } from "./spr-estate.ts";
export type { SpsEstate, SpsFrom } from "./sps-estate.ts";
