import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { baseSpec, dmzSpec, harness } from "./spr-test-kit.ts";

const dfsAndAdmx = (): LabSpec => {
  const base = baseSpec({ version: "6.3" });
  return {
    ...base,
    domain: { ...base.domain!, accounts: base.domain!.accounts!.map((a) => (a.name === "alice" ? { name: "alice", password: a.password } : a)) },
    hosts: [
      ...base.hosts.filter((h) => h.name !== "WS01"),
      { name: "FS02", os: "windows-server-2019", shares: [{ name: "Specops", path: "C:\\Shares\\Specops", readers: ["domain-computers"] }] },
      { name: "WS01", os: "windows-10", features: ["dotnet-3.5-sp1"], installed: { "spr-client": { version: "6.3", gpo: "Specops Client", share: "\\\\FS01\\Specops", dfsTargets: ["\\\\FS01\\Specops", "\\\\FS02\\Specops"], mobileAttribute: "extensionAttribute7" } } },
      { name: "WS02", os: "windows-10", arch: "x86", features: ["dotnet-3.5-sp1"], installed: { "spr-client": "6.3" } },
      { name: "WS03", os: "windows-11", features: ["dotnet-4.8"], installed: { "spr-client": "6.3" } },
    ],
  };
};

const ESTATES: [string, () => LabSpec][] = [
  ["internal, from 5.0 (new licence key)", () => baseSpec({ version: "5.0" })],
  ["internal and DMZ, from 7.0", () => dmzSpec()],
  ["DMZ web still at 4.1, the rest at 6.3", () => dmzSpec({ version: "6.3", dmzVersion: "4.1" })],
  ["DFS share, x86 and x64 workstations, 6.3 ADMX settings", dfsAndAdmx],
];

describe("planUpgrade: the documented plan, run in the lab, ends healthy", () => {
  for (const [name, spec] of ESTATES) {
    it(name, async () => {
      const h = await harness(spec());
      const plan = planUpgrade(h.lab);
      expect(plan.blockers).toEqual([]);
      const during = await h.run(plan.steps);
      expect(during.filter((f) => f.severity === "broken" || f.severity === "blocked")).toEqual([]);
      const { state, findings } = await h.final();
      expect(findings.filter((f) => f.severity !== "info" && f.rule !== "spr.license.new-key")).toEqual([]);
      expect(state).toBe("healthy");
    });
  }

  it("follows the documented order and adds the manual steps the estate needs", async () => {
    const h = await harness(dfsAndAdmx());
    const verbs = planUpgrade(h.lab).steps.map((s) => s.verb);
    const at = (v: string) => verbs.indexOf(v);
    expect(at("setup-server")).toBeLessThan(at("setup-web"));
    expect(at("setup-web")).toBeLessThan(at("setup-admin"));
    expect(at("setup-admin")).toBeLessThan(at("setup-client-gpsi"));
    expect(verbs.filter((v) => v === "copy-msi")).toHaveLength(2);
    expect(verbs).toContain("migrate-admx");
    expect(at("restart-computers")).toBeGreaterThan(at("copy-msi"));
    expect(verbs.at(-1)).toBe("verify");
  });

  it("names what blocks the upgrade, with the documented remedy, and nothing when the estate is ready", async () => {
    const old = baseSpec({ version: "4.0" });
    old.hosts = old.hosts.map((h) => (h.name === "SPR01" ? { ...h, features: [] } : h));
    const blockers = planUpgrade((await harness(old)).lab).blockers;
    expect(blockers.map((b) => [b.rule, b.host])).toEqual(expect.arrayContaining([["spr.upgrade.from-4.1", "SPR01"], ["spr.req.server.wif", "SPR01"], ["spr.upgrade.from-4.1", "WEB01"]]));
    expect(blockers.find((b) => b.rule === "spr.req.server.wif")?.remedy).toMatch(/Windows Identity Foundation/);
    expect(planUpgrade((await harness(baseSpec())).lab).blockers).toEqual([]);
  });
});
