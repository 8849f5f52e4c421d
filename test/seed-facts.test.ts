import { describe, expect, it } from "vitest";
import { PRODUCTS } from "../sim/scenario/index.ts";
import { FACTS_PATH, readSeedFacts } from "./seed-facts.ts";

const facts = readSeedFacts();
const rules = PRODUCTS.flatMap((p) => p.rules);

describe.skipIf(facts.length === 0 && !process.env["CI"])(`every fact of ${FACTS_PATH} is a rule`, () => {
  it("reads the facts (all three documents)", () => {
    expect(facts.length).toBeGreaterThan(100);
    expect(new Set(facts.map((f) => f.file)).size).toBe(3);
  });

  it.each(facts.map((f) => [f.id, f] as const))("%s has a rule with its kind, seed file and section", (_id, fact) => {
    const own = rules.filter((r) => r.fact === fact.id);
    expect(own.length, `no rule models ${fact.id}`).toBeGreaterThan(0);
    expect(own.map((r) => r.kind)).toContain(fact.kind);
    for (const rule of own) {
      expect(rule.source.file).toBe(fact.file);
      expect(rule.source.section).toBe(fact.section);
    }
  });

  it("no rule claims a fact the documents do not state", () => {
    const ids = new Set(facts.map((f) => f.id));
    const stray = rules.filter((r) => !ids.has(r.fact) || !(r.id === r.fact || r.id.startsWith(`${r.fact}.`)));
    expect(stray.map((r) => r.id)).toEqual([]);
  });

  it("advisory facts are listed with the reason they cannot be simulated, never dropped", () => {
    for (const fact of facts.filter((f) => f.kind === "advisory")) {
      const rule = rules.find((r) => r.fact === fact.id)!;
      expect(rule.advisory?.reason, fact.id).toMatch(/\w/);
    }
  });
});
