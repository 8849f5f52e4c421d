import { describe, expect, it } from "vitest";
import { FixedHostFirewall } from "./fixed-host-firewall.ts";
import type { NetworkNode } from "./network-node.ts";
import { buildTestEstate } from "./test-estate.ts";

describe("name resolution", () => {
  it("a joined host resolves a joined host as NAME and NAME.domain through the domain DNS", () => {
    const { net } = buildTestEstate();
    for (const name of ["APR01", "apr01", "APR01.corp.example", "apr01.CORP.EXAMPLE."]) {
      expect(net.resolve("DC01", name)).toMatchObject({ ok: true, address: "10.0.0.20", source: "domain-dns" });
    }
  });

  it("a DMZ host outside the domain is unresolved from the internal zone until an A record is added", () => {
    const { net } = buildTestEstate();
    const before = net.resolve("APR01", "WEB01.corp.example");
    expect(before).toMatchObject({ ok: false, reason: "unresolved" });
    expect(before.ok ? "" : before.detail).toContain("no record in the domain DNS");
    expect(net.resolve("APR01", "WEB01")).toMatchObject({ ok: false });

    net.addDnsRecord("WEB01", "WEB01");
    expect(net.resolve("APR01", "WEB01")).toMatchObject({ ok: true, address: "172.16.0.10", source: "domain-dns" });
    expect(net.resolve("APR01", "web01.corp.example")).toMatchObject({ ok: true, address: "172.16.0.10" });
    net.removeDnsRecord("web01.corp.example");
    expect(net.resolve("APR01", "WEB01")).toMatchObject({ ok: false });
  });

  it("a hosts-file entry resolves for that host only", () => {
    const { net } = buildTestEstate();
    net.addHostsEntry("APR01", "web01", "172.16.0.10");
    expect(net.resolve("APR01", "WEB01")).toMatchObject({ ok: true, address: "172.16.0.10", source: "hosts-file" });
    expect(net.resolve("DC01", "WEB01")).toMatchObject({ ok: false });
  });

  it("a host outside the domain does not use the domain DNS unless configured to", () => {
    const { net } = buildTestEstate();
    expect(net.resolve("WEB01", "APR01")).toMatchObject({ ok: false, reason: "unresolved" });
    expect(net.resolve("WEB01", "APR01.corp.example")).toMatchObject({ ok: false, reason: "unresolved" });
    const firewall = FixedHostFirewall.off();
    net.addNode({ name: "WEB02", ip: "172.16.0.11", zone: "dmz", domainJoined: false, usesDomainDns: true, firewall });
    expect(net.resolve("WEB02", "APR01")).toMatchObject({ ok: true, address: "10.0.0.20", source: "domain-dns" });
    // Using the domain DNS does not register the host in it: it is not joined.
    expect(net.resolve("DC01", "WEB02")).toMatchObject({ ok: false });
  });

  it("reads domainJoined live: a host that joins becomes resolvable", () => {
    const { net } = buildTestEstate();
    const node: { -readonly [K in keyof NetworkNode]: NetworkNode[K] } = { name: "SRV09", ip: "10.0.0.90", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() };
    net.addNode(node);
    expect(net.resolve("DC01", "SRV09")).toMatchObject({ ok: false });
    node.domainJoined = true;
    expect(net.resolve("DC01", "SRV09")).toMatchObject({ ok: true, address: "10.0.0.90" });
  });

  it("public names map straight to a DMZ address (no NAT) for everyone; inside, the domain DNS forwards them", () => {
    const { net } = buildTestEstate();
    expect(net.resolve("INET01", "reset.example.com")).toMatchObject({ ok: false, reason: "unresolved" });
    net.addPublicDnsRecord("reset.example.com", "WEB01");
    expect(net.resolve("INET01", "reset.example.com")).toMatchObject({ ok: true, address: "172.16.0.10", source: "public-dns" });
    expect(net.resolve("APR01", "reset.example.com")).toMatchObject({ ok: true, address: "172.16.0.10", source: "public-dns" });
    // The domain DNS is authoritative for its own names: no forwarding of corp.example names.
    net.addPublicDnsRecord("web01.corp.example", "172.16.0.10");
    expect(net.resolve("APR01", "web01.corp.example")).toMatchObject({ ok: false });
    expect(net.resolve("INET01", "web01.corp.example")).toMatchObject({ ok: true, source: "public-dns" });
  });

  it("an address resolves to itself", () => {
    const { net } = buildTestEstate();
    expect(net.resolve("WEB01", "10.0.0.20")).toEqual({ ok: true, name: "10.0.0.20", address: "10.0.0.20", source: "literal" });
  });

  it("refuses bad names, unknown hosts and records without a domain, with codes", () => {
    const { net } = buildTestEstate();
    expect(() => net.resolve("NOPE", "APR01")).toThrow(expect.objectContaining({ code: "NET_UNKNOWN_HOST" }));
    expect(() => net.resolve("DC01", "bad name!")).toThrow(expect.objectContaining({ code: "NET_NAME_INVALID" }));
    expect(() => net.addDnsRecord("x", "NOPE")).toThrow(expect.objectContaining({ code: "NET_RECORD_INVALID" }));
    expect(() => net.addHostsEntry("NOPE", "x", "10.0.0.1")).toThrow(expect.objectContaining({ code: "NET_UNKNOWN_HOST" }));
  });
});
