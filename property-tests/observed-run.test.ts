import { describe, expect, it } from "vitest";
import { defaultRegistry, loadScenarioFile, runScenario } from "../sim/scenario/index.ts";
import { snapshotDiff, snapshotEstate } from "./estate-snapshot.ts";
import { continueRun, judgeNow, runObserved } from "./observed-run.ts";

const registry = defaultRegistry();
const load = (path: string) => loadScenarioFile(new URL(`../scenarios/${path}`, import.meta.url).pathname, registry, `scenarios/${path}`);

// The properties look into labs through runObserved: it must run a scenario
// exactly as the lab's own runner does (same trace, findings, final state).
describe("runObserved agrees with runScenario", () => {
  for (const path of [
    "netwrix-password-reset/apr-322-web-upgraded-before-server.yaml",
    "specops-password-reset/spr-web-before-server.yaml",
    "specops-password-sync/sps-dcs-not-restarted.yaml",
    "specops-password-sync/sps-pcn-msi-without-uninstall.yaml",
  ]) {
    it(path, async () => {
      const scenario = load(path);
      const [ours, theirs] = [await runObserved(scenario, { registry }), await runScenario(scenario, { registry })];
      expect(ours.traceHash).toBe(theirs.traceHash);
      expect(ours.findings).toEqual(theirs.findings);
      expect(ours.final).toBe(theirs.final);
    });
  }

  it("a run goes on where it stopped, and the lab can be judged again at any time", async () => {
    const scenario = load("netwrix-password-reset/apr-322-web-upgraded-before-server.yaml");
    const half = await runObserved({ ...scenario, plan: scenario.plan.slice(0, 2) }, { registry, skipFinal: true });
    expect(half.final).toBeUndefined();
    const rest = await continueRun(half.lab, half.product, scenario.plan.slice(2), { registry }, half.collector, half.steps);
    expect(rest.traceHash).toBe((await runObserved(scenario, { registry })).traceHash);
    expect((await judgeNow(rest.lab, rest.product, 99)).final).toBe("healthy");
  });
});

describe("estate snapshots", () => {
  it("see configuration changes and nothing else; volatile paths are left out", async () => {
    const scenario = load("netwrix-password-reset/apr-322-server-upgraded-first.yaml");
    const run = await runObserved({ ...scenario, plan: [] }, { registry, skipFinal: true });
    const before = snapshotEstate(run.lab, [/^C:\\Scratch\\/i]);
    expect(snapshotDiff(before, snapshotEstate(run.lab, [/^C:\\Scratch\\/i]))).toEqual([]);
    const host = run.lab.host("APR01");
    host.fs.writeFile("C:\\Scratch\\x.txt", "ignored");
    expect(snapshotDiff(before, snapshotEstate(run.lab, [/^C:\\Scratch\\/i]))).toEqual([]);
    host.fs.writeFile("C:\\Inventory\\x.txt", "seen");
    host.registry.view(64).setValue("HKLM\\SOFTWARE\\Contoso", "Tag", { type: "REG_SZ", data: "1" });
    host.services.stop("APRService");
    run.lab.clock.advance(5_000);
    const diff = snapshotDiff(before, snapshotEstate(run.lab, [/^C:\\Scratch\\/i]));
    expect(diff.some((l) => l.startsWith("APR01.files.C:\\Inventory\\x.txt: absent ->"))).toBe(true);
    expect(diff.some((l) => l.startsWith("APR01.registry.64:"))).toBe(true);
    expect(diff.some((l) => l.startsWith("APR01.services:") && l.includes("STOPPED"))).toBe(true);
  });
});
