import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/scenario/index.ts";
import { aprHttpsScenario, catalogScenario, registry } from "./pages-test-kit.ts";
import { runScenarioLab } from "./scenario-lab.ts";

describe("runScenarioLab", () => {
  it("runs the plan as lab run does: same findings, same final state, the same trace to the byte; and keeps the lab", async () => {
    const { plan } = catalogScenario("specops-password-reset", "spr-dmz-certificate-misses-external-name");
    const kept = await runScenarioLab(plan, { registry });
    const reported = await runScenario(plan, { registry });
    expect(kept.findings).toEqual(reported.findings);
    expect(kept.final).toBe("degraded");
    expect(kept.final).toBe(reported.final);
    expect(kept.lab.trace.hash()).toBe(reported.traceHash);
    expect(kept.lab.iis("DMZ01")?.site("Default Web Site")).toBeDefined();
  });

  it("without the final checks, stops after the plan: no final state, no final step in the trace", async () => {
    const run = await runScenarioLab(aprHttpsScenario(), { registry, final: false, seed: 99 });
    expect(run.final).toBeUndefined();
    expect(run.seed).toBe(99);
    expect(run.lab.trace.find((e) => e.kind === "scenario.final")).toEqual([]);
    expect(run.lab.trace.find((e) => e.kind === "scenario.step")).toHaveLength(1);
  });

  it("passes on a step's LabError (bad input for the CLI), and refuses a product the registry lacks", async () => {
    await expect(runScenarioLab(aprHttpsScenario("cert: { host: PC01, bind: { name: web } }"), { registry, final: false })).rejects.toMatchObject({ code: "IIS_NOT_INSTALLED" });
    await expect(runScenarioLab({ ...aprHttpsScenario(), product: "nope" }, { registry })).rejects.toThrow(/product "nope" is not in the registry/);
  });
});
