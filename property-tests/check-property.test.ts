import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { defaultRegistry, parseScenarioYaml } from "../sim/scenario/index.ts";
import { CaseFailure } from "./case-failure.ts";
import { checkProperty } from "./check-property.ts";
import { CI_SEED, propertyRuns, propertySeed } from "./run-settings.ts";
import { rawScenario, scenarioYaml } from "./raw-scenario.ts";

const raw = (n: number) =>
  rawScenario({
    name: `shrunk-${n}`,
    product: "netwrix-password-reset",
    seed: 1,
    lab: { domain: { name: "corp.example" }, hosts: [{ name: "APR01", os: "windows-server-2016", installed: { "apr-server": { version: "3.22", enrolled: n }, "apr-web": "3.22" } }] },
    plan: [{ upgrade: { host: "APR01", component: "apr-server", to: "3.23" } }, { verify: ["enroll", "reset"] }],
    expect: { final: "healthy" },
  });

describe("checkProperty reports a failure as a replayable scenario", () => {
  it("shrinks, and prints the seed, the replay command and the counter-example's YAML", async () => {
    const failure = checkProperty(
      fc.integer({ min: 0, max: 1000 }),
      async (n) => {
        if (n >= 17) throw new CaseFailure(`${n} users is too many`, raw(n), "a test case");
      },
      { runs: 200, seed: 5, file: "property-tests/x.test.ts" },
    );
    await expect(failure).rejects.toThrow(/17 users is too many/);
    const message = await failure.then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toMatch(/replay: LAB_SEED=5 npx vitest run property-tests\/x\.test\.ts/);
    expect(message).toMatch(/LAB_PATH="[\d:]+"/);
    const yaml = message.slice(message.indexOf("name: shrunk-17"));
    expect(parse(yaml)).toEqual(raw(17));
  });

  it("passes quietly when the property holds, with the count of cases and the seed", async () => {
    expect(await checkProperty(fc.nat(), async () => undefined, { runs: 7, seed: 3 })).toEqual({ numRuns: propertyRuns(7), seed: 3 });
  });

  it("a failure that is not a scenario's still says what and how to replay", async () => {
    await expect(checkProperty(fc.nat(), async () => { throw new Error("plain"); }, { runs: 5, seed: 2 })).rejects.toThrow(/plain[\s\S]*LAB_SEED=2[\s\S]*counter-example: \[0\]/);
  });
});

describe("scenario YAML", () => {
  it("is in the catalog's style and loads back as the same scenario", () => {
    const text = scenarioYaml(raw(3));
    expect(text).toContain("  - upgrade: { host: APR01, component: apr-server, to: \"3.23\" }");
    expect(text).toContain("  - verify: [ enroll, reset ]");
    const scenario = parseScenarioYaml(text, { registry: defaultRegistry() });
    expect(scenario.name).toBe("shrunk-3");
    expect(scenario.plan.map((s) => s.verb)).toEqual(["upgrade", "verify"]);
  });
});

describe("seeds", () => {
  it("LAB_SEED pins the seed; npm test uses the fixed CI seed; a bad LAB_SEED is refused", () => {
    expect(propertySeed({ LAB_SEED: "1234" })).toBe(1234);
    expect(propertySeed({})).toBe(CI_SEED);
    expect(() => propertySeed({ LAB_SEED: "abc" })).toThrow(/LAB_SEED must be an integer/);
    expect(propertySeed({ LAB_DEEP: "1" })).not.toBe(CI_SEED);
  });
});
