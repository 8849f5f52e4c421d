import { describe, expect, it } from "vitest";
import { errorCodeOf } from "../kernel/index.ts";
import { startEchoServer } from "./echo-server.ts";
import { FixedHostFirewall } from "./fixed-host-firewall.ts";
import { DEFAULT_DENY_RULE } from "./perimeter-firewall.ts";
import { APR_REPLY_RULE, APR_REQUEST_RULE, buildTestEstate, bytes, text, type TestEstate } from "./test-estate.ts";
import { HOST_DEFAULT_BLOCK } from "./wire.ts";

/** WEB01 (DMZ) sends one datagram to APR01:5100 (internal), which echoes it. */
async function webToApr(estate: TestEstate, options: { program?: string } = {}) {
  const net = estate.net;
  const server = net.datagrams().bindNow("APR01", 5100, options);
  const serverGot: string[] = [];
  server.onMessage((d) => {
    serverGot.push(text(d.payload));
    server.send(d.from, d.payload);
  });
  const client = await net.datagrams().bind("WEB01", 0);
  const clientGot: string[] = [];
  client.onMessage((d) => clientGot.push(text(d.payload)));
  client.send({ address: "10.0.0.20", port: 5100 }, bytes("reset-request"));
  estate.context.clock.runUntilIdle();
  return { serverGot, clientGot, client, server };
}

describe("datagrams across the perimeter (DMZ web -> internal APR server, UDP 5100)", () => {
  it("are dropped by the default deny between zones, and the trace names it", async () => {
    const estate = buildTestEstate();
    const { serverGot, clientGot } = await webToApr(estate);
    expect(serverGot).toEqual([]);
    expect(clientGot).toEqual([]);
    const [drop] = estate.drops();
    expect(drop?.data).toMatchObject({ reason: "perimeter-rule", rule: DEFAULT_DENY_RULE, fromHost: "WEB01", toHost: "APR01", protocol: "udp", port: 5100 });
    expect(drop?.host).toBe("perimeter");
    expect(estate.net.stats().dropped["perimeter-rule"]).toBe(1);
  });

  it("cross with the request rule, but the reply needs its own rule (the perimeter is stateless)", async () => {
    const estate = buildTestEstate();
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    const { serverGot, clientGot, client } = await webToApr(estate);
    expect(serverGot).toEqual(["reset-request"]);
    expect(clientGot).toEqual([]);
    const [drop] = estate.drops();
    expect(drop?.data).toMatchObject({ reason: "perimeter-rule", rule: DEFAULT_DENY_RULE, from: "10.0.0.20:5100", to: `172.16.0.10:${client.local.port}` });
  });

  it("make the round trip with both rules of the document's table", async () => {
    const estate = buildTestEstate();
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    estate.net.addPerimeterRule(APR_REPLY_RULE);
    const { serverGot, clientGot } = await webToApr(estate);
    expect(serverGot).toEqual(["reset-request"]);
    expect(clientGot).toEqual(["reset-request"]);
    expect(estate.drops()).toEqual([]);
    expect(estate.net.stats().delivered).toBe(2);
  });

  it("are dropped by an explicit deny rule placed before the allow, named in the trace", async () => {
    const estate = buildTestEstate();
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    estate.net.addPerimeterRule({ name: "block-dmz", action: "deny", protocol: "any", from: "dmz", to: "internal" }, { before: "apr-request" });
    const { serverGot } = await webToApr(estate);
    expect(serverGot).toEqual([]);
    expect(estate.drops()[0]?.data).toMatchObject({ reason: "perimeter-rule", rule: "block-dmz" });
  });

  it("the reply rule opens only source port 5100: a datagram from another port is dropped", () => {
    const estate = buildTestEstate();
    estate.net.addPerimeterRule(APR_REPLY_RULE);
    const web = estate.net.datagrams().bindNow("WEB01", 40000);
    const got: string[] = [];
    web.onMessage((d) => got.push(text(d.payload)));
    web.send({ address: "10.0.0.20", port: 6000 }, bytes("open WEB01's flows"));
    web.send({ address: "10.0.0.20", port: 5100 }, bytes("open WEB01's flows"));
    estate.net.datagrams().bindNow("APR01", 6000).send(web.local, bytes("from 6000"));
    estate.net.datagrams().bindNow("APR01", 5100).send(web.local, bytes("from 5100"));
    estate.context.clock.runUntilIdle();
    expect(got).toEqual(["from 5100"]);
    expect(estate.drops().at(-1)?.data).toMatchObject({ reason: "perimeter-rule", rule: DEFAULT_DENY_RULE, from: "10.0.0.20:6000" });
  });
});

describe("the destination's Windows Firewall", () => {
  it("blocks UDP 5100 without the inbound exception, and the trace says so", async () => {
    const estate = buildTestEstate(1, { aprException: false });
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    estate.net.addPerimeterRule(APR_REPLY_RULE);
    const { serverGot } = await webToApr(estate);
    expect(serverGot).toEqual([]);
    expect(estate.drops()[0]?.data).toMatchObject({ reason: "host-firewall", rule: HOST_DEFAULT_BLOCK, toHost: "APR01", port: 5100 });
    expect(estate.drops()[0]?.host).toBe("APR01");
  });

  it("lets it in with the exception (the round trip above), or when the firewall is off", async () => {
    const estate = buildTestEstate(1, { aprException: false });
    estate.net.removeNode("APR01");
    estate.net.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: true, firewall: FixedHostFirewall.off() });
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    estate.net.addPerimeterRule(APR_REPLY_RULE);
    const { serverGot, clientGot } = await webToApr(estate);
    expect(serverGot).toEqual(["reset-request"]);
    expect(clientGot).toEqual(["reset-request"]);
  });

  it("honours a program exception only for that program's socket", async () => {
    const build = () => {
      const estate = buildTestEstate(1, { aprException: false });
      estate.net.removeNode("APR01");
      const firewall = new FixedHostFirewall(true, [{ name: "APR Server service", protocol: "any", program: "C:\\Program Files\\ANIXIS Password Reset\\APRService.exe" }]);
      estate.net.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: true, firewall });
      estate.net.addPerimeterRule(APR_REQUEST_RULE);
      return estate;
    };
    const right = await webToApr(build(), { program: "C:\\Program Files\\ANIXIS Password Reset\\APRService.exe" });
    expect(right.serverGot).toEqual(["reset-request"]);
    const wrongEstate = build();
    const wrong = await webToApr(wrongEstate, { program: "C:\\other.exe" });
    expect(wrong.serverGot).toEqual([]);
    expect(wrongEstate.drops()[0]?.data).toMatchObject({ reason: "host-firewall" });
  });

  it("is stateful: a reply to what the host sent passes without a rule, an unsolicited datagram does not", async () => {
    const estate = buildTestEstate();
    estate.net.addPerimeterRule(APR_REQUEST_RULE);
    estate.net.addPerimeterRule(APR_REPLY_RULE);
    // WEB01's firewall has no UDP rule at all: the echo gets in as a reply.
    const { clientGot, client } = await webToApr(estate);
    expect(clientGot).toEqual(["reset-request"]);
    const stranger = estate.net.datagrams().bindNow("APR01", 5200);
    estate.net.addPerimeterRule({ name: "any-udp-back", action: "allow", protocol: "udp", from: "internal", to: "dmz" });
    stranger.send(client.local, bytes("unsolicited"));
    estate.context.clock.runUntilIdle();
    expect(clientGot).toEqual(["reset-request"]);
    expect(estate.drops().at(-1)?.data).toMatchObject({ reason: "host-firewall", toHost: "WEB01" });
  });

  it("forgets the flow after the UDP state timeout", async () => {
    const estate = buildTestEstate(1, { net: { udpStateTimeoutMs: 1000 } });
    estate.net.addPerimeterRule({ name: "any-udp", action: "allow", protocol: "udp", from: "any", to: "any" });
    const web = estate.net.datagrams().bindNow("WEB01", 0);
    const apr = estate.net.datagrams().bindNow("APR01", 5100);
    const got: number[] = [];
    web.onMessage(() => got.push(estate.context.clock.now()));
    web.send(apr.local, bytes("open the flow"));
    estate.context.clock.runUntilIdle();
    apr.send(web.local, bytes("in time"));
    estate.context.clock.advance(2000);
    apr.send(web.local, bytes("too late"));
    estate.context.clock.runUntilIdle();
    expect(got).toHaveLength(1);
    expect(estate.drops().at(-1)?.data).toMatchObject({ reason: "host-firewall", toHost: "WEB01" });
  });
});

describe("datagrams that reach nothing", () => {
  it("no listener: dropped at the host with reason no-listener; with a listener delivered", () => {
    const estate = buildTestEstate();
    const dc = estate.net.datagrams().bindNow("DC01", 0);
    dc.send({ address: "10.0.0.20", port: 5100 }, bytes("anyone?"));
    estate.context.clock.runUntilIdle();
    expect(estate.drops()[0]?.data).toMatchObject({ reason: "no-listener", toHost: "APR01", port: 5100 });
    const apr = estate.net.datagrams().bindNow("APR01", 5100);
    const got: string[] = [];
    apr.onMessage((d) => got.push(text(d.payload)));
    dc.send({ address: "10.0.0.20", port: 5100 }, bytes("now?"));
    estate.context.clock.runUntilIdle();
    expect(got).toEqual(["now?"]);
  });

  it("no route: an address no host has; a closed socket's port becomes no-listener", () => {
    const estate = buildTestEstate();
    const dc = estate.net.datagrams().bindNow("DC01", 0);
    dc.send({ address: "10.0.0.99", port: 53 }, bytes("?"));
    const dns = estate.net.datagrams().bindNow("DC01", 53);
    dns.close();
    dc.send(dns.local, bytes("?"));
    estate.context.clock.runUntilIdle();
    expect(estate.drops().map((d) => d.data["reason"])).toEqual(["no-route", "no-listener"]);
  });

  it("arrive on the lab clock: not before the latency has passed", () => {
    const estate = buildTestEstate();
    const a = estate.net.datagrams().bindNow("DC01", 0);
    const b = estate.net.datagrams().bindNow("APR01", 5100);
    const got: number[] = [];
    b.onMessage(() => got.push(estate.context.clock.now()));
    a.send(b.local, bytes("x"));
    expect(got).toEqual([]);
    estate.context.clock.advance(0.5);
    expect(got).toEqual([]);
    estate.context.clock.advance(0.5);
    expect(got).toEqual([1]);
  });

  it("a throwing handler is traced and does not stop the clock or the other handlers", () => {
    const estate = buildTestEstate();
    const a = estate.net.datagrams().bindNow("DC01", 0);
    const b = estate.net.datagrams().bindNow("APR01", 5100);
    let after = 0;
    b.onMessage(() => {
      throw new Error("bad datagram");
    });
    b.onMessage(() => after++);
    a.send(b.local, bytes("x"));
    expect(() => estate.context.clock.runUntilIdle()).not.toThrow();
    expect(after).toBe(1);
    expect(estate.net.stats().handlerErrors).toBe(1);
    expect(estate.context.trace.find((e) => e.kind === "net.handler-error")[0]?.data).toMatchObject({ message: "bad datagram" });
  });
});

describe("bad input", () => {
  it("gets LabErrors with codes, not crashes", async () => {
    const estate = buildTestEstate();
    const t = estate.net.datagrams();
    await expect(t.bind("NOPE", 0)).rejects.toMatchObject({ code: "NET_UNKNOWN_HOST" });
    await expect(t.bind("DC01", 70000)).rejects.toMatchObject({ code: "NET_PORT_INVALID" });
    const s = t.bindNow("DC01", 0);
    const codeOf = errorCodeOf;
    expect(codeOf(() => s.send({ address: "apr01", port: 5100 }, bytes("x")))).toBe("NET_ADDRESS_INVALID");
    expect(codeOf(() => s.send({ address: "10.0.0.20", port: 0 }, bytes("x")))).toBe("NET_PORT_INVALID");
    expect(codeOf(() => s.send({ address: "10.0.0.20", port: 5100 }, bytes("x")))).toBeUndefined();
    expect(codeOf(() => t.bindNow("DC01", s.local.port))).toBe("NET_ADDRESS_IN_USE");
  });
});
