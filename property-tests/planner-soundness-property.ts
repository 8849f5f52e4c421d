import fc from "fast-check";
import type { PlanBlocker } from "../sim/product/index.ts";
import { formatProblems } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { skipKnownIssues } from "./known-issues.ts";
import { checkProperty, type PropertyOptions, type PropertyRun } from "./check-property.ts";
import type { PropertyContext } from "./property-context.ts";
import type { ProductFixture } from "./product-fixture.ts";
import { runRaw } from "./run-raw.ts";
import { rawScenario, type RawScenario } from "./raw-scenario.ts";

/** Rounds of "apply the remedies, plan again" before the planner is said not to converge. */
export const MAX_REMEDY_ROUNDS = 4;

/**
 * Planner soundness: for any estate the schema takes, `lab plan` either
 * names blockers (each with its documented remedy) whose remedies, once
 * applied to the estate, let it plan, or gives a plan that ends healthy when
 * run. The remedies are the fixture's reading of the rule's remedy text.
 */
export async function plannerIsSound<E>(fixture: ProductFixture<E>, ctx: PropertyContext, options: PropertyOptions): Promise<PropertyRun & { readonly blocked: number; readonly planned: number }> {
  // How many estates needed remedies and how many planned straight away: both kinds must be drawn.
  const tally = { blocked: 0, planned: 0 };
  const run = await checkProperty(
    fc.record({ estate: fixture.any(), seed: fc.integer({ min: 1, max: 999_999 }) }),
    async ({ estate: start, seed }) => {
      skipKnownIssues(fixture, start);
      let estate = start;
      const history: string[] = [];
      for (let round = 0; ; round++) {
        const raw = rawScenario({ name: `${fixture.short}-planned`, product: fixture.product, seed, lab: fixture.lab(estate), plan: [] });
        const documented = await ctx.plans.plan(raw);
        const label = round === 0 ? "the estate as drawn" : `the estate after ${round} round(s) of remedies (${history.join("; ")})`;
        if (documented.blockers.length === 0) {
          tally[round === 0 ? "planned" : "blocked"]++;
          const planned: RawScenario = { ...raw, description: `\`lab plan\` for ${label}: must end healthy`, plan: [...documented.steps], expect: { final: "healthy" } };
          const result = await runRaw(planned, ctx.registry, label);
          if (result.status !== "passed") throw new CaseFailure(`the plan for ${label} did not end healthy:\n  ${formatProblems(result).join("\n  ")}`, planned, label);
          return;
        }
        if (round >= MAX_REMEDY_ROUNDS) throw new CaseFailure(`still blocked after ${round} rounds of remedies: ${names(documented.blockers)}`, raw, label);
        const before = JSON.stringify(estate);
        for (const blocker of documented.blockers) {
          if (!ctx.registry.rule(blocker.rule)) throw new CaseFailure(`blocker of unknown rule ${blocker.rule}`, raw, label);
          if (blocker.remedy.trim().length < 10) throw new CaseFailure(`blocker ${blocker.rule} gives no remedy`, raw, label);
          const fixed = fixture.remedy(estate, blocker);
          if (fixed === undefined) throw new CaseFailure(`no known way to apply the remedy of ${blocker.rule} on ${blocker.host ?? "the estate"}: "${blocker.remedy}"`, raw, label);
          estate = fixed;
        }
        if (JSON.stringify(estate) === before) throw new CaseFailure(`applying the remedies of ${names(documented.blockers)} changes nothing, yet the planner names them`, raw, label);
        history.push(names(documented.blockers));
      }
    },
    options,
  );
  return { ...run, ...tally };
}

function names(blockers: readonly PlanBlocker[]): string {
  return [...new Set(blockers.map((b) => `${b.rule}${b.host ? ` on ${b.host}` : ""}`))].join(", ");
}
