import { describe, expect, it } from "vitest";
import { formatProblems } from "../sim/scenario/index.ts";
import { expectedStep } from "./plan-edits.ts";
import { PRODUCT_FIXTURES } from "./products/index.ts";
import { propertyContext } from "./property-context.ts";
import { runRaw } from "./run-raw.ts";
import { WITH_KNOWN_ISSUES } from "./run-settings.ts";
import { rawScenario } from "./raw-scenario.ts";
import { stepsOf } from "./unrelated-steps.ts";

// Each way of breaking a plan, once, on a fixed estate: the rule's finding
// appears where the breaking happens; on the same estate the documented
// plan ends healthy without it. (The properties draw these at random.)
const { registry, plans } = propertyContext();

for (const fixture of PRODUCT_FIXTURES) {
  describe(`${fixture.product}: every breaker, on a witness estate`, () => {
    const planOf = (estate: unknown) => plans.plan(rawScenario({ name: `${fixture.short}-witness`, product: fixture.product, seed: 11, lab: fixture.lab(estate), plan: [] }));

    it("the witnesses' documented plans end healthy, with no breaker's rule worse than a warning", async () => {
      const rules = new Set(fixture.breakers.map((b) => b.rule));
      for (const estate of fixture.witnesses) {
        const documented = await planOf(estate);
        expect(documented.blockers).toEqual([]);
        const raw = rawScenario({ name: `${fixture.short}-witness`, product: fixture.product, seed: 11, lab: fixture.lab(estate), plan: documented.steps, expect: { final: "healthy" } });
        const result = await runRaw(raw, registry, "witness");
        expect(result.status, formatProblems(result).join("\n")).toBe("passed");
        expect(result.findings.filter((f) => rules.has(f.rule) && (f.severity === "broken" || f.severity === "blocked"))).toEqual([]);
      }
    });

    for (const breaker of fixture.breakers) {
      it.skipIf(breaker.knownIssue !== undefined && !WITH_KNOWN_ISSUES)(`${breaker.name} -> ${breaker.rule}`, async () => {
        let applied;
        for (const estate of fixture.witnesses) {
          const broken = breaker.apply(estate, (await planOf(estate)).steps);
          if (broken) {
            applied = { estate: broken.estate ?? estate, plan: broken.plan };
            break;
          }
        }
        expect(applied, `no witness estate of ${fixture.short} lets "${breaker.name}" apply`).toBeDefined();
        const step = expectedStep(applied!.plan, breaker.observedBy);
        const raw = rawScenario({ name: `${fixture.short}-breaker`, product: fixture.product, seed: 11, lab: fixture.lab(applied!.estate), plan: stepsOf(applied!.plan) });
        const result = await runRaw(raw, registry, breaker.name);
        const found = result.findings.filter((f) => f.rule === breaker.rule);
        expect(found.map((f) => ({ step: f.step, ok: breaker.severities.includes(f.severity) })), formatProblems(result).join("\n")).toContainEqual({ step, ok: true });
      });
    }
  });
}
