import fc from "fast-check";
import { formatProblems } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { describeFindings } from "./describe-findings.ts";
import { skipKnownIssues } from "./known-issues.ts";
import { checkProperty, type PropertyOptions, type PropertyRun } from "./check-property.ts";
import { expectedStep } from "./plan-edits.ts";
import { items } from "./plan-steps.ts";
import type { ProductFixture } from "./product-fixture.ts";
import { fixtureOf } from "./products/index.ts";
import type { PropertyContext } from "./property-context.ts";
import { runRaw } from "./run-raw.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";
import { rawScenario } from "./raw-scenario.ts";
import { stepsOf, unrelatedSteps, withUnrelated, type UnrelatedSteps } from "./unrelated-steps.ts";

const labSeed = fc.integer({ min: 1, max: 999_999 });

/**
 * Every plan that keeps the documented order and prerequisites, with
 * unrelated steps interleaved anywhere, ends healthy with no finding worse
 * than a warning.
 */
export function documentedOrderHolds<E>(fixture: ProductFixture<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun> {
  const cases = fc.record({ estate: fixture.plannable(), seed: labSeed, extras: unrelatedSteps() });
  const pooled = { module: import.meta.url, export: "documentedOrderCase", args: [fixture.short], pool: ctx.pool };
  return checkProperty(cases, documentedOrderCase(ctx, fixture.short), { ...options, pooled });
}

/** One case of documentedOrderHolds (built in-thread and in the pool's threads alike). */
export function documentedOrderCase(ctx: PropertyContext, short: string): (value: { estate: unknown; seed: number; extras: UnrelatedSteps }) => Promise<void> {
  const fixture = fixtureOf(short);
  return async ({ estate, seed, extras }) => {
    skipKnownIssues(fixture, estate);
    const base = rawScenario({ name: `${fixture.short}-documented-order`, product: fixture.product, seed, lab: fixture.lab(estate), plan: [] });
    const documented = await ctx.plans.plan(base);
    const label = "the documented plan with unrelated steps interleaved";
    const plan = stepsOf(withUnrelated(items(documented.steps), extras, fixture.hosts(estate), fixture.verifications, fixture.worksBefore(estate)));
    const raw = { ...base, description: `${label}: must end healthy, nothing worse than a warning`, plan, expect: { final: "healthy" } };
    if (documented.blockers.length > 0) throw new CaseFailure(`a plannable estate has blockers: ${documented.blockers.map((b) => `${b.rule} on ${b.host ?? "?"}`).join(", ")}`, raw, label);
    const result = await runRaw(raw, ctx.registry, label);
    if (result.status !== "passed") throw new CaseFailure(`the documented plan did not end healthy:\n  ${formatProblems(result).join("\n  ")}`, raw, label);
  };
}

/**
 * Every plan that breaks a hard order, a prerequisite or a manual step
 * yields that rule's finding at the step where it happens (or where the
 * plan's next check sees it), never a silent success.
 */
export function brokenOrderIsReported<E>(fixture: ProductFixture<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun> {
  const cases = fc.record({ estate: fixture.plannable(), seed: labSeed, breaker: fc.nat({ max: fixture.breakers.length * 4 }), extras: unrelatedSteps() });
  const pooled = { module: import.meta.url, export: "brokenOrderCase", args: [fixture.short], pool: ctx.pool };
  return checkProperty(cases, brokenOrderCase(ctx, fixture.short), { ...options, pooled });
}

/** One case of brokenOrderIsReported (built in-thread and in the pool's threads alike). */
export function brokenOrderCase(ctx: PropertyContext, short: string): (value: { estate: unknown; seed: number; breaker: number; extras: UnrelatedSteps }) => Promise<void> {
  const fixture = fixtureOf(short);
  return async ({ estate, seed, breaker, extras }) => {
    skipKnownIssues(fixture, estate);
    const base = rawScenario({ name: `${fixture.short}-broken`, product: fixture.product, seed, lab: fixture.lab(estate), plan: [] });
    const documented = await ctx.plans.plan(base);
    const applicable = fixture.breakers.filter((b) => WITH_KNOWN_ISSUES || !b.knownIssue).flatMap((b) => {
      const broken = b.apply(estate, documented.steps);
      return broken ? [{ breaker: b, broken }] : [];
    });
    fc.pre(applicable.length > 0 && documented.blockers.length === 0);
    const { breaker: b, broken } = applicable[breaker % applicable.length]!;
    const plan = withUnrelated(broken.plan, extras, fixture.hosts(estate), fixture.verifications, fixture.worksBefore(estate));
    const step = expectedStep(plan, b.observedBy);
    const raw = {
      ...rawScenario({ name: `${fixture.short}-${slug(b.name)}`, product: fixture.product, seed, lab: fixture.lab(broken.estate ?? estate), plan: stepsOf(plan) }),
      description: `The documented plan, broken: ${b.name}. The lab must report ${b.rule} at step ${step}.`,
      expect: { findings: [{ rule: b.rule, step, ...(b.severities.length === 1 ? { severity: b.severities[0] } : {}) }] },
    };
    const result = await runRaw(raw, ctx.registry, b.name);
    if (result.status === "error" && result.error.kind === "internal") throw new CaseFailure(`${b.name}: internal error at step ${result.error.step}: ${result.error.message}`, raw, b.name);
    const found = result.findings.some((f) => f.rule === b.rule && f.step === step && b.severities.includes(f.severity));
    if (!found) throw new CaseFailure(`${b.name}: expected ${b.rule} (${b.severities.join("/")}) at step ${step}; found ${describeFindings(result.findings)}, final ${result.final ?? "none"}`, raw, b.name);
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 48);
}
