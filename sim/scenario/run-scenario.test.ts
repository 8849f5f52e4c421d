import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LabError, traceHash } from "../kernel/index.ts";
import type { VerbDef } from "../product/index.ts";
import { remediedScenario, runMatrix, runItems, runScenario, summariseEvents, validateScenario, type Scenario } from "./index.ts";
import { testRegistry, testWidget, widgetScenario } from "./test-product/index.ts";

const registry = testRegistry();
const scenario = (patch: (raw: Record<string, any>) => void = () => {}): Scenario => {
  const raw = widgetScenario();
  patch(raw);
  return validateScenario(raw, { registry, file: "t.yaml" });
};

describe("runScenario", () => {
  it("passes a healthy plan: steps recorded with what they did, rules checked, final healthy", async () => {
    const r = await runScenario(scenario(), { registry });
    expect(r.status).toBe("passed");
    expect(r.final).toBe("healthy");
    expect(r.steps.map((s) => [s.index, s.verb])).toEqual([[1, "install"], [2, "verify"]]);
    expect(r.steps[0]!.summary.join("\n")).toMatch(/APP01 widget: widget.install/);
    expect(r.coverage).toEqual({ found: [], checked: ["test.req.os", "test.runtime.ping"] });
    expect(r.replay).toBe("npx lab run t.yaml --seed 1");
  });

  it("raises a blocked finding with rule defaults and trace evidence when the OS is unsupported, and none when it is", async () => {
    const blocked = await runScenario(scenario((raw) => (raw.plan = [{ install: { host: "OLD01", version: "2.0" } }])), { registry });
    expect(blocked.status).toBe("failed");
    const [f] = blocked.findings;
    expect(f).toMatchObject({ rule: "test.req.os", severity: "blocked", step: 1, host: "OLD01", remedy: "Install the widget on a host running Windows Server 2016 or later.", source: { file: "test-widget.txt", section: "Requirements" } });
    expect(blocked.trace[f!.evidence[0]! - 1]).toMatchObject({ kind: "prereq.os", data: { supported: false } });
    const ok = await runScenario(scenario(), { registry });
    expect(ok.findings).toEqual([]);
  });

  it("dedupes identical rule + step + host findings, merging their evidence", async () => {
    const twice: VerbDef<{ host: string }> = {
      name: "twice",
      description: "raises one rule twice",
      args: z.strictObject({ host: z.string() }),
      async run(ctx, a) {
        const e1 = ctx.lab.trace.record({ host: a.host, component: "t", kind: "one" });
        ctx.raise({ rule: "test.runtime.ping", host: a.host, evidence: [e1.id] });
        const e2 = ctx.lab.trace.record({ host: a.host, component: "t", kind: "two" });
        ctx.raise({ rule: "test.runtime.ping", host: a.host, evidence: [e2.id] });
        ctx.raise({ rule: "test.runtime.ping", host: "OLD01" });
      },
    };
    const reg = testRegistry([{ ...testWidget, verbs: [...testWidget.verbs, twice] }]);
    const s = validateScenario({ ...widgetScenario(), plan: [{ twice: { host: "APP01" } }], expect: { findings: [{ rule: "test.runtime.ping" }] } }, { registry: reg });
    const r = await runScenario(s, { registry: reg });
    const atStep1 = r.findings.filter((f) => f.step === 1);
    expect(atStep1.map((f) => [f.host, f.evidence.length])).toEqual([["APP01", 2], ["OLD01", 1]]);
  });

  it("turns a LabError in a step into an error result with its code, and a finding of its rule", async () => {
    const refusing: VerbDef<Record<string, never>> = {
      name: "refuse",
      description: "throws a LabError naming a rule",
      args: z.strictObject({}),
      async run() {
        throw new LabError({ code: "WIDGET_REFUSED", message: "the widget refuses", ruleId: "test.req.os", remedy: "ask nicely" });
      },
    };
    const reg = testRegistry([{ ...testWidget, verbs: [...testWidget.verbs, refusing] }]);
    const s = validateScenario({ ...widgetScenario(), plan: [{ install: { host: "APP01", version: "1.0" } }, { refuse: {} }, { verify: "ping" }] }, { registry: reg });
    const r = await runScenario(s, { registry: reg });
    expect(r.status).toBe("error");
    if (r.status !== "error") return;
    expect(r.error).toEqual({ kind: "lab", code: "WIDGET_REFUSED", message: "the widget refuses", step: 2, ruleId: "test.req.os", remedy: "ask nicely" });
    expect(r.findings).toMatchObject([{ rule: "test.req.os", step: 2, message: "the widget refuses", remedy: "ask nicely" }]);
    expect(r.steps).toHaveLength(2); // the third step never ran
  });

  it("reports a product bug as an internal error with its stack, and a LabError without rule adds no finding", async () => {
    const crash = await runScenario(scenario((raw) => raw.plan.push({ break: { host: "APP01" } })), {
      registry: testRegistry([{ ...testWidget, verbs: testWidget.verbs.map((v) => (v.name === "break" ? { ...v, run: async () => { throw new TypeError("oops"); } } : v)) }]),
    });
    expect(crash.status).toBe("error");
    if (crash.status === "error") expect(crash.error).toMatchObject({ kind: "internal", code: "INTERNAL", message: "oops", step: 3, stack: expect.stringContaining("TypeError") });

    const notInstalled = await runScenario(scenario((raw) => (raw.plan = [{ break: { host: "APP01" } }])), { registry });
    expect(notInstalled.status).toBe("error");
    if (notInstalled.status === "error") expect(notInstalled.error).toMatchObject({ kind: "lab", code: "WIDGET_NOT_INSTALLED", step: 1 });
    expect(notInstalled.findings).toEqual([]);
  });

  it("resolves faults against the catalog's defaults and seeds installed components at step 0", async () => {
    const r = await runScenario(
      scenario((raw) => {
        raw.faults = ["widget-deaf"];
        raw.lab.hosts[0].installed = { widget: "1.0" };
        raw.plan = [{ verify: "ping" }];
        raw.expect = { findings: [{ rule: "test.runtime.ping", step: 1 }], final: "broken" };
      }),
      { registry },
    );
    expect(r.faults).toEqual([{ name: "widget-deaf", params: { probability: 1 } }]);
    expect(r.trace.find((e) => e.kind === "widget.seeded")).toMatchObject({ host: "APP01", data: { version: "1.0" } });
    expect(r.status).toBe("passed");
  });

  it("runs the remedied variant: the remedy's parts replace the scenario's and it must end healthy", async () => {
    const s = scenario((raw) => {
      raw.faults = ["widget-deaf"];
      raw.expect = { findings: [{ rule: "test.runtime.ping", step: 2 }], final: "broken" };
      raw.remedy = { description: "no fault" };
    });
    const remedied = remediedScenario(s)!;
    expect(remedied.faults).toEqual([]);
    expect(remedied.expect).toEqual({ findings: [], absent: [], final: "healthy" });
    expect((await runScenario(s, { registry })).status).toBe("passed");
    expect((await runScenario(remedied, { registry, variant: "remedy" })).status).toBe("passed");
    expect(remediedScenario(scenario())).toBeUndefined();
  });
});

describe("determinism", () => {
  const flaky = scenario((raw) => {
    raw.faults = [{ name: "widget-deaf", params: { probability: 0.5 } }];
    raw.plan = [{ install: { host: "APP01", version: "2.0" } }, ...Array.from({ length: 6 }, () => ({ verify: "ping" }))];
    raw.expect = {};
  });

  it("gives the same trace hash and findings for the same seed, across two runs", async () => {
    const a = await runScenario(flaky, { registry, seed: 99 });
    const b = await runScenario(flaky, { registry, seed: 99 });
    expect(a.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.findings).toEqual(a.findings);
  });

  it("gives the hash of its trace and each step's summary however they are read: directly, spread, or as JSON", async () => {
    const r = await runScenario(scenario(), { registry });
    expect(r.traceHash).toBe(traceHash(r.trace));
    const step = r.steps[0]!;
    expect(step.summary).toEqual(summariseEvents(r.trace.slice(step.trace.from, step.trace.to)));
    const copy = { ...r };
    expect(copy.traceHash).toBe(r.traceHash);
    const json = JSON.parse(JSON.stringify(r));
    expect(json.traceHash).toBe(r.traceHash);
    expect(json.steps[0].summary).toEqual(step.summary);
  });

  it("gives different traces for different seeds when the fault rolls dice", async () => {
    const hashes = new Set<string>();
    for (const seed of [1, 2, 3, 4]) hashes.add((await runScenario(flaky, { registry, seed })).traceHash);
    expect(hashes.size).toBeGreaterThan(1);
  });

  it("sweeps consecutive seeds, and a shard's runs equal the same runs unsharded", async () => {
    const items = runMatrix([flaky, scenario()], { seed: 10, seeds: 3 });
    expect(items.map((i) => [i.scenario.name, i.seed])).toEqual([
      ["widget-test", 10], ["widget-test", 11], ["widget-test", 12],
      ["widget-test", 10], ["widget-test", 11], ["widget-test", 12],
    ]);
    const all = await runItems(items, { registry });
    const shards = await Promise.all([1, 2, 3].map((index) => runItems(runMatrix([flaky, scenario()], { seed: 10, seeds: 3, shard: { index, count: 3 } }), { registry })));
    const key = (r: { seed: number; traceHash: string; steps: readonly unknown[] }) => `${r.seed}:${r.steps.length}:${r.traceHash}`;
    expect(shards.flat().map(key).sort()).toEqual(all.map(key).sort());
    expect(shards.map((s) => s.length)).toEqual([2, 2, 2]);
  });
});
