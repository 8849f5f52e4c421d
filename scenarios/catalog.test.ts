import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "../sim/kernel/index.ts";
import { defaultRegistry, formatProblems, loadCatalog, remediedScenario, resultTitle, runScenario, toJsonResult, type Scenario } from "../sim/scenario/index.ts";

// The built-in catalog inside `npm test`: one test per scenario file, through
// the same loader and runner as `lab run`; a broken expectation fails with
// expected against actual and the command that replays it.
const registry = defaultRegistry();
const dir = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const catalog = loadCatalog(dir, registry, root);

describe("scenario catalog", () => {
  if (catalog.scenarios.length === 0 && catalog.invalid.length === 0) {
    it.skip("catalog is empty: no product has registered scenarios yet", () => {});
  }

  for (const invalid of catalog.invalid) {
    it(`${invalid.file ?? "scenario"} is valid`, () => {
      expect.fail(invalid.message);
    });
  }

  for (const scenario of catalog.scenarios) {
    it(`${scenario.name} (${scenario.file})`, async () => {
      const results = [await runScenario(scenario, { registry })];
      const remedied = remediedScenario(scenario);
      if (remedied) results.push(await runScenario(remedied, { registry, variant: "remedy" }));
      const problems = results.filter((r) => r.status !== "passed").map((r) => `${resultTitle(r)}: ${r.status}\n  ${formatProblems(r).join("\n  ")}`);
      if (problems.length > 0) expect.fail(problems.join("\n\n"));
      // Passwords and answers the scenario types never show in the trace or the report.
      for (const result of results) {
        const shown = `${result.trace.map((e) => JSON.stringify(e.data)).join("\n")}\n${JSON.stringify(toJsonResult(result))}`;
        for (const secret of secretsOf(scenario)) expect(shown, `secret "${secret}" in clear`).not.toContain(secret);
      }
    });
  }
});

/** The values the scenario gives under secret-looking keys (what redaction hides). */
function secretsOf(scenario: Scenario): string[] {
  const raw = { lab: scenario.lab, plan: scenario.plan.map((s) => s.args), remedy: scenario.remedy?.plan?.map((s) => s.args) };
  const out = new Set<string>();
  const walk = (plain: unknown, hidden: unknown): void => {
    if (hidden === REDACTED && typeof plain === "string" && plain.length >= 6) out.add(plain);
    else if (plain && typeof plain === "object" && hidden && typeof hidden === "object") {
      for (const key of Object.keys(plain)) walk((plain as Record<string, unknown>)[key], (hidden as Record<string, unknown>)[key]);
    }
  };
  walk(raw, redactSecrets(raw));
  return [...out];
}
