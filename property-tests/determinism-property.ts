import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { runScenario, validateScenario } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { checkProperty, type PropertyOptions, type PropertyRun } from "./check-property.ts";
import { skipKnownIssues } from "./known-issues.ts";
import type { PropertyContext } from "./property-context.ts";
import { items } from "./plan-steps.ts";
import type { ProductFixture } from "./product-fixture.ts";
import { rawScenario } from "./raw-scenario.ts";
import { fixtureOf } from "./products/index.ts";
import { stepsOf, unrelatedSteps, withUnrelated, type UnrelatedSteps } from "./unrelated-steps.ts";

/**
 * Determinism: a scenario run twice with one seed gives the same trace hash
 * and the same findings, even with another lab (another seed) running in
 * the same process at the same time; another seed gives another trace (the
 * lab draws its key material, ports and nonces from the seed).
 */
export function runsAreDeterministic<E>(fixture: ProductFixture<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun> {
  const seed = fc.integer({ min: 1, max: 999_999 });
  const cases = fc.record({ estate: fixture.plannable(), a: seed, b: seed, extras: unrelatedSteps() }).filter((c) => c.a !== c.b);
  const pooled = { module: import.meta.url, export: "determinismCase", args: [fixture.short], pool: ctx.pool };
  return checkProperty(cases, determinismCase(ctx, fixture.short), { ...options, pooled });
}

/** One case of runsAreDeterministic (built in-thread and in the pool's threads alike). */
export function determinismCase(ctx: PropertyContext, short: string): (value: { estate: unknown; a: number; b: number; extras: UnrelatedSteps }) => Promise<void> {
  const fixture = fixtureOf(short);
  return async ({ estate, a, b, extras }) => {
    skipKnownIssues(fixture, estate);
    const base = rawScenario({ name: `${fixture.short}-determinism`, product: fixture.product, seed: a, lab: fixture.lab(estate), plan: [] });
    const documented = await ctx.plans.plan(base);
    const raw = { ...base, plan: stepsOf(withUnrelated(items(documented.steps), extras, fixture.hosts(estate), fixture.verifications, fixture.worksBefore(estate))) };
    const scenario = validateScenario(raw, { registry: ctx.registry });
    const [first, other] = await Promise.all([runScenario(scenario, { registry: ctx.registry, seed: a }), runScenario(scenario, { registry: ctx.registry, seed: b })]);
    const again = await runScenario(scenario, { registry: ctx.registry, seed: a });
    const label = `seed ${a} twice (and ${b} alongside)`;
    if (first.traceHash !== again.traceHash) {
      const diverged = first.trace.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(again.trace[i]));
      throw new CaseFailure(`seed ${a} gave two traces (${first.traceHash.slice(0, 12)}, ${again.traceHash.slice(0, 12)}); first difference at event #${diverged + 1}: ${JSON.stringify(first.trace[diverged])} vs ${JSON.stringify(again.trace[diverged])}`, raw, label);
    }
    if (!isDeepStrictEqual(first.findings, again.findings) || first.final !== again.final) throw new CaseFailure(`seed ${a} gave the same trace but other findings`, raw, label);
    if (other.traceHash === first.traceHash) throw new CaseFailure(`seeds ${a} and ${b} gave the same trace: the seed did not reach the lab's randomness`, raw, label);
  };
}
