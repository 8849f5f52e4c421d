import { describe, expect, it } from "vitest";
import type { Lab } from "../../lab.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { spsState } from "./sps-state.ts";
import { buildEstate, estateSpec, final, runVerb } from "./test-kit.ts";

const DAY = 86_400_000;
const verbs = async (lab: Lab) => (await planUpgrade(lab)).steps.map((s) => s.verb);
const stepOf = async (lab: Lab, verb: string) => (await planUpgrade(lab)).steps.find((s) => s.verb === verb);

async function runPlanned(lab: Lab): Promise<void> {
  for (const step of (await planUpgrade(lab)).steps) if (step.verb !== "verify") await runVerb(lab, step.verb, step.args);
}

const rootCount = (lab: Lab, dc: string) => lab.host(dc).certs.store("LocalMachine", "Root").list().length;

describe("planUpgrade plans what is left, read from the estate", () => {
  it("has nothing but the final checklist on a finished estate", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2" }));
    const plan = await planUpgrade(lab);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps.map((s) => s.verb)).toEqual(["verify"]);
  });

  it("has nothing left once its own plan ran, and its plan run again changes no certificate store", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "4.1", server: "4.1", admin: "4.1", trusted: false, license: false }));
    const first = await planUpgrade(lab);
    for (const step of first.steps) if (step.verb !== "verify") await runVerb(lab, step.verb, step.args);
    expect(await verbs(lab)).toEqual(["verify"]);
    const roots = rootCount(lab, "DC01");
    for (const step of first.steps) if (step.verb !== "verify") await runVerb(lab, step.verb, step.args);
    expect(rootCount(lab, "DC01")).toBe(roots);
    expect((await final(lab)).state).toBe("healthy");
  });

  it("restarts only the DC whose installed notifier is not loaded yet, and no DC when all run theirs", async () => {
    const spec = estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2" });
    spec.hosts[1] = { ...spec.hosts[1]!, installed: { "sps-pcn": { version: "7.2", loaded: false } } };
    const lab = await buildEstate(spec);
    expect(await stepOf(lab, "restart-dcs")).toMatchObject({ args: { hosts: ["DC02"] } });
    await runPlanned(lab);
    expect(await verbs(lab)).toEqual(["verify"]);
  });

  it("restarts every DC after upgrading a notifier", async () => {
    const spec = estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2" });
    spec.hosts[0] = { ...spec.hosts[0]!, installed: { "sps-pcn": "6.2" } };
    const lab = await buildEstate(spec);
    expect(await verbs(lab)).toEqual(["extract", "uninstall", "msi", "restart-dcs", "verify"]);
    expect(await stepOf(lab, "restart-dcs")).toMatchObject({ args: {} });
  });

  it("replaces a 32-bit notifier at the version on a 64-bit DC (LSASS never loads it), and keeps a native one", async () => {
    const spec = estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2" });
    spec.hosts[0] = { ...spec.hosts[0]!, installed: { "sps-pcn": { version: "7.2", arch: "x86" } } };
    const lab = await buildEstate(spec);
    expect((await planUpgrade(lab)).steps.filter((s) => s.verb === "msi").map((s) => (s.args as { host: string }).host)).toEqual(["DC01"]);
    await runPlanned(lab);
    expect(await verbs(lab)).toEqual(["verify"]);
  });

  it("keeps a self-signed certificate that is still valid, even close to its end, and names it in the checklist", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", validDays: 20, trustedBy: ["DC01", "DC02"] }] }));
    const plan = await planUpgrade(lab);
    expect(plan.steps.map((s) => s.verb)).toEqual(["verify"]);
    expect(plan.steps[0]!.note).toMatch(/renew when it expires: SYNC01's certificate/);
  });

  it("replaces an expired self-signed certificate once and imports it on every DC; then nothing is left", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", validDays: 20, trustedBy: ["DC01", "DC02"] }] }));
    lab.clock.advance(30 * DAY);
    expect(await verbs(lab)).toEqual(["renew-cert", "import-cert", "verify"]);
    expect(await stepOf(lab, "renew-cert")).toMatchObject({ args: { host: "SYNC01", ifExpired: true } });
    await runPlanned(lab);
    expect(await verbs(lab)).toEqual(["verify"]);
    expect((await final(lab)).state).toBe("healthy");
  });

  it("imports the certificate only where it is not trusted yet, and nowhere when every DC trusts it", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", trustedBy: ["DC01"] }] }));
    expect(await stepOf(lab, "import-cert")).toMatchObject({ args: { from: "SYNC01", to: ["DC02"] } });
    await runPlanned(lab);
    expect(await stepOf(lab, "import-cert")).toBeUndefined();
  });

  it("imports the licence only while none is valid", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", license: false }));
    expect(await verbs(lab)).toEqual(["license", "verify"]);
    await runPlanned(lab);
    expect(spsState(lab).license).toBeDefined();
    expect(await verbs(lab)).toEqual(["verify"]);
  });
});

describe("renew-cert and import-cert, run again", () => {
  const thumbprint = (lab: Lab) => spsState(lab).servers.get("SYNC01")!.certificateThumbprint;

  it("renew-cert with ifExpired keeps a valid certificate and replaces an expired one", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", validDays: 20, trustedBy: ["DC01", "DC02"] }] }));
    const before = thumbprint(lab);
    await runVerb(lab, "renew-cert", { host: "SYNC01", ifExpired: true });
    expect(thumbprint(lab)).toBe(before);
    lab.clock.advance(21 * DAY);
    await runVerb(lab, "renew-cert", { host: "SYNC01", ifExpired: true });
    expect(thumbprint(lab)).not.toBe(before);
  });

  it("renew-cert without ifExpired renews a valid certificate (the operator's choice)", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2" }));
    const before = thumbprint(lab);
    await runVerb(lab, "renew-cert", { host: "SYNC01" });
    expect(thumbprint(lab)).not.toBe(before);
  });

  it("import-cert of a certificate the DCs hold already adds nothing; of a new one adds one root", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", trusted: false }));
    const start = rootCount(lab, "DC01");
    await runVerb(lab, "import-cert", { from: "SYNC01" });
    await runVerb(lab, "import-cert", { from: "SYNC01" });
    expect(rootCount(lab, "DC01")).toBe(start + 1);
    await runVerb(lab, "renew-cert", { host: "SYNC01" });
    await runVerb(lab, "import-cert", { from: "SYNC01" });
    expect(rootCount(lab, "DC01")).toBe(start + 2);
  });
});
