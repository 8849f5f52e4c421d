import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REPORT_FORMAT, REPORT_VERSION, reportJsonSchema, reportSchema, runScenario, toHtmlReport, toJsonReport, toJunitXml, validateScenario, type ScenarioResult } from "./index.ts";
import { testRegistry, widgetScenario } from "./test-product/index.ts";

const registry = testRegistry();

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A small, strict XML reader: enough to prove the report is well formed and to count its elements. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  let i = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  const entity = /&(amp|lt|gt|quot|apos|#\d+);/y;
  const decode = (s: string) => {
    for (let k = s.indexOf("&"); k >= 0; k = s.indexOf("&", k + 1)) {
      entity.lastIndex = k;
      if (!entity.test(s)) throw new Error(`bad entity at ${s.slice(k, k + 10)}`);
    }
    if (/[<]/.test(s)) throw new Error("raw < in text");
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  };
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim()) {
      if (stack.length === 1) throw new Error("text outside the root element");
      stack.at(-1)!.text += decode(text);
    }
    if (lt < 0) break;
    const gt = xml.indexOf(">", lt);
    if (gt < 0) throw new Error("unclosed tag");
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${open?.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*\/?$/.exec(tag);
    if (!m) throw new Error(`malformed tag <${tag}>`);
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const el: XmlElement = { name: m[1]!, attrs, children: [], text: "" };
    if (stack.length === 1 && root.children.length > 0) throw new Error("two root elements");
    stack.at(-1)!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> never closed`);
  return root.children[0]!;
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

async function sampleResults(): Promise<ScenarioResult[]> {
  // Names are one word, but a TS scenario could carry anything: the reports must escape it.
  const passing = { ...validateScenario(widgetScenario(), { registry, file: "a.yaml" }), name: "ok-<&>" };
  const failing = validateScenario({ ...widgetScenario(), name: "fails", plan: [{ install: { host: "OLD01", version: "2.0" } }], expect: { findings: [] } }, { registry, file: "b.yaml" });
  const erroring = validateScenario({ ...widgetScenario(), name: "errs", plan: [{ break: { host: "APP01" } }] }, { registry, file: "c.yaml" });
  return [await runScenario(passing, { registry }), await runScenario(failing, { registry }), await runScenario(erroring, { registry })];
}

describe("the XML checker itself", () => {
  it("rejects what is not well formed", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml("<a>fish & chips</a>")).toThrow();
    expect(parseXml('<a x="&lt;"><b/>t &amp; u</a>')).toMatchObject({ name: "a", attrs: { x: "<" }, text: "t & u" });
  });
});

describe("JUnit report", () => {
  it("parses as XML with one testcase per run and the right counts; failures show expected against actual and the replay", async () => {
    const results = await sampleResults();
    expect(results.map((r) => r.status)).toEqual(["passed", "failed", "error"]);
    const doc = parseXml(toJunitXml(results));
    expect(doc.name).toBe("testsuites");
    expect(doc.attrs).toMatchObject({ tests: "3", failures: "1", errors: "1" });
    const cases = all(doc, "testcase");
    expect(cases.map((c) => c.attrs.name)).toEqual(["ok-<&> seed 1", "fails seed 1", "errs seed 1"]);
    const failure = all(doc, "failure");
    expect(failure).toHaveLength(1);
    expect(failure[0]!.attrs.message).toBe("unexpected: blocked test.req.os at step 1 on OLD01: the widget cannot be installed on this operating system");
    expect(failure[0]!.text).toContain("expected findings: none\n");
    expect(failure[0]!.text).toContain("actual findings:   blocked test.req.os at step 1 on OLD01; final degraded");
    expect(failure[0]!.text).toContain("replay: npx lab run b.yaml --seed 1");
    expect(all(doc, "error")[0]!.attrs.type).toBe("WIDGET_NOT_INSTALLED");
  });

  it("is an empty but valid suite list when nothing ran", () => {
    expect(parseXml(toJunitXml([])).attrs).toMatchObject({ tests: "0", failures: "0", errors: "0" });
  });
});

describe("JSON report", () => {
  it("validates against its own schema, carries what a replay needs, and is deterministic", async () => {
    const results = await sampleResults();
    const report = JSON.parse(JSON.stringify(toJsonReport(results, { name: "lab", version: "0.0.0" })));
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ format: REPORT_FORMAT, version: REPORT_VERSION, summary: { total: 3, passed: 1, failed: 1, error: 1 } });
    const failed = report.results[1];
    expect(failed).toMatchObject({ name: "fails", file: "b.yaml", seed: 1, replay: "npx lab run b.yaml --seed 1", faults: [], lab: { hosts: [{ name: "APP01" }, { name: "OLD01" }] } });
    expect(failed.steps[0]).toMatchObject({ verb: "install", args: { host: "OLD01", version: "2.0" } });
    expect(failed.findings[0].evidenceEvents[0]).toMatchObject({ kind: "prereq.os", host: "OLD01" });
    expect(report.results[2].error).toMatchObject({ kind: "lab", code: "WIDGET_NOT_INSTALLED" });
    const again = JSON.parse(JSON.stringify(toJsonReport(await sampleResults(), { name: "lab", version: "0.0.0" })));
    expect(again).toEqual(report);
  });

  it("the schema rejects a report of another shape", () => {
    expect(reportSchema.safeParse({ format: REPORT_FORMAT, version: 2, tool: { name: "lab", version: "x" }, summary: { total: 0, passed: 0, failed: 0, error: 0 }, results: [] }).success).toBe(false);
  });

  it("exports a JSON Schema that names the versioned shape", () => {
    const schema = reportJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(["format", "version", "results"]));
    expect(JSON.stringify(schema.properties.version)).toContain(String(REPORT_VERSION));
    expect(z.toJSONSchema).toBeTypeOf("function");
  });
});

describe("HTML report", () => {
  it("is one self-contained page: no external resources, escaped text, a timeline with findings and evidence", async () => {
    const html = toHtmlReport(await sampleResults());
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);
    expect(html).toContain("<style>");
    expect(html).toContain("ok-&lt;&amp;&gt;");
    expect(html).not.toContain("ok-<&>");
    expect(html).toContain("test.req.os");
    expect(html).toContain("Requirements");
    expect(html).toContain("Remedy: Install the widget on a host running Windows Server 2016 or later.");
    expect(html).toMatch(/<details class="evidence"><summary>Trace evidence #\d+<\/summary><pre>[^<]*prereq\.os/);
    expect(html).toContain("npx lab run b.yaml --seed 1");
    expect(html).toContain("1 passed, 1 failed, 1 error");
  });

  it("says when the catalog is empty", () => {
    expect(toHtmlReport([])).toContain("the catalog is empty");
  });
});
