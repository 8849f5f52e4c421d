import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { validateScenario } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { checkProperty, type PropertyOptions, type PropertyRun } from "./check-property.ts";
import { skipKnownIssues } from "./known-issues.ts";
import { continueRun, runObserved } from "./observed-run.ts";
import { describeFindings } from "./describe-findings.ts";
import type { PropertyContext } from "./property-context.ts";
import { items, verbOf } from "./plan-steps.ts";
import type { KeptData, Keeper, ProductFixture } from "./product-fixture.ts";
import { runRaw } from "./run-raw.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";
import { rawScenario } from "./raw-scenario.ts";
import { fixtureOf } from "./products/index.ts";
import { stepsOf, unrelatedSteps, withUnrelated, type UnrelatedSteps } from "./unrelated-steps.ts";

/**
 * Nothing is lost: what the document says an upgrade keeps (enrolments,
 * audit rows, the sync policy, customisations) is there after every valid
 * upgrade sequence, read from the lab itself; and where the document says it
 * is lost without a step, dropping that step makes the lab report it.
 */
export function nothingIsLost<E>(fixture: ProductFixture<E>, keeper: Keeper<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun> {
  const cases = fc.record({ estate: fixture.plannable(), seed: fc.integer({ min: 1, max: 999_999 }), extras: unrelatedSteps({ maxVerifications: 0 }), drop: fc.nat({ max: 7 }) });
  const pooled = { module: import.meta.url, export: "nothingLostCase", args: [fixture.short, keeper.name], pool: ctx.pool };
  return checkProperty(cases, nothingLostCase(ctx, fixture.short, keeper.name), { ...options, pooled });
}

/** One case of nothingIsLost, the keeper by its name (built in-thread and in the pool's threads alike). */
export function nothingLostCase(ctx: PropertyContext, short: string, keeperName: string): (value: { estate: unknown; seed: number; extras: UnrelatedSteps; drop: number }) => Promise<void> {
  const fixture = fixtureOf(short);
  const keeper = fixture.keepers.find((k) => k.name === keeperName);
  if (!keeper) throw new Error(`${short} has no keeper "${keeperName}"`);
  return async ({ estate, seed, extras, drop }) => {
    skipKnownIssues(fixture, estate);
    const before = keeper.before?.(estate) ?? [];
    const base = rawScenario({ name: `${fixture.short}-keeps-data`, product: fixture.product, seed, lab: fixture.lab(estate), plan: [] });
    const documented = await ctx.plans.plan(base, before);
    fc.pre(documented.blockers.length === 0);
    const upgrade = stepsOf(withUnrelated(items(documented.steps.slice(before.length)), extras, fixture.hosts(estate), []));
    const raw = { ...base, description: `The documented upgrade keeps ${keeper.name}.`, plan: [...before, ...upgrade], expect: { final: "healthy" } };
    const label = `${keeper.name} over the documented upgrade`;

    const first = await runObserved(validateScenario({ ...raw, plan: [...before] }, { registry: ctx.registry }), { registry: ctx.registry, skipFinal: true });
    if (first.error) throw new CaseFailure(`the steps before the upgrade failed: ${first.error.message}`, raw, label);
    const kept = keeper.read(first.lab, estate);
    const rest = validateScenario(raw, { registry: ctx.registry }).plan.slice(before.length);
    const run = await continueRun(first.lab, first.product, rest, { registry: ctx.registry }, first.collector, first.steps);
    if (run.error || run.final !== "healthy") {
      throw new CaseFailure(`the documented upgrade did not end healthy (${run.error?.message ?? run.final}): ${describeFindings(run.findings)}`, raw, label);
    }
    const lost = lostBetween(keeper, kept, keeper.read(run.lab, estate));
    if (lost.length > 0) throw new CaseFailure(`${keeper.name} lost: ${lost.join("; ")}`, raw, label);
    for (const variant of keeper.withoutSteps) {
      if (run.findings.some((f) => f.rule === variant.rule && f.severity !== "info")) throw new CaseFailure(`${variant.rule} reported although nothing was lost`, raw, label);
    }

    if (Object.keys(kept).length === 0) return;
    const variants = keeper.withoutSteps.filter((v) => WITH_KNOWN_ISSUES || !v.knownIssue);
    const variant = variants[drop % Math.max(1, variants.length)];
    if (!variant) return;
    const without = upgrade.filter((s) => !variant.verbs.includes(verbOf(s)));
    if (without.length === upgrade.length) return;
    const firstDropped = before.length + upgrade.findIndex((s) => variant.verbs.includes(verbOf(s))) + 1;
    const dropped = {
      ...base,
      name: `${fixture.short}-loses-data`,
      description: `The documented upgrade without its ${variant.verbs.join("/")} steps: ${keeper.name} is lost, and the lab must say so (${variant.rule}).`,
      plan: [...before, ...without],
      expect: { findings: [{ rule: variant.rule }] },
    };
    const result = await runRaw(dropped, ctx.registry, `${keeper.name} without ${variant.verbs.join("/")}`);
    if (!result.findings.some((f) => f.rule === variant.rule && f.step >= firstDropped && f.severity !== "info")) {
      throw new CaseFailure(`without ${variant.verbs.join("/")}, ${keeper.name} is lost silently: no ${variant.rule} from step ${firstDropped} on; found ${describeFindings(result.findings)}, final ${result.final ?? "none"}`, dropped, `${keeper.name} without ${variant.verbs.join("/")}`);
    }
  };
}

function lostBetween<E>(keeper: Keeper<E>, before: KeptData, after: KeptData): string[] {
  if (keeper.lost) return keeper.lost(before, after);
  return isDeepStrictEqual(before, after) ? [] : [`before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`];
}
