import fc from "fast-check";
import type { ProductFixture } from "./product-fixture.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";

/** Skips (fc.pre) an estate a known counter-example covers for this property, unless LAB_KNOWN_ISSUES=1. */
export function skipKnownIssues<E>(fixture: ProductFixture<E>, estate: E, property?: string): void {
  if (WITH_KNOWN_ISSUES) return;
  fc.pre(!fixture.knownIssues.some((issue) => (issue.property === undefined || issue.property === property) && issue.applies(estate)));
}
