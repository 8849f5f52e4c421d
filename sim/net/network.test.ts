import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { FixedHostFirewall } from "./fixed-host-firewall.ts";
import { Network } from "./network.ts";
import { DEFAULT_DENY_RULE } from "./perimeter-firewall.ts";
import { APR_REPLY_RULE, APR_REQUEST_RULE, buildTestEstate, bytes } from "./test-estate.ts";
import { HOST_DEFAULT_BLOCK } from "./wire.ts";

describe("Network", () => {
  it("checkPath answers the request and reply paths of the APR table without sending anything", () => {
    const { net, context } = buildTestEstate();
    const length = context.trace.length;
    expect(net.checkPath("WEB01", "APR01", "udp", 5100)).toMatchObject({ allowed: false, reason: "perimeter-rule", rule: DEFAULT_DENY_RULE });
    net.addPerimeterRule(APR_REQUEST_RULE);
    expect(net.checkPath("WEB01", "APR01", "udp", 5100)).toEqual({ allowed: true });
    expect(net.checkPath("APR01", "WEB01", "udp", 50000, { sourcePort: 5100, reply: true })).toMatchObject({ allowed: false, reason: "perimeter-rule" });
    net.addPerimeterRule(APR_REPLY_RULE);
    expect(net.checkPath("APR01", "172.16.0.10", "udp", 50000, { sourcePort: 5100, reply: true })).toEqual({ allowed: true });
    // Not a reply: WEB01's own firewall has no UDP rule.
    expect(net.checkPath("APR01", "WEB01", "udp", 50000, { sourcePort: 5100 })).toMatchObject({ allowed: false, reason: "host-firewall", rule: HOST_DEFAULT_BLOCK });
    expect(net.checkPath("WEB01", "10.0.0.99", "udp", 5100)).toMatchObject({ allowed: false, reason: "no-route" });
    expect(context.trace.since(length).filter((e) => e.kind !== "net.rule-added")).toEqual([]);
    expect(net.stats().delivered + Object.values(net.stats().dropped).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("keeps every lab apart: two networks of the same seed do not share sockets, rules or counters", () => {
    const a = buildTestEstate(9);
    const b = buildTestEstate(9);
    a.net.addPerimeterRule(APR_REQUEST_RULE);
    a.net.datagrams().bindNow("APR01", 5100);
    expect(b.net.perimeterRules()).toEqual([]);
    expect(() => b.net.datagrams().bindNow("APR01", 5100)).not.toThrow();
    a.net.datagrams().bindNow("WEB01", 0).send({ address: "10.0.0.20", port: 5100 }, bytes("x"));
    a.context.clock.runUntilIdle();
    expect(a.net.stats().delivered).toBe(1);
    expect(b.net.stats().delivered).toBe(0);
  });

  it("counts deliveries and drops by reason", () => {
    const { net, context } = buildTestEstate();
    const dc = net.datagrams().bindNow("DC01", 0);
    net.datagrams().bindNow("APP01", 7);
    dc.send({ address: "10.0.0.30", port: 7 }, bytes("ok"));
    dc.send({ address: "10.0.0.30", port: 8 }, bytes("nobody"));
    dc.send({ address: "172.16.0.10", port: 80 }, bytes("perimeter"));
    context.clock.runUntilIdle();
    const stats = net.stats();
    expect(stats.delivered).toBe(1);
    expect(stats.dropped).toMatchObject({ "no-listener": 1, "perimeter-rule": 1, loss: 0 });
  });

  it("allocates free addresses per zone inside the zone's subnet", () => {
    const { net } = buildTestEstate();
    const a = net.allocateAddress("internal");
    expect(a).toBe("10.0.0.11");
    expect(net.allocateAddress("internal")).toBe("10.0.0.12");
    expect(net.allocateAddress("dmz")).toBe("172.16.0.11");
    expect(net.allocateAddress("external")).toBe("203.0.113.10");
  });

  it("refuses bad nodes with codes", () => {
    const { net } = buildTestEstate();
    const firewall = FixedHostFirewall.off();
    const node = { name: "NEW01", ip: "10.0.0.50", zone: "internal" as const, domainJoined: false, firewall };
    expect(() => net.addNode({ ...node, name: "APR01", ip: "10.0.0.51" })).toThrow(expect.objectContaining({ code: "NET_NODE_DUPLICATE" }));
    expect(() => net.addNode({ ...node, ip: "10.0.0.20" })).toThrow(expect.objectContaining({ code: "NET_ADDRESS_IN_USE" }));
    expect(() => net.addNode({ ...node, ip: "10.0.0" })).toThrow(expect.objectContaining({ code: "NET_ADDRESS_INVALID" }));
    expect(() => net.addNode({ ...node, zone: "lan" as never })).toThrow(expect.objectContaining({ code: "NET_NODE_INVALID" }));
    expect(() => net.addNode({ ...node, name: "bad name" })).toThrow(expect.objectContaining({ code: "NET_NODE_INVALID" }));
    expect(() => net.addNode(node)).not.toThrow();
    expect(net.node("10.0.0.50")?.name).toBe("NEW01");
  });

  it("a network without a domain refuses joined hosts and domain records", () => {
    const net = new Network(createContext(1));
    const firewall = FixedHostFirewall.off();
    expect(() => net.addNode({ name: "A", ip: "10.0.0.1", zone: "internal", domainJoined: true, firewall })).toThrow(expect.objectContaining({ code: "NET_NO_DOMAIN" }));
    net.addNode({ name: "A", ip: "10.0.0.1", zone: "internal", domainJoined: false, firewall });
    expect(() => net.addDnsRecord("web", "10.0.0.1")).toThrow(expect.objectContaining({ code: "NET_NO_DOMAIN" }));
    expect(net.resolve("A", "A")).toMatchObject({ ok: false });
  });

  it("records perimeter rule changes in the trace", () => {
    const { net, context } = buildTestEstate();
    net.addPerimeterRule(APR_REQUEST_RULE);
    net.removePerimeterRule("apr-request");
    expect(context.trace.find((e) => e.kind.startsWith("net.rule")).map((e) => e.kind)).toEqual(["net.rule-added", "net.rule-removed"]);
  });
});
