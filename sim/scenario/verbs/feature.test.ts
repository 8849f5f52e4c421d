import { describe, expect, it } from "vitest";
import { featureVerb } from "./feature.ts";
import { buildTestLab, refusal, runVerb } from "./verb-test-kit.ts";

describe("feature", () => {
  it("adds features with what they include, and removes them", async () => {
    const lab = await buildTestLab();
    const app = lab.host("APP01");
    expect(app.hasFeature("dotnet-4.0")).toBe(false);
    await runVerb(featureVerb, lab, { host: "APP01", add: ["dotnet-4.8", "wif"] });
    expect(["dotnet-4.8", "dotnet-4.0", "wif"].map((f) => app.hasFeature(f as never))).toEqual([true, true, true]);
    await runVerb(featureVerb, lab, { host: "APP01", remove: "wif" });
    expect(app.hasFeature("wif")).toBe(false);
  });

  it("installs IIS as setup does: W3SVC running, Default Web Site on 80, firewall open, listening on the network", async () => {
    const lab = await buildTestLab();
    expect(lab.iis("APP01")).toBeUndefined();
    expect(lab.network.checkPath("WS01", "APP01", "tcp", 80).allowed).toBe(false);
    await runVerb(featureVerb, lab, { host: "APP01", add: "iis" });
    const iis = lab.iis("APP01")!;
    expect(lab.host("APP01").services.get("W3SVC")!.state).toBe("RUNNING");
    expect(iis.site("Default Web Site")!.bindings.map((b) => b.port)).toEqual([80]);
    expect(iis.listensOn(80)).toBe(true);
    expect(lab.network.checkPath("WS01", "APP01", "tcp", 80).allowed).toBe(true);
    await runVerb(featureVerb, lab, { host: "APP01", add: "iis" });
    expect(lab.iis("APP01")).toBe(iis);
  });

  it("refuses unknown features, unclear steps and removing IIS", async () => {
    expect(refusal(featureVerb, { host: "A", add: "dotnet-5" })).not.toEqual([]);
    expect(refusal(featureVerb, { host: "A" })[0]).toMatch(/add or remove/);
    expect(refusal(featureVerb, { host: "A", add: "iis", remove: "wif" })[0]).toMatch(/add or remove/);
    const lab = await buildTestLab();
    await expect(runVerb(featureVerb, lab, { host: "WEB01", remove: "iis" })).rejects.toThrow(/removing IIS from WEB01 is not modelled/);
    expect(lab.host("WEB01").hasFeature("iis")).toBe(true);
  });
});
