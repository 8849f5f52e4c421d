import fc from "fast-check";
import { validateScenario } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { checkProperty, type PropertyOptions, type PropertyRun } from "./check-property.ts";
import { skipKnownIssues } from "./known-issues.ts";
import { continueRun, runObserved } from "./observed-run.ts";
import { describeFindings } from "./describe-findings.ts";
import type { PropertyContext } from "./property-context.ts";
import { verbOf, type RawStep } from "./plan-steps.ts";
import type { ProductFixture } from "./product-fixture.ts";
import { fixtureOf } from "./products/index.ts";
import { snapshotDiff, snapshotEstate } from "./estate-snapshot.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";
import { rawScenario } from "./raw-scenario.ts";

/**
 * Idempotence, as Molecule checks it: the documented plan, run a second time
 * on the estate it finished, changes nothing in the estate's configuration
 * (data files and backups the steps write by design aside) and raises no new
 * finding; and `lab plan` on the finished estate has nothing left to do but
 * verify.
 */
export function upgradeIsIdempotent<E>(fixture: ProductFixture<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun> {
  const cases = fc.record({ estate: fixture.plannable(), seed: fc.integer({ min: 1, max: 999_999 }) });
  const pooled = { module: import.meta.url, export: "idempotenceCase", args: [fixture.short], pool: ctx.pool };
  return checkProperty(cases, idempotenceCase(ctx, fixture.short), { ...options, pooled });
}

/** One case of upgradeIsIdempotent (built in-thread and in the pool's threads alike). */
export function idempotenceCase(ctx: PropertyContext, short: string): (value: { estate: unknown; seed: number }) => Promise<void> {
  const fixture = fixtureOf(short);
  return async ({ estate, seed }) => {
    skipKnownIssues(fixture, estate, "idempotence");
    const base = rawScenario({ name: `${fixture.short}-plan-twice`, product: fixture.product, seed, lab: fixture.lab(estate), plan: [] });
    const documented = await ctx.plans.plan(base);
    fc.pre(documented.blockers.length === 0);
    const raw = { ...base, description: "The documented plan, run twice: the second run changes nothing and finds nothing new.", plan: [...documented.steps, ...documented.steps], expect: { final: "healthy" } };
    const label = "the documented plan run a second time";
    const scenario = validateScenario({ ...base, plan: [...documented.steps] }, { registry: ctx.registry });
    const first = await runObserved(scenario, { registry: ctx.registry });
    if (first.error || first.final !== "healthy") throw new CaseFailure(`the first run did not end healthy (${first.error?.message ?? first.final})`, raw, label);

    const replanned = await first.product.planUpgrade!(first.lab);
    const left = replanned.steps.map((s) => verbOfPlanned(s as Record<string, unknown>)).filter((v) => v !== "verify");
    if (replanned.blockers.length > 0 || left.length > 0) {
      throw new CaseFailure(`\`lab plan\` on the upgraded estate still plans ${left.join(", ") || "nothing"}${replanned.blockers.length ? ` and names blockers ${replanned.blockers.map((b) => b.rule).join(", ")}` : ""}`, raw, label);
    }

    const before = snapshotEstate(first.lab, fixture.volatile);
    const seen = new Set(first.findings.map((f) => `${f.rule}|${f.host ?? ""}|${f.severity}`));
    const second = await continueRun(first.lab, first.product, scenario.plan, { registry: ctx.registry }, first.collector, first.steps);
    const fresh = second.findings.filter((f) => f.step > first.steps + 1 && f.severity !== "info" && !seen.has(`${f.rule}|${f.host ?? ""}|${f.severity}`));
    const changed = snapshotDiff(before, snapshotEstate(second.lab, fixture.volatile));
    if (second.error || second.final !== "healthy" || fresh.length > 0 || changed.length > 0) {
      throw new CaseFailure(
        [
          `the second run ${second.error ? `failed: ${second.error.message}` : `ended ${second.final}`}`,
          `new findings: ${describeFindings(fresh)}`,
          `changed: ${changed.length === 0 ? "nothing" : `\n    ${changed.slice(0, 12).join("\n    ")}${changed.length > 12 ? `\n    ... ${changed.length - 12} more` : ""}`}`,
        ].join("\n  "),
        raw,
        label,
      );
    }
  };
}

function verbOfPlanned(step: Record<string, unknown>): string {
  return typeof step["verb"] === "string" ? step["verb"] : verbOf(step as RawStep);
}
