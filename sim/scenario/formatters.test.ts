import { describe, expect, it } from "vitest";
import { coverageMatrix, createProgress, formatArgs, formatCoverage, formatRulesTable, narrate, remediedScenario, runScenario, scenarioJsonSchema, validateScenario } from "./index.ts";
import { testRegistry, testWidget, widgetScenario } from "./test-product/index.ts";

const registry = testRegistry();

const deaf = validateScenario(
  {
    ...widgetScenario(),
    name: "deaf",
    description: "A deaf widget.",
    faults: ["widget-deaf"],
    plan: [{ install: { host: "APP01", version: "2.0" }, note: "install it" }, { verify: "ping" }],
    expect: { findings: [{ rule: "test.runtime.ping", step: 2 }], final: "broken" },
    remedy: { description: "Take the fault away." },
  },
  { registry, file: "deaf.yaml" },
);

describe("narrate", () => {
  it("tells what the operator did, what the estate did, what broke where, why, the remedy, and the remedied run", async () => {
    const result = await runScenario(deaf, { registry });
    const remedy = await runScenario(remediedScenario(deaf)!, { registry, variant: "remedy" });
    const text = narrate(result, registry, { result: remedy, description: "Take the fault away." })
      .map((s) => [s.title, ...s.lines].join("\n"))
      .join("\n\n");
    expect(text).toContain("Scenario deaf (Test Widget (test-only))");
    expect(text).toContain("widget-deaf (probability=1): Widgets miss pings.");
    expect(text).toContain("Step 1: install { host: APP01, version: 2.0 }\nThe operator: install it.");
    expect(text).toMatch(/Step 2: verify ping[\s\S]*BROKEN test\.runtime\.ping on APP01: the widget did not answer a ping\.\n {2}The trace shows it at #\d+: APP01 widget widget\.ping \{"answered":false\}/);
    expect(text).toContain('Why: An installed widget answers a ping. (test-widget.txt, section "Operation")');
    expect(text).toContain("Lab inference: The document does not say");
    expect(text).toContain("Remedy: Restart the widget, then ping it again.");
    expect(text).toContain("Final checks: the estate ends broken");
    expect(text).toContain("With the remedy applied\nTake the fault away.\nFaults: none.");
    expect(text).toContain("the remedy holds");
  });

  it("says nothing went wrong at a clean step, and explains a failure with the replay command", async () => {
    const failing = validateScenario({ ...widgetScenario(), expect: { findings: [{ rule: "test.req.os" }] } }, { registry, file: "f.yaml" });
    const sections = narrate(await runScenario(failing, { registry }), registry);
    expect(sections[1]!.lines).toContain("Nothing went wrong here.");
    const verdict = sections.at(-1)!;
    expect(verdict.title).toBe("Not as the scenario expects");
    expect(verdict.lines).toContain("missing: test.req.os");
    expect(verdict.lines).toContain("replay: npx lab run f.yaml --seed 1");
  });
});

describe("coverage and the rules table", () => {
  it("maps rules to the scenarios that found or checked them, listing unexercised and advisory rules apart", async () => {
    const results = [await runScenario(deaf, { registry }), await runScenario(remediedScenario(deaf)!, { registry, variant: "remedy" })];
    const matrix = coverageMatrix(testWidget.rules, results);
    expect(matrix.rules).toEqual([
      { rule: "test.req.os", product: "test-widget", found: [], checked: ["deaf"] },
      { rule: "test.runtime.ping", product: "test-widget", found: ["deaf"], checked: [] },
      { rule: "test.plan.notes", product: "test-widget", found: [], checked: [] },
    ]);
    expect(matrix.unexercised).toEqual([]);
    expect(matrix.advisory).toEqual(["test.plan.notes"]);
    expect(coverageMatrix(testWidget.rules, []).unexercised).toEqual(["test.req.os", "test.runtime.ping"]);
    expect(formatCoverage(coverageMatrix(testWidget.rules, []))).toContain("Not exercised by any scenario (2): test.req.os, test.runtime.ping");
  });

  it("tables every rule with its source, marking lab inferences and advisory reasons", () => {
    const table = formatRulesTable(testWidget.rules);
    expect(table.split("\n")[0]).toMatch(/^id\s+kind\s+product\s+source\s+message\s+remedy\s+lab inference$/);
    expect(table).toContain("test-widget.txt § Requirements");
    expect(table).toContain("lab inference: The document");
    expect(table).toContain("[advisory:");
    expect(formatRulesTable([])).toBe("No rules: no product is registered.");
  });
});

describe("progress", () => {
  it("writes plain lines without a terminal and one redrawn bar on a terminal", async () => {
    const result = await runScenario(deaf, { registry });
    let plain = "";
    const p1 = createProgress({ write: (t) => void (plain += t), isTTY: false }, 2);
    p1.update(result, 1);
    p1.finish();
    expect(plain).toBe(`PASS  deaf seed 1 trace ${result.traceHash.slice(0, 12)}\n`);
    let tty = "";
    const p2 = createProgress({ write: (t) => void (tty += t), isTTY: true }, 2, false);
    p2.update(result, 1);
    p2.finish();
    expect(tty).toBe(`\r\x1b[2K${"█".repeat(12)}${"░".repeat(12)} 1/2 1 passed 0 failed 0 errors deaf seed 1\n`);
  });
});

describe("the editor's JSON Schema", () => {
  it("offers the registry's products, faults, rules and each verb's step", () => {
    const schema = JSON.stringify(scenarioJsonSchema(registry));
    expect(schema).toContain('"enum":["test-widget"]');
    expect(schema).toContain('"enum":["widget-deaf"]');
    expect(schema).toContain('"test.runtime.ping"');
    for (const verb of ["install", "break", "advance", "verify"]) expect(schema).toContain(`"required":["${verb}"]`);
    expect(JSON.parse(schema).$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("still describes the file when no product is registered", () => {
    const schema = scenarioJsonSchema(testRegistry([])) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["name", "product", "seed", "description", "lab", "faults", "plan", "expect", "remedy"]);
  });
});

describe("formatArgs", () => {
  it("writes args as an operator would", () => {
    expect(formatArgs({ host: "WEB01", to: "3.23" })).toBe("{ host: WEB01, to: 3.23 }");
    expect(formatArgs(["enroll", "reset"])).toBe("[enroll, reset]");
    expect(formatArgs("two words")).toBe('"two words"');
  });
});
