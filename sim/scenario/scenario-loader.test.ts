import { describe, expect, it } from "vitest";
import { formatIssue, isScenarioInvalid, parseScenarioYaml, validateScenario, type ScenarioInvalidError } from "./index.ts";
import { BUILTIN_VERBS as BUILTIN_VERB_LIST } from "./index.ts";
import { testRegistry, widgetScenario } from "./test-product/index.ts";

const registry = testRegistry();

/** The formatted issues of an invalid scenario (fails the test when it is valid). */
function issuesOf(raw: unknown): string[] {
  try {
    validateScenario(raw, { registry, file: "t.yaml" });
  } catch (error) {
    if (!isScenarioInvalid(error)) throw error;
    return (error as ScenarioInvalidError).issues.map(formatIssue);
  }
  throw new Error("expected the scenario to be invalid");
}

function yamlIssues(text: string): string[] {
  try {
    parseScenarioYaml(text, { registry, file: "t.yaml" });
  } catch (error) {
    if (!isScenarioInvalid(error)) throw error;
    return error.issues.map(formatIssue);
  }
  throw new Error("expected the YAML to be invalid");
}

describe("validateScenario", () => {
  it("accepts a valid scenario and normalises defaults", () => {
    const s = validateScenario(widgetScenario(), { registry, file: "t.yaml" });
    expect(s.plan).toEqual([
      { verb: "install", args: { host: "APP01", version: "2.0" } },
      { verb: "verify", args: "ping" },
    ]);
    expect(s.faults).toEqual([]);
    expect(s.expect).toEqual({ findings: [], final: "healthy", absent: [] });
    expect(s.file).toBe("t.yaml");
  });

  it("names a missing field by path", () => {
    const raw = widgetScenario();
    delete raw.seed;
    expect(issuesOf(raw)).toEqual(["seed: required (number)"]);
  });

  it("names a wrong type by path, and says to quote versions read as numbers", () => {
    const raw = widgetScenario();
    raw.lab.hosts[0].os = 2019;
    raw.plan[0].install.version = 2.0;
    expect(issuesOf(raw)).toEqual(['lab.hosts[0].os: 2019 is not one of "windows-server-2003", "windows-server-2003-r2", "windows-server-2008", "windows-server-2008-r2", "windows-server-2012", "windows-server-2012-r2", "windows-server-2016", "windows-server-2019", "windows-server-2022", "windows-xp", "windows-vista", "windows-7", "windows-8.1", "windows-10", "windows-11"']);
    const fixedOs = widgetScenario();
    fixedOs.plan[0].install.version = 2.0;
    expect(issuesOf(fixedOs)[0]).toMatch(/^plan\[0\]\.install\.version: expected text, got the number 2; quote it/);
    const installed = widgetScenario();
    installed.lab.hosts[0].installed = { widget: 1.1 };
    expect(issuesOf(installed)).toEqual(['lab.hosts[0].installed.widget: expected text, got the number 1.1; quote it ("1.1") — YAML reads 3.20 as 3.2']);
  });

  it("suggests the nearest key for an unknown one", () => {
    const raw = widgetScenario();
    raw.lab.hosts[0].instaled = { widget: "1.0" };
    expect(issuesOf(raw)).toEqual([expect.stringMatching(/^lab\.hosts\[0\]\.instaled: unknown key \(did you mean "installed"\?\)/)]);
  });

  it("refuses a step naming a host the lab does not have, and accepts it once the host exists", () => {
    const raw = widgetScenario();
    raw.plan[0].install.host = "APP02";
    expect(issuesOf(raw)).toEqual(['plan[0].install.host: no host APP02 in lab.hosts (did you mean "APP01"?)']);
    raw.lab.hosts.push({ name: "APP02", os: "windows-server-2022" });
    expect(() => validateScenario(raw, { registry })).not.toThrow();
    // as on Windows, names are case-insensitive and a DNS name's first label is the host
    raw.plan[0].install.host = "app02.corp.example";
    expect(() => validateScenario(raw, { registry })).not.toThrow();
    raw.lab.hosts.push({ name: "app01", os: "windows-server-2022" });
    expect(issuesOf(raw)).toEqual(["lab.hosts[3].name: host app01 is already defined at lab.hosts[0]"]);
  });

  it("refuses an unknown component version in a step and in installed, naming the modelled versions", () => {
    const raw = widgetScenario();
    raw.plan[0].install.version = "9.9";
    raw.lab.hosts[1].installed = { widget: "0.1", sprocket: "1.0" };
    expect(issuesOf(raw)).toEqual([
      'lab.hosts[1].installed.widget: widget has no version "0.1"; the lab models 1.0, 1.1, 2.0',
      'lab.hosts[1].installed.sprocket: no component "sprocket"; known: widget',
      'plan[0].install.version: widget has no version "9.9"; the lab models 1.0, 1.1, 2.0',
    ]);
  });

  it("refuses an unknown rule in expect (findings and absent), suggesting the closest", () => {
    const raw = widgetScenario();
    raw.expect.findings = [{ rule: "test.runtime.pong", step: 2 }];
    raw.expect.absent = ["test.req.oss"];
    expect(issuesOf(raw)).toEqual([
      'expect.findings[0].rule: test-widget has no rule "test.runtime.pong" (did you mean "test.runtime.ping"?)',
      'expect.absent[0]: test-widget has no rule "test.req.oss" (did you mean "test.req.os"?)',
    ]);
  });

  it("refuses expectations past the plan and on hosts the lab does not have", () => {
    const raw = widgetScenario();
    raw.expect.findings = [{ rule: "test.runtime.ping", step: 4, host: "NOPE01" }];
    expect(issuesOf(raw)).toEqual([
      "expect.findings[0].step: step 4 is past the plan: steps are 1..2, 3 is the final check, 0 the lab build",
      "expect.findings[0].host: no host NOPE01 in lab.hosts",
    ]);
    raw.expect.findings = [{ rule: "test.runtime.ping", step: 3, host: "APP01" }];
    expect(() => validateScenario(raw, { registry })).not.toThrow();
  });

  it("refuses an unknown fault and unknown or mistyped fault parameters", () => {
    const raw = widgetScenario();
    raw.faults = ["widget-def", { name: "widget-deaf", params: { probabilty: 0.5 } }, { name: "widget-deaf", params: { probability: "high" } }];
    expect(issuesOf(raw)).toEqual([
      'faults[0]: unknown fault "widget-def" (did you mean "widget-deaf"?); known: widget-deaf',
      'faults[1].params.probabilty: fault "widget-deaf" has no parameter "probabilty" (did you mean "probability"?); it has: probability',
      'faults[2].params.probability: expected a number (default 1), got "high"',
    ]);
    raw.faults = ["widget-deaf", { name: "widget-deaf", params: { probability: 0.5 } }];
    expect(validateScenario(raw, { registry }).faults).toEqual([
      { name: "widget-deaf", params: {} },
      { name: "widget-deaf", params: { probability: 0.5 } },
    ]);
  });

  it("refuses an unknown verb, suggesting the closest and listing the known ones", () => {
    const raw = widgetScenario();
    raw.plan.push({ instal: { host: "APP01", version: "2.0" } });
    const known = [...BUILTIN_VERB_LIST.map((v) => v.name), "install", "break"].sort().join(", ");
    expect(issuesOf(raw)).toEqual([`plan[2]: unknown verb "instal" (did you mean "install"?); known: ${known}`]);
  });

  it("refuses malformed steps: not an object, two verbs, bad args of a built-in verb", () => {
    const raw = widgetScenario();
    raw.plan = ["install", { install: { host: "APP01", version: "2.0" }, verify: "ping" }, { advance: {} }, { verify: "pong" }];
    expect(issuesOf(raw)).toEqual([
      'plan[0]: a step is a one-key object such as { verify: reset }, got "install"',
      'plan[1]: a step has one verb; found "install", "verify"',
      "plan[2].advance: say how long: one of ms, seconds, minutes, hours, days",
      'plan[3].verify: expected one of "ping" or a list, got text "pong"',
    ]);
  });

  it("refuses an unknown product, and says when none is registered", () => {
    const raw = widgetScenario();
    raw.product = "test-widgets";
    expect(issuesOf(raw)).toEqual(['product: unknown product "test-widgets" (did you mean "test-widget"?); known: test-widget']);
    expect(() => validateScenario(widgetScenario(), { registry: testRegistry([]) })).toThrow(/no products are registered/);
  });

  it("checks the remedy against its own lab and plan", () => {
    const raw = widgetScenario();
    raw.remedy = { plan: [{ install: { host: "NEW01", version: "2.0" } }], expect: { final: "broken" } };
    expect(issuesOf(raw)).toEqual([
      'remedy.expect.final: "broken" is not one of "healthy"',
    ]);
    raw.remedy.expect = {};
    expect(issuesOf(raw)).toEqual(["remedy.plan[0].install.host: no host NEW01 in lab.hosts"]);
    raw.remedy.lab = { hosts: [{ name: "NEW01", os: "windows-server-2022" }] };
    const s = validateScenario(raw, { registry });
    expect(s.remedy?.plan).toEqual([{ verb: "install", args: { host: "NEW01", version: "2.0" } }]);
  });
});

describe("parseScenarioYaml", () => {
  const valid = `name: y
product: test-widget
seed: 5
lab:
  hosts:
    - { name: APP01, os: windows-server-2019 }
plan:
  - install: { host: APP01, version: "1.1" }
    note: first
`;

  it("parses valid YAML, keeping notes", () => {
    expect(parseScenarioYaml(valid, { registry }).plan).toEqual([{ verb: "install", args: { host: "APP01", version: "1.1" }, note: "first" }]);
  });

  it("reports a YAML syntax error with its line", () => {
    const broken = valid.replace("seed: 5", "seed: [5");
    const issues = yamlIssues(broken);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatch(/^line \d+: YAML syntax error/);
  });

  it("reports a duplicate key as a syntax error on its line", () => {
    expect(yamlIssues(valid.replace("seed: 5", "seed: 5\nseed: 6"))).toEqual([expect.stringMatching(/^line 4: YAML syntax error: Map keys must be unique/)]);
  });

  it("gives schema and cross-reference issues the line they sit on", () => {
    expect(yamlIssues(valid.replace("host: APP01, version", "host: APP02, version"))).toEqual(["plan[0].install.host: no host APP02 in lab.hosts (did you mean \"APP01\"?) (line 8)"]);
    expect(yamlIssues(valid.replace("seed: 5\n", ""))).toEqual(["seed: required (number) (line 1)"]);
  });

  it("the error message names the file and every issue, for the CLI to print without a stack", () => {
    try {
      parseScenarioYaml(valid.replace("APP01, version", "APP02, version"), { registry, file: "scenarios/x.yaml" });
      expect.unreachable();
    } catch (error) {
      expect(isScenarioInvalid(error)).toBe(true);
      expect((error as Error).message).toBe('scenarios/x.yaml: invalid scenario\n  plan[0].install.host: no host APP02 in lab.hosts (did you mean "APP01"?) (line 8)');
      expect((error as ScenarioInvalidError).code).toBe("SCENARIO_INVALID");
    }
  });
});
