import { describe, expect, it } from "vitest";
import { SCP_KEYWORD } from "./paths.ts";
import { dmzSpec, harness } from "./spr-test-kit.ts";

const SERVER = { host: "SPR01", serviceAccount: { user: "svc-spr", password: "Service2026!x" }, managementLevel: "DC=corp,DC=example" };
const scps = (h: Awaited<ReturnType<typeof harness>>, as = "WS01") => h.lab.domain().findServiceConnectionPoints(SCP_KEYWORD, as);

describe("Service Connection Point publication", () => {
  it("an internal, joined Web publishes it (box checked by default): internal clients find the Web's URL", async () => {
    const h = await harness(dmzSpec());
    await h.step("setup-server", SERVER);
    await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    expect(scps(h).map((s) => [s.computer, s.serviceBindingInformation[0]])).toEqual([["WEB01", "https://reset.corp.example/SpecopsPasswordReset"]]);
    expect(scps(h, "INET01")).toEqual([]);
  });

  it("a DMZ web outside the domain cannot publish one: the option is not shown, asking for it changes nothing", async () => {
    const h = await harness(dmzSpec());
    await h.step("setup-server", SERVER);
    const findings = await h.step("setup-web", { host: "DMZ01", resetServer: "SPR01", sslCertificate: { friendlyName: "ext" }, updateScp: true });
    expect(findings.map((f) => [f.rule, f.severity])).toContainEqual(["spr.dmz.scp-hidden", "info"]);
    expect(scps(h).map((s) => s.computer)).toEqual(["WEB01"]);
  });

  it("a DMZ web outside the domain, not asked to, raises nothing about it", async () => {
    const h = await harness(dmzSpec());
    await h.step("setup-server", SERVER);
    const findings = await h.step("setup-web", { host: "DMZ01", resetServer: "SPR01", sslCertificate: { friendlyName: "ext" } });
    expect(h.rules(findings)).not.toContain("spr.dmz.scp-hidden");
    expect(h.checked.has("spr.dmz.scp-hidden")).toBe(true);
  });

  it("a joined DMZ web with the box left checked takes the SCP: internal clients are sent to the DMZ and fail", async () => {
    const h = await harness(dmzSpec({ dmz: { joined: true } }));
    await h.step("setup-server", SERVER);
    await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    const setup = await h.step("setup-web", { host: "DMZ01", resetServer: "SPR01", sslCertificate: { friendlyName: "ext" } });
    expect(setup.map((f) => [f.rule, f.severity])).toContainEqual(["spr.dmz.no-scp", "warning"]);
    expect(scps(h).map((s) => s.computer)).toEqual(["DMZ01"]);
    const verify = await h.verify("reset");
    expect(verify.find((f) => f.rule === "spr.dmz.no-scp")?.severity).toBe("broken");
  });

  it("the same joined DMZ web with the box cleared leaves the SCP with the internal Web", async () => {
    const h = await harness(dmzSpec({ dmz: { joined: true } }));
    await h.step("setup-server", SERVER);
    await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    const setup = await h.step("setup-web", { host: "DMZ01", resetServer: "SPR01", sslCertificate: { friendlyName: "ext" }, updateScp: false });
    expect(h.rules(setup)).not.toContain("spr.dmz.no-scp");
    expect(scps(h).map((s) => s.computer)).toEqual(["WEB01"]);
    expect(h.rules(await h.verify("reset"))).toEqual([]);
  });
});
