import { describe, expect, it } from "vitest";
import type { Lab } from "../../lab.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { specopsSync } from "./product.ts";
import { buildEstate, estateSpec, final, probe, runVerb } from "./test-kit.ts";

async function runPlan(lab: Lab): Promise<string[]> {
  const plan = await planUpgrade(lab);
  const raised: string[] = [];
  for (const step of plan.steps) {
    if (step.verb === "verify") {
      for (const name of step.args as string[]) {
        const p = probe(lab);
        await specopsSync.verifications.find((v) => v.name === name)!.run(p.ctx);
        raised.push(...p.findings.map((f) => f.rule));
      }
      continue;
    }
    raised.push(...(await runVerb(lab, step.verb, step.args)).findings.map((f) => f.rule));
  }
  return raised;
}

describe("planUpgrade: the documented order and manual steps, run in the lab, end healthy", () => {
  it("a 4.1 estate with a self-signed certificate the DCs do not trust and no licence", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1", trusted: false, license: false }));
    const plan = await planUpgrade(lab);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.map((s) => s.verb)).toEqual(["extract", "uninstall", "msi", "extract", "uninstall", "msi", "restart-dcs", "setup", "import-cert", "setup", "license", "verify"]);
    expect(await runPlan(lab)).toEqual([]);
    expect((await final(lab)).state).toBe("healthy");
  });

  it("three DCs, a DC without any notifier, a certificate about to expire and a server without .NET 4", async () => {
    const spec = estateSpec({ dcs: 3, pcn: "5.0", server: "5.0", admin: "6.2", certificate: [{ name: "sync", validDays: 20, trustedBy: ["DC01", "DC02", "DC03"] }], serverHost: { features: [] } });
    spec.hosts[2] = { ...spec.hosts[2]!, installed: {} };
    const lab = await buildEstate(spec);
    expect(await runPlan(lab)).toEqual([]);
    expect((await final(lab)).state).toBe("healthy");
  });

  it("names what it cannot fix: a Sync Server outside the domain, a component older than 4.1", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.0", server: "4.1", admin: "4.1", serverHost: { joined: false } }));
    const plan = await planUpgrade(lab);
    expect(plan.blockers.map((b) => `${b.rule}@${b.host}`).sort()).toEqual(["sps.req.sync.member@SYNC01", "sps.upgrade.from-4.1@DC01", "sps.upgrade.from-4.1@DC02"]);
    expect(plan.blockers.every((b) => b.remedy.length > 0)).toBe(true);
  });
});
