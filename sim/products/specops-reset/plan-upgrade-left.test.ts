import { describe, expect, it } from "vitest";
import type { HostSpec, LabSpec } from "../../lab-spec.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { BRANDING_DIR } from "./paths.ts";
import { sprState } from "./spr-state.ts";
import { baseSpec, dmzSpec, harness, type Harness } from "./spr-test-kit.ts";

const verbs = (h: Harness) => planUpgrade(h.lab).steps.map((s) => s.verb);
const withHost = (spec: LabSpec, name: string, change: (h: HostSpec) => HostSpec): LabSpec => ({ ...spec, hosts: spec.hosts.map((h) => (h.name === name ? change(h) : h)) });
const serious = (h: Harness) => h.findings.filter((f) => f.severity === "broken" || f.severity === "blocked");

describe("planUpgrade plans what is left, read from the estate", () => {
  it("has nothing but the post-upgrade tests on an estate at the version", async () => {
    const h = await harness(dmzSpec({ version: "8.0" }));
    const plan = planUpgrade(h.lab);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.map((s) => s.verb)).toEqual(["verify"]);
  });

  it("has nothing left once its own plan ran; the plan run again still ends healthy", async () => {
    const h = await harness(dmzSpec({ version: "5.0" }));
    const first = planUpgrade(h.lab);
    await h.run(first.steps);
    expect(verbs(h)).toEqual(["verify"]);
    await h.run(first.steps);
    expect(serious(h)).toEqual([]);
    expect((await h.final()).state).toBe("healthy");
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("upgrades only the components below the version", async () => {
    const h = await harness(withHost(baseSpec({ version: "8.0" }), "ADM01", (a) => ({ ...a, installed: { "spr-admin": "7.0" } })));
    expect(verbs(h)).toEqual(["setup-admin", "verify"]);
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("keeps the branding only over a Web being upgraded", async () => {
    const web = await harness(withHost(baseSpec({ version: "8.0" }), "WEB01", (w) => ({ ...w, installed: { "spr-web": { version: "7.0", names: ["reset.corp.example"], certificate: "web" } } })));
    expect(verbs(web)).toEqual(["branding", "setup-web", "branding", "verify"]);
    expect(verbs(await harness(baseSpec({ version: "8.0" })))).not.toContain("branding");
  });

  it("puts back a branding the Web lost over its upgrade when the backup holds it, and not when the backup is missing", async () => {
    const h = await harness(withHost(baseSpec({ version: "7.0" }), "WEB01", (w) => w));
    await h.step("branding", { host: "WEB01", action: "backup" });
    await h.run(planUpgrade(h.lab).steps.filter((s) => s.verb !== "branding"));
    expect(h.lab.host("WEB01").fs.readText(`${BRANDING_DIR}\\logo.png`)).not.toBe(sprState(h.lab).branding.get("WEB01"));
    expect(planUpgrade(h.lab).steps.map((s) => [s.verb, s.args])).toEqual([["branding", { host: "WEB01", action: "restore" }], ["verify", expect.anything()]]);
    const without = await harness(baseSpec({ version: "7.0" }));
    await without.run(planUpgrade(without.lab).steps.filter((s) => s.verb !== "branding"));
    expect(verbs(without)).toEqual(["verify"]);
  });

  it("restarts only the workstations that do not run the deployed Client yet", async () => {
    const h = await harness(baseSpec({ version: "8.0", extraHosts: [{ name: "WS02", os: "windows-10", features: ["dotnet-3.5-sp1"] }] }));
    expect(planUpgrade(h.lab).steps.map((s) => [s.verb, s.args])).toEqual([["restart-computers", { hosts: ["WS02"] }], ["verify", expect.anything()]]);
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("upgrades the Client's deployment when its packages are behind, with the copy and the restart", async () => {
    const h = await harness(baseSpec({ version: "8.0", clientVersion: "7.0" }));
    expect(verbs(h)).toEqual(["setup-client-gpsi", "copy-msi", "restart-computers", "verify"]);
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("copies the msi to a share that lost it, running the Setup Assistant again for its files", async () => {
    const h = await harness(baseSpec({ version: "8.0" }));
    h.lab.host("FS01").fs.delete("C:\\Shares\\Specops\\SpecopsPasswordResetClient_8.0_x64.msi");
    expect(verbs(h)).toEqual(["setup-client-gpsi", "copy-msi", "verify"]);
    await h.run(planUpgrade(h.lab).steps);
    expect(serious(h)).toEqual([]);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("migrates 6.3 ADMX settings while they are not migrated, and not after", async () => {
    const spec = baseSpec({ version: "8.0", clientVersion: "6.3" });
    const h = await harness(withHost(spec, "WS01", (w) => ({ ...w, installed: { "spr-client": { version: "6.3", gpo: "Specops Client", share: "\\\\FS01\\Specops", mobileAttribute: "extensionAttribute7" } } })));
    expect(verbs(h)).toContain("migrate-admx");
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("asks for the latest mobile app while the users run an older one", async () => {
    const h = await harness(baseSpec({ version: "8.0" }));
    sprState(h.lab).mobileApp = "7.0";
    expect(verbs(h)).toEqual(["mobile-app", "verify"]);
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });

  it("asks for a new licence key while the key is for 5.0 or lower, and not once it is current", async () => {
    const h = await harness(baseSpec({ version: "8.0" }));
    sprState(h.lab).central.licence = { generation: "legacy", users: 500 };
    expect(planUpgrade(h.lab).steps.map((s) => [s.verb, s.args])).toEqual([["license", { generation: "current", users: 500 }], ["verify", expect.anything()]]);
    await h.run(planUpgrade(h.lab).steps);
    expect(verbs(h)).toEqual(["verify"]);
  });
});
