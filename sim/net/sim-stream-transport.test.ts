import { describe, expect, it } from "vitest";
import { NET_FAULT } from "./net-faults.ts";
import { DEFAULT_DENY_RULE } from "./perimeter-firewall.ts";
import type { PerimeterRule } from "./perimeter-rule.ts";
import type { StreamConnection } from "./stream-transport.ts";
import { buildTestEstate, type TestEstate } from "./test-estate.ts";
import { HOST_DEFAULT_BLOCK } from "./wire.ts";

const HTTPS_IN: PerimeterRule = { name: "https-in", action: "allow", protocol: "tcp", from: "external", to: "172.16.0.10", port: 443 };
const HTTPS_OUT: PerimeterRule = { name: "https-out", action: "allow", protocol: "tcp", from: "172.16.0.10", to: "external", sourcePort: 443 };

/** WEB01 serves tcp 443 (echoing the request with the SNI name); the public name points at it. */
function webEstate(rules: PerimeterRule[] = [HTTPS_IN, HTTPS_OUT]): TestEstate {
  const estate = buildTestEstate(3);
  for (const r of rules) estate.net.addPerimeterRule(r);
  estate.net.addPublicDnsRecord("reset.example.com", "WEB01");
  estate.net.listen<string, string>("WEB01", 443, (request, info) => `${info.serverName} says: ${request}`);
  return estate;
}

async function connected(estate: TestEstate, from = "INET01", to = "reset.example.com", port = 443): Promise<StreamConnection> {
  const result = await estate.net.run(estate.net.connect(from, to, port));
  if (!result.ok) throw new Error(`expected a connection, got ${JSON.stringify(result)}`);
  return result.connection;
}

describe("streams", () => {
  it("connect by name and exchange a request and its response, one round trip each", async () => {
    const estate = webEstate();
    const start = estate.context.clock.now();
    const connection = await connected(estate);
    expect(estate.context.clock.now() - start).toBe(2);
    expect(connection.info).toMatchObject({ serverHost: "WEB01", clientHost: "INET01", serverName: "reset.example.com", server: { address: "172.16.0.10", port: 443 } });
    expect(connection.info.client.port).toBeGreaterThanOrEqual(49152);
    const reply = await estate.net.run(connection.request<string>("GET /"));
    expect(reply).toEqual({ ok: true, response: "reset.example.com says: GET /", elapsedMs: 2 });
    expect(estate.drops()).toEqual([]);
  });

  it("async handlers answer when their promise settles", async () => {
    const estate = buildTestEstate(3);
    estate.net.listen("APP01", 8080, async (request: number) => {
      await Promise.resolve();
      return request * 2;
    });
    const connection = await connected(estate, "DC01", "APP01", 8080);
    const [a, b] = await estate.net.run(Promise.all([connection.request<number>(20), connection.request<number>(21)]));
    expect(a).toMatchObject({ ok: true, response: 40 });
    expect(b).toMatchObject({ ok: true, response: 42 });
  });

  it("honour the perimeter: no rule, a silent drop and a timeout after 21 s naming the rule", async () => {
    const estate = webEstate([]);
    const result = await estate.net.run(estate.net.connect("INET01", "reset.example.com", 443));
    expect(result).toMatchObject({ ok: false, symptom: "timeout", reason: "perimeter-rule", rule: DEFAULT_DENY_RULE });
    expect(estate.context.clock.now()).toBe(21_000);
    // The SYN and its two retransmissions.
    expect(estate.drops().map((d) => d.data["segment"])).toEqual(["syn", "syn", "syn"]);
    expect(!result.ok && estate.context.trace.get(result.traceId!)?.kind).toBe("net.drop");
  });

  it("check the reply path too: the inbound rule alone is not enough on a stateless perimeter", async () => {
    const estate = webEstate([HTTPS_IN]);
    const result = await estate.net.run(estate.net.connect("INET01", "reset.example.com", 443));
    expect(result).toMatchObject({ ok: false, symptom: "timeout", reason: "perimeter-rule", rule: DEFAULT_DENY_RULE });
    expect(estate.drops()[0]?.data).toMatchObject({ segment: "syn-ack", fromHost: "WEB01", toHost: "INET01" });
  });

  it("check each segment: a rule removed mid-connection stops the next request", async () => {
    const estate = webEstate();
    const connection = await connected(estate);
    estate.net.removePerimeterRule("https-in");
    const reply = await estate.net.run(connection.request("GET /"));
    expect(reply).toMatchObject({ ok: false, symptom: "timeout", reason: "perimeter-rule", rule: DEFAULT_DENY_RULE });
    expect(connection.open).toBe(false);
  });

  it("honour the server's Windows Firewall: blocked without the rule (timeout), allowed with it", async () => {
    const estate = buildTestEstate(3);
    estate.net.listen("APR01", 8443, () => "ok");
    const blocked = await estate.net.run(estate.net.connect("DC01", "APR01", 8443));
    expect(blocked).toMatchObject({ ok: false, symptom: "timeout", reason: "host-firewall", rule: HOST_DEFAULT_BLOCK });
    // tcp 443 is open on WEB01's firewall.
    estate.net.listen("WEB01", 443, () => "ok");
    estate.net.addPerimeterRule({ name: "in-dmz", action: "allow", protocol: "tcp", from: "internal", to: "dmz", port: 443 });
    estate.net.addPerimeterRule({ name: "back", action: "allow", protocol: "tcp", from: "dmz", to: "internal", sourcePort: 443 });
    expect(await estate.net.run(estate.net.connect("DC01", "172.16.0.10", 443))).toMatchObject({ ok: true });
  });

  it("are refused fast when the port is reachable and nothing listens", async () => {
    const estate = buildTestEstate(3);
    const result = await estate.net.run(estate.net.connect("DC01", "APP01", 80));
    expect(result).toMatchObject({ ok: false, symptom: "refused", reason: "no-listener" });
    expect(estate.context.clock.now()).toBe(2);
  });

  it("fail at once, unresolved, when the name does not resolve; connect once it does", async () => {
    const estate = buildTestEstate(3);
    estate.net.listen("WEB01", 443, () => "hello");
    estate.net.addPerimeterRule({ name: "in-dmz", action: "allow", protocol: "tcp", from: "internal", to: "dmz", port: 443 });
    estate.net.addPerimeterRule({ name: "back", action: "allow", protocol: "tcp", from: "dmz", to: "internal", sourcePort: 443 });
    const result = await estate.net.connect("APR01", "WEB01", 443);
    expect(result).toMatchObject({ ok: false, symptom: "unresolved", reason: "unresolved" });
    expect(estate.drops()[0]?.data).toMatchObject({ reason: "unresolved", to: "WEB01", fromHost: "APR01" });
    estate.net.addDnsRecord("WEB01", "172.16.0.10");
    expect(await estate.net.run(estate.net.connect("APR01", "WEB01", 443))).toMatchObject({ ok: true });
  });

  it("are cut by a partition, and not without it", async () => {
    const estate = webEstate();
    estate.context.faults.activate(NET_FAULT.partition, { a: "external", b: "WEB01" });
    expect(await estate.net.run(estate.net.connect("INET01", "reset.example.com", 443))).toMatchObject({ ok: false, reason: "partition" });
    estate.context.faults.deactivate(NET_FAULT.partition);
    expect(await estate.net.run(estate.net.connect("INET01", "reset.example.com", 443))).toMatchObject({ ok: true });
  });

  it("retransmit lost segments: loss costs time, not the answer", async () => {
    const run = async (loss: boolean) => {
      const estate = webEstate();
      const connection = await connected(estate);
      if (loss) estate.context.faults.activate(NET_FAULT.loss, { probability: 0.3 });
      const results = [];
      for (let i = 0; i < 10; i++) results.push(await estate.net.run(connection.request<string>(`GET /${i}`)));
      return { results, lost: estate.drops().filter((d) => d.data["reason"] === "loss").length };
    };
    const calm = await run(false);
    const lossy = await run(true);
    expect(calm.lost).toBe(0);
    expect(lossy.lost).toBeGreaterThan(0);
    expect(lossy.results.map((r) => r.ok && r.response)).toEqual(calm.results.map((r) => r.ok && r.response));
    const slowest = (rs: typeof calm.results) => Math.max(...rs.map((r) => (r.ok ? r.elapsedMs : 0)));
    expect(slowest(calm.results)).toBe(2);
    expect(slowest(lossy.results)).toBeGreaterThanOrEqual(1000);
  });

  it("give up when loss outlasts the retransmissions", async () => {
    const estate = webEstate();
    const connection = await connected(estate);
    estate.context.faults.activate(NET_FAULT.loss, { probability: 1 });
    expect(await estate.net.run(connection.request("GET /"))).toMatchObject({ ok: false, symptom: "timeout", reason: "loss" });
    expect(estate.drops()).toHaveLength(6);
    expect(connection.open).toBe(false);
  });

  it("reset the connection when the handler throws; other connections live on", async () => {
    const estate = buildTestEstate(3);
    estate.net.listen("APP01", 9000, (request: string) => {
      if (request === "boom") throw new Error("handler exploded");
      return "fine";
    });
    const a = await connected(estate, "DC01", "APP01", 9000);
    const b = await connected(estate, "DC01", "APP01", 9000);
    expect(await estate.net.run(a.request("boom"))).toMatchObject({ ok: false, symptom: "reset", reason: "handler-error" });
    expect(a.open).toBe(false);
    expect(await estate.net.run(b.request("hi"))).toMatchObject({ ok: true, response: "fine" });
    expect(estate.net.stats().handlerErrors).toBe(1);
  });

  it("time out a request whose handler never answers, and a closed connection refuses requests", async () => {
    const estate = buildTestEstate(3, { net: { streamTiming: { requestTimeoutMs: 5_000 } } });
    estate.net.listen("APP01", 9001, () => new Promise<never>(() => {}));
    const connection = await connected(estate, "DC01", "APP01", 9001);
    expect(await estate.net.run(connection.request("hello?"))).toMatchObject({ ok: false, symptom: "timeout", reason: "no-response" });
    connection.close();
    expect(await connection.request("again")).toMatchObject({ ok: false, reason: "closed" });
  });

  it("a closed listener refuses new connections and resets open ones", async () => {
    const estate = buildTestEstate(3);
    const listener = estate.net.listen("APP01", 9002, () => "ok");
    const connection = await connected(estate, "DC01", "APP01", 9002);
    listener.close();
    expect(await estate.net.run(connection.request("x"))).toMatchObject({ ok: false, symptom: "reset", reason: "no-listener" });
    expect(await estate.net.run(estate.net.connect("DC01", "APP01", 9002))).toMatchObject({ ok: false, symptom: "refused" });
  });

  it("refuse bad input with codes", async () => {
    const estate = buildTestEstate(3);
    await expect(estate.net.connect("NOPE", "APR01", 80)).rejects.toMatchObject({ code: "NET_UNKNOWN_HOST" });
    await expect(estate.net.connect("DC01", "APR01", 0)).rejects.toMatchObject({ code: "NET_PORT_INVALID" });
    estate.net.listen("APR01", 80, () => "");
    expect(() => estate.net.listen("APR01", 80, () => "")).toThrow(expect.objectContaining({ code: "NET_ADDRESS_IN_USE" }));
  });
});
