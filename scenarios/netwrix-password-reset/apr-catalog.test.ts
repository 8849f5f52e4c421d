import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aprProduct } from "../../sim/products/apr/index.ts";
import { defaultRegistry, formatProblems, loadCatalog, PRODUCTS, remediedScenario, resultTitle, runScenario } from "../../sim/scenario/index.ts";

// Netwrix Password Reset's scenarios through the lab's own loader and runner.
// Until the product is registered in sim/scenario/products.ts it is added
// here explicitly; once registered, scenarios/catalog.test.ts runs them and
// this file only checks the catalog's coverage of the rules.
const registered = PRODUCTS.some((p) => p.id === aprProduct.id);
const registry = defaultRegistry(registered ? [] : [aprProduct]);
const dir = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));
const catalog = loadCatalog(dir, registry, root);
const exercised = new Set<string>();

describe("netwrix-password-reset scenarios", () => {
  it("has at least 30 scenarios, all valid, each citing its seed section", () => {
    expect(catalog.invalid.map((i) => i.message)).toEqual([]);
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(30);
    for (const s of catalog.scenarios) expect(s.description ?? "", s.name).toMatch(/002, "[^"]+"/);
  });

  for (const scenario of catalog.scenarios) {
    it(scenario.name, async () => {
      const results = [await runScenario(scenario, { registry })];
      const remedied = remediedScenario(scenario);
      if (remedied) results.push(await runScenario(remedied, { registry, variant: "remedy" }));
      for (const r of results) {
        for (const f of r.findings) exercised.add(f.rule);
        for (const c of r.coverage.checked) exercised.add(c);
      }
      if (registered) return; // scenarios/catalog.test.ts judges them
      const problems = results.filter((r) => r.status !== "passed").map((r) => `${resultTitle(r)}: ${r.status}\n  ${formatProblems(r).join("\n  ")}`);
      if (problems.length > 0) expect.fail(problems.join("\n\n"));
    });
  }

  it("exercises every apr.* rule (found, or checked and not found)", () => {
    const missing = aprProduct.rules.map((r) => r.id).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
  });
});
