import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { specopsSync } from "../../sim/products/specops-sync/index.ts";
import { coverageMatrix, defaultRegistry, formatProblems, loadCatalog, PRODUCTS, remediedScenario, resultTitle, runScenario, type ScenarioResult } from "../../sim/scenario/index.ts";

// Specops Password Sync's own catalog, run with the product in the registry
// whether or not sim/scenario/products.ts lists it yet; and the catalog's
// promise: every rule that can be simulated is exercised.
const registry = defaultRegistry(PRODUCTS.some((p) => p.id === specopsSync.id) ? [] : [specopsSync]);
const dir = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));
const catalog = loadCatalog(dir, registry, root);
const results: ScenarioResult[] = [];

describe("Specops Password Sync catalog", () => {
  for (const invalid of catalog.invalid) {
    it(`${invalid.file ?? "scenario"} is valid`, () => expect.fail(invalid.message));
  }

  for (const scenario of catalog.scenarios) {
    it(`${scenario.name}`, async () => {
      const runs = [await runScenario(scenario, { registry })];
      const remedied = remediedScenario(scenario);
      if (remedied) runs.push(await runScenario(remedied, { registry, variant: "remedy" }));
      results.push(...runs);
      const problems = runs.filter((r) => r.status !== "passed").map((r) => `${resultTitle(r)}: ${r.status}\n  ${formatProblems(r).join("\n  ")}`);
      if (problems.length > 0) expect.fail(problems.join("\n\n"));
    });
  }

  it("has at least 25 scenarios, each naming its seed section", () => {
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(25);
    for (const s of catalog.scenarios) expect(s.description ?? "", s.name).toMatch(/Section: /);
  });

  it("replays byte for byte: same scenario and seed, same trace hash; another seed, another hash", async () => {
    const picks = catalog.scenarios.filter((s) => ["sps-target-slow", "sps-capacity-one-sync-server", "sps-pcn-gpsi"].includes(s.name));
    expect(picks).toHaveLength(3);
    for (const s of picks) {
      const a = await runScenario(s, { registry });
      const b = await runScenario(s, { registry });
      const c = await runScenario(s, { registry, seed: s.seed + 1 });
      expect(a.traceHash).toBe(b.traceHash);
      expect(c.traceHash).not.toBe(a.traceHash);
    }
  });

  it("exercises every rule that can be simulated", () => {
    const matrix = coverageMatrix(specopsSync.rules, results.filter((r) => r.scenario.product === specopsSync.id));
    expect(matrix.unexercised).toEqual([]);
    const neverFound = matrix.rules.filter((r) => r.found.length === 0 && !specopsSync.rules.find((x) => x.id === r.rule)?.advisory).map((r) => r.rule);
    expect(neverFound).toEqual([]);
  });
});
