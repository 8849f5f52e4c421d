import { describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { ipv4ToNumber } from "./ipv4.ts";
import { DEFAULT_DENY_RULE, PerimeterFirewall } from "./perimeter-firewall.ts";
import type { PerimeterPacket, PerimeterRule } from "./perimeter-rule.ts";
import type { Zone } from "./zone.ts";

const end = (ip: string, zone: Zone) => ({ ip: ipv4ToNumber(ip)!, zone });
const packet = (over: Partial<PerimeterPacket> = {}): PerimeterPacket => ({
  protocol: "udp",
  from: end("172.16.0.10", "dmz"),
  to: end("10.0.0.20", "internal"),
  sourcePort: 50000,
  destinationPort: 5100,
  ...over,
});
const withRules = (...rules: PerimeterRule[]) => {
  const fw = new PerimeterFirewall();
  for (const r of rules) fw.add(r);
  return fw;
};

describe("perimeter firewall", () => {
  it("allows traffic within a zone and denies between zones by default", () => {
    const fw = new PerimeterFirewall();
    expect(fw.evaluate(packet({ from: end("10.0.0.10", "internal") }))).toEqual({ allowed: true });
    expect(fw.evaluate(packet())).toEqual({ allowed: false, rule: DEFAULT_DENY_RULE });
  });

  it("first match wins, in order; insertion before a named rule or at an index", () => {
    const allow: PerimeterRule = { name: "allow-5100", action: "allow", protocol: "udp", from: "dmz", to: "internal", port: 5100 };
    const deny: PerimeterRule = { name: "deny-dmz", action: "deny", protocol: "any", from: "dmz", to: "any" };
    expect(withRules(allow, deny).evaluate(packet())).toEqual({ allowed: true, rule: "allow-5100" });
    expect(withRules(deny, allow).evaluate(packet())).toEqual({ allowed: false, rule: "deny-dmz" });
    const fw = withRules(allow);
    fw.add(deny, { before: "ALLOW-5100" });
    expect(fw.rules().map((r) => r.name)).toEqual(["deny-dmz", "allow-5100"]);
    fw.remove("deny-dmz");
    fw.add(deny, { index: 1 });
    expect(fw.rules().map((r) => r.name)).toEqual(["allow-5100", "deny-dmz"]);
    expect(fw.evaluate(packet())).toMatchObject({ allowed: true });
  });

  it("matches protocol, addresses (zone, IP, CIDR) and port ranges, each both ways", () => {
    const cases: [PerimeterRule, Partial<PerimeterPacket>][] = [
      [{ name: "r", action: "allow", protocol: "udp", from: "dmz", to: "internal" }, { protocol: "tcp" }],
      [{ name: "r", action: "allow", protocol: "udp", from: "172.16.0.10", to: "internal" }, { from: end("172.16.0.11", "dmz") }],
      [{ name: "r", action: "allow", protocol: "any", from: "172.16.0.0/28", to: "10.0.0.0/24" }, { from: end("172.16.0.16", "dmz") }],
      [{ name: "r", action: "allow", protocol: "any", from: "dmz", to: "internal" }, { from: end("203.0.113.9", "external") }],
      [{ name: "r", action: "allow", protocol: "udp", from: "any", to: "any", port: [5000, 5100] }, { destinationPort: 5101 }],
      [{ name: "r", action: "allow", protocol: "udp", from: "any", to: "any", sourcePort: [49152, 65535] }, { sourcePort: 1024 }],
    ];
    for (const [rule, mismatch] of cases) {
      const fw = withRules(rule);
      expect(fw.evaluate(packet()), JSON.stringify(rule)).toEqual({ allowed: true, rule: "r" });
      expect(fw.evaluate(packet(mismatch)), JSON.stringify(mismatch)).toEqual({ allowed: false, rule: DEFAULT_DENY_RULE });
    }
  });

  it("a source-port rule does not match when the source port is unknown (a path probe)", () => {
    const fw = withRules({ name: "reply", action: "allow", protocol: "udp", from: "any", to: "any", sourcePort: 5100 });
    expect(fw.evaluate(packet({ sourcePort: 5100 }))).toMatchObject({ allowed: true });
    expect(fw.evaluate(packet({ sourcePort: undefined }))).toMatchObject({ allowed: false });
  });

  it("refuses bad rules with NET_RULE_INVALID naming the rule and field", () => {
    const base: PerimeterRule = { name: "r1", action: "allow", protocol: "udp", from: "dmz", to: "internal" };
    const bad: [Partial<Record<keyof PerimeterRule, unknown>>, string][] = [
      [{ name: "" }, "name"],
      [{ action: "permit" }, "action"],
      [{ protocol: "icmp" }, "protocol"],
      [{ from: "WEB01" }, "from"],
      [{ to: "10.0.0.256" }, "to"],
      [{ to: "10.0.0.0/33" }, "to"],
      [{ port: 70000 }, "port"],
      [{ port: [6000, 5000] }, "port"],
      [{ sourcePort: 1.5 }, "sourcePort"],
    ];
    for (const [change, field] of bad) {
      let error: unknown;
      try {
        new PerimeterFirewall().add({ ...base, ...change } as PerimeterRule);
      } catch (e) {
        error = e;
      }
      expect(isLabError(error) && error.code, field).toBe("NET_RULE_INVALID");
      expect(String((error as Error).message), field).toContain(field === "name" ? "name" : field);
    }
    expect(() => new PerimeterFirewall().add(base)).not.toThrow();
  });

  it("refuses duplicate names and unknown rules", () => {
    const fw = withRules({ name: "r1", action: "allow", protocol: "udp", from: "dmz", to: "internal" });
    expect(() => fw.add({ name: "R1", action: "deny", protocol: "tcp", from: "any", to: "any" })).toThrow(expect.objectContaining({ code: "NET_RULE_DUPLICATE" }));
    expect(() => fw.remove("nope")).toThrow(expect.objectContaining({ code: "NET_RULE_UNKNOWN" }));
    expect(() => fw.add({ name: "r2", action: "deny", protocol: "tcp", from: "any", to: "any" }, { before: "nope" })).toThrow(expect.objectContaining({ code: "NET_RULE_UNKNOWN" }));
    expect(() => fw.add({ name: "r2", action: "deny", protocol: "tcp", from: "any", to: "any" }, { index: 5 })).toThrow(expect.objectContaining({ code: "NET_RULE_POSITION_INVALID" }));
  });
});
