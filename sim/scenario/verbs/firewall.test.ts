import { describe, expect, it } from "vitest";
import { firewallVerb } from "./firewall.ts";
import { buildTestLab, eventsOf, refusal, runVerb } from "./verb-test-kit.ts";

describe("firewall", () => {
  it("adds and removes perimeter rules between zones, in order", async () => {
    const lab = await buildTestLab();
    await runVerb(firewallVerb, lab, { host: "APP01", allow: { name: "APR Server", protocol: "udp", port: 5100 } });
    const path = () => lab.network.checkPath("DMZ01", "APP01", "udp", 5100);
    expect(path().allowed).toBe(false);
    await runVerb(firewallVerb, lab, { add: { name: "dmz to apr", action: "allow", protocol: "udp", from: "dmz", to: "internal", port: 5100 } });
    expect(path().allowed).toBe(true);
    await runVerb(firewallVerb, lab, { add: { name: "block dmz", action: "deny", protocol: "any", from: "dmz", to: "any", before: "dmz to apr" } });
    expect(lab.network.perimeterRules().map((r) => r.name).slice(0, 2)).toEqual(["block dmz", "dmz to apr"]);
    expect(path().allowed).toBe(false);
    await runVerb(firewallVerb, lab, { remove: "block dmz" });
    expect(path().allowed).toBe(true);
    await expect(runVerb(firewallVerb, lab, { remove: "no such rule" })).rejects.toThrow(/no such rule/);
  });

  it("opens a port in a host's Windows Firewall, removes the rule, and turns the firewall off", async () => {
    const lab = await buildTestLab();
    const fw = lab.host("APP01").firewall;
    await runVerb(firewallVerb, lab, { host: "APP01", allow: { name: "APR Server", protocol: "udp", port: 5100 } });
    expect(fw.allowsInbound("udp", 5100)).toEqual({ allowed: true, rule: "APR Server" });
    await runVerb(firewallVerb, lab, { host: "APP01", remove: "apr server" });
    expect(fw.allowsInbound("udp", 5100).allowed).toBe(false);
    expect(eventsOf(lab, "firewall.rule-missing")).toHaveLength(0);
    await runVerb(firewallVerb, lab, { host: "APP01", remove: "apr server" });
    expect(eventsOf(lab, "firewall.rule-missing")).toHaveLength(1);
    await runVerb(firewallVerb, lab, { host: "APP01", enabled: false });
    expect(fw.allowsInbound("udp", 5100).allowed).toBe(true);
    await runVerb(firewallVerb, lab, { host: "APP01", enabled: true });
    expect(fw.allowsInbound("udp", 5100).allowed).toBe(false);
  });

  it("refuses unclear steps and perimeter rules it cannot read", async () => {
    expect(refusal(firewallVerb, {})[0]).toMatch(/exactly one of add, remove, allow, enabled/);
    expect(refusal(firewallVerb, { enabled: false })[0]).toMatch(/give host: X/);
    expect(refusal(firewallVerb, { host: "A", add: { name: "r", action: "allow", protocol: "udp", from: "dmz", to: "internal" } })[0]).toMatch(/perimeter rule/);
    expect(refusal(firewallVerb, { add: { name: "r", action: "permit", protocol: "udp", from: "dmz", to: "internal" } })).not.toEqual([]);
    expect(refusal(firewallVerb, { host: "A", allow: { name: "r", protocol: "any", port: 1 } })).not.toEqual([]);
    expect(firewallVerb.refs!({ host: "A", enabled: false })).toEqual({ hosts: ["A"] });
    const lab = await buildTestLab();
    await expect(runVerb(firewallVerb, lab, { add: { name: "r", action: "allow", protocol: "udp", from: "moon", to: "internal" } })).rejects.toThrow(/moon/);
  });
});
