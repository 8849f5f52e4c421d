import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import { aprProduct } from "./apr-product.ts";
import { harness, type Harness } from "./test-support.ts";

const SERVICE = { user: "svc-apr", password: "Lab-Service-9xQ!" };

function estate(server: Record<string, unknown> = {}): LabSpec {
  return {
    domain: { name: "corp.example" },
    hosts: [
      { name: "APR01", os: "windows-server-2016", ip: "10.0.0.20", installed: { "apr-server": { version: "3.22", ...server }, "apr-web": "3.22" } },
      { name: "PC01", os: "windows-10", ip: "10.0.0.50" },
    ],
  };
}

async function upgraded(spec: LabSpec, before: (h: Harness) => Promise<void> = async () => {}): Promise<Harness> {
  const h = await harness(spec);
  await before(h);
  await h.verb("apr-service", { host: "APR01", action: "stop" });
  await h.verb("backup", { host: "APR01", what: "both" });
  await h.verb("upgrade", { host: "APR01", component: "apr-server", serviceAccount: SERVICE });
  return h;
}

const judge = (h: Harness) => aprProduct.judgeFinal(h.ctx(99));
const findingsOf = (h: Harness, rule: string) => h.findings.filter((f) => f.rule === rule).map((f) => `${f.severity} ${f.host}`);

describe("the final judgement looks where the document asks", () => {
  it("a perpetual key of the previous version kept after the upgrade: a warning (an evaluation that expires), healthy today", async () => {
    const h = await upgraded(estate({ licenseKey: "APR2-LAB0-0001-KEY0" }));
    expect(await judge(h)).toBe("healthy");
    expect(findingsOf(h, "apr.upgrade2.license")).toEqual(["warning APR01"]);
  });

  it("a key of the installed version, or none at all (an evaluation chosen at install), raises nothing", async () => {
    const keyed = await upgraded(estate());
    expect(await judge(keyed)).toBe("healthy");
    expect(findingsOf(keyed, "apr.upgrade2.license")).toEqual([]);
    expect(keyed.checked.has("apr.upgrade2.license")).toBe(true);

    const evaluation = await harness({ domain: { name: "corp.example" }, hosts: [{ name: "APR01", os: "windows-server-2016", ip: "10.0.0.20" }, { name: "PC01", os: "windows-10", ip: "10.0.0.50" }] });
    await evaluation.verb("setup", { host: "APR01", type: "all", serviceAccount: SERVICE });
    expect(await judge(evaluation)).toBe("healthy");
    expect(findingsOf(evaluation, "apr.upgrade2.license")).toEqual([]);
  });

  it("customised web files the upgrade overwrote and nobody restored: reported; restored, they are not", async () => {
    const customise = (h: Harness) => h.verb("customise", { host: "APR01", text: "Contoso branding" });
    const lost = await upgraded(estate(), customise);
    expect(lost.findings).toEqual([]); // backed up: Setup itself says nothing
    expect(await judge(lost)).toBe("healthy");
    expect(findingsOf(lost, "apr.upgrade3.web-overwritten")).toEqual(["warning APR01"]);

    const restored = await upgraded(estate(), customise);
    await restored.verb("restore", { host: "APR01" });
    expect(await judge(restored)).toBe("healthy");
    expect(findingsOf(restored, "apr.upgrade3.web-overwritten")).toEqual([]);
    expect(restored.checked.has("apr.upgrade3.web-overwritten")).toBe(true);
  });
});
