/**
 * No answer or password in clear in a report: Netwrix Password Reset
 * scenarios that enrol, reset, change, give wrong answers, install with a
 * service account, and lose packets run through the lab's own runner at
 * drawn seeds; their traces and the JSON, HTML and JUnit reports written
 * from the results must hold none of the answers or passwords the flows
 * and the scenarios used — and must hold the test users, so the search is
 * known to look at the right text.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_PASSWORD } from "../sim/products/apr/index.ts";
import { defaultRegistry, loadCatalog, remediedScenario, runScenario, writeReports, type ScenarioResult } from "../sim/scenario/index.ts";
import { checkProperty } from "./check-property.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const registry = defaultRegistry();
const catalog = loadCatalog(join(root, "scenarios", "netwrix-password-reset"), registry, root);
const SCENARIOS = ["apr-wrong-answers-lockout", "apr-packet-loss-recovers", "apr-single-server-fresh-install", "apr-service-account-without-rights"];
const scenarios = SCENARIOS.map((name) => {
  const s = catalog.scenarios.find((c) => c.name === name);
  if (!s) throw new Error(`scenario ${name} is not in the catalog`);
  return s;
});

/** What the flows type (sim/products/apr/flows.ts) and what the scenarios declare. */
const SECRETS = ["Rex", "Lyon", "Mrs Smith", "Kq9!zX", "Wm4!pL", "Yt7!rB", DEFAULT_SERVICE_PASSWORD];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("Netwrix Password Reset: secrets stay out of traces and reports", () => {
  it("the catalog declares the service account's password the scenarios type", () => {
    expect(JSON.stringify(scenarios.map((s) => s.plan))).toContain(DEFAULT_SERVICE_PASSWORD);
  });

  it("at any seed: the trace, the JSON, HTML and JUnit reports hold the test users and none of the secrets", async () => {
    await checkProperty(
      fc.integer({ min: 1, max: 1_000_000 }),
      async (seed) => {
        const results: ScenarioResult[] = [];
        for (const s of scenarios) {
          results.push(await runScenario(s, { registry, seed }));
          const remedied = remediedScenario(s);
          if (remedied) results.push(await runScenario(remedied, { registry, seed, variant: "remedy" }));
        }
        const dir = mkdtempSync(join(tmpdir(), "apr-secrets-"));
        dirs.push(dir);
        const files = writeReports(results, { dir, reporters: ["json", "html", "junit"], tool: { name: "lab", version: "test" }, faultCatalog: registry.faultCatalog });
        const places: Record<string, string> = { trace: results.map((r) => JSON.stringify(r.trace)).join("\n") };
        for (const f of files) places[f.slice(dir.length + 1)] = readFileSync(f, "utf8");
        for (const [place, text] of Object.entries(places)) {
          if (!place.endsWith(".schema.json")) expect(text, place).toMatch(/apr-test\d+/);
          for (const secret of SECRETS) expect(text.includes(secret), `${place} contains ${secret} (seed ${seed})`).toBe(false);
        }
      },
      { runs: 3, file: "property-tests/apr-secrets.test.ts" },
    );
  });
});
