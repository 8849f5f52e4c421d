import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultRegistry, formatProblems, loadScenarioFile, runScenario } from "../sim/scenario/index.ts";
import { PRODUCT_FIXTURES } from "./products/index.ts";

// The counter-examples the properties found and the lab does not handle yet.
// Each still fails; once one passes, the lab is fixed: move it into
// scenarios/<product>/ and drop its knownIssue mark from the fixture.
const dir = fileURLToPath(new URL("./counterexamples/", import.meta.url));
const registry = defaultRegistry();
const files = existsSync(dir) ? readdirSync(dir).sort() : [];
const fixtures = PRODUCT_FIXTURES;

describe("known counter-examples (property-tests/counterexamples/)", () => {
  for (const name of files.filter((f) => f.endsWith(".yaml"))) {
    it(`${name} still fails (when it passes: move it to scenarios/, drop its knownIssue mark)`, async () => {
      const scenario = loadScenarioFile(`${dir}${name}`, registry, `property-tests/counterexamples/${name}`);
      expect(scenario.name).toBe(name.replace(/\.yaml$/, ""));
      const result = await runScenario(scenario, { registry });
      expect(result.status, `fixed? ${formatProblems(result).join("\n")}`).not.toBe("passed");
    });
  }

  it("every known-issue mark of the fixtures names a file here, and every file is marked or described", () => {
    const marks = fixtures.flatMap((f) => [
      ...f.breakers.flatMap((b) => (b.knownIssue ? [b.knownIssue] : [])),
      ...f.knownIssues.map((i) => i.file),
      ...f.keepers.flatMap((k) => k.withoutSteps.flatMap((v) => (v.knownIssue ? [v.knownIssue] : []))),
    ]);
    for (const mark of marks) expect(existsSync(`${dir}${mark}`), mark).toBe(true);
    const unmarked = files.filter((f) => f.endsWith(".yaml") && !marks.includes(f));
    expect(unmarked, "a counter-example kept here must be marked in its fixture").toEqual([]);
  });
});
