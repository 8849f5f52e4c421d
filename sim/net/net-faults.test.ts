import { describe, expect, it } from "vitest";
import { NET_FAULT, NET_FAULT_CATALOG } from "./net-faults.ts";
import { buildTestEstate, bytes, text, type TestEstate } from "./test-estate.ts";

/** DC01 sends `count` numbered datagrams to APR01:5100 (same zone, no perimeter), 1 ms apart. */
function burst(estate: TestEstate, count = 200) {
  const { net, context } = estate;
  const server = net.datagrams().bindNow("APR01", 5100);
  const arrivals: { n: number; at: number }[] = [];
  server.onMessage((d) => arrivals.push({ n: Number(text(d.payload)), at: context.clock.now() }));
  const client = net.datagrams().bindNow("DC01", 0);
  const sentAt: number[] = [];
  for (let i = 0; i < count; i++) {
    sentAt.push(context.clock.now());
    client.send(server.local, bytes(String(i)));
    context.clock.advance(1);
  }
  context.clock.runUntilIdle();
  return { arrivals, sentAt, latencies: arrivals.map((a) => a.at - sentAt[a.n]!) };
}

const isSorted = (ns: number[]) => ns.every((n, i) => i === 0 || ns[i - 1]! <= n);

describe("network faults", () => {
  it("the catalog has every fault the network consults, with defaults", () => {
    expect(NET_FAULT_CATALOG.map((f) => f.name).sort()).toEqual(Object.values(NET_FAULT).sort());
    for (const f of NET_FAULT_CATALOG) expect(Object.keys(f.params).length).toBeGreaterThan(0);
  });

  it("packet-loss drops some datagrams (traced as loss) when active, none when not", () => {
    const calm = burst(buildTestEstate(7));
    expect(calm.arrivals).toHaveLength(200);

    const estate = buildTestEstate(7);
    estate.context.faults.activate(NET_FAULT.loss, { probability: 0.3 });
    const lossy = burst(estate);
    const lost = estate.drops().filter((d) => d.data["reason"] === "loss");
    expect(lossy.arrivals.length).toBeGreaterThan(100);
    expect(lossy.arrivals.length).toBeLessThan(180);
    expect(lost).toHaveLength(200 - lossy.arrivals.length);
    expect(estate.net.stats().dropped.loss).toBe(lost.length);
  });

  it("packet-duplication delivers some datagrams twice when active, never when not", () => {
    const calm = burst(buildTestEstate(7));
    expect(new Set(calm.arrivals.map((a) => a.n)).size).toBe(calm.arrivals.length);

    const estate = buildTestEstate(7);
    estate.context.faults.activate(NET_FAULT.duplication, { probability: 0.2 });
    const dup = burst(estate);
    const extra = dup.arrivals.length - 200;
    expect(extra).toBeGreaterThan(10);
    expect(new Set(dup.arrivals.map((a) => a.n)).size).toBe(200);
    expect(estate.net.stats().duplicated).toBe(extra);
    expect(estate.context.trace.find((e) => e.kind === "net.deliver" && e.data["duplicate"] === true)).toHaveLength(extra);
  });

  it("packet-reorder makes later datagrams overtake when active, keeps order when not", () => {
    const calm = burst(buildTestEstate(7));
    expect(isSorted(calm.arrivals.map((a) => a.n))).toBe(true);

    const estate = buildTestEstate(7);
    estate.context.faults.activate(NET_FAULT.reorder, { probability: 0.3, maxExtraDelayMs: 20 });
    const shuffled = burst(estate);
    expect(shuffled.arrivals).toHaveLength(200);
    expect(isSorted(shuffled.arrivals.map((a) => a.n))).toBe(false);
    expect(Math.max(...shuffled.latencies)).toBeLessThanOrEqual(1 + 20);
  });

  it("network-delay sets latency plus jitter when active; the base latency when not", () => {
    const calm = burst(buildTestEstate(7), 50);
    expect(new Set(calm.latencies)).toEqual(new Set([1]));

    const estate = buildTestEstate(7);
    estate.context.faults.activate(NET_FAULT.delay, { latencyMs: 300, jitterMs: 40 });
    const slow = burst(estate, 50);
    expect(Math.min(...slow.latencies)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...slow.latencies)).toBeLessThanOrEqual(340);
    expect(new Set(slow.latencies).size).toBeGreaterThan(5);
  });

  it("partition drops traffic between the two sides (zones or hosts) while active, only there", () => {
    const estate = buildTestEstate(7);
    estate.net.addPerimeterRule({ name: "all", action: "allow", protocol: "any", from: "any", to: "any" });
    const { net, context } = estate;
    const apr = net.datagrams().bindNow("APR01", 5100);
    const got: string[] = [];
    apr.onMessage((d) => got.push(text(d.payload)));
    const web = net.datagrams().bindNow("WEB01", 0);
    const dc = net.datagrams().bindNow("DC01", 0);

    context.faults.activate(NET_FAULT.partition, { a: "dmz", b: "internal" });
    web.send(apr.local, bytes("web"));
    dc.send(apr.local, bytes("dc"));
    context.clock.runUntilIdle();
    expect(got).toEqual(["dc"]);
    expect(estate.drops()[0]?.data).toMatchObject({ reason: "partition", fromHost: "WEB01", toHost: "APR01" });

    context.faults.activate(NET_FAULT.partition, { a: "APR01", b: "DC01" });
    web.send(apr.local, bytes("web"));
    dc.send(apr.local, bytes("dc"));
    context.clock.runUntilIdle();
    expect(got).toEqual(["dc", "web"]);

    context.faults.deactivate(NET_FAULT.partition);
    dc.send(apr.local, bytes("dc"));
    context.clock.runUntilIdle();
    expect(got).toEqual(["dc", "web", "dc"]);
  });

  it("is deterministic per seed: same seed same trace, another seed another", () => {
    const run = (seed: number) => {
      const estate = buildTestEstate(seed);
      for (const [name, params] of [
        [NET_FAULT.loss, { probability: 0.2 }],
        [NET_FAULT.duplication, { probability: 0.2 }],
        [NET_FAULT.reorder, { probability: 0.2 }],
        [NET_FAULT.delay, { latencyMs: 5, jitterMs: 10 }],
      ] as const) {
        estate.context.faults.activate(name, params);
      }
      const { arrivals } = burst(estate, 100);
      return { trace: estate.context.trace.hash(), arrivals: JSON.stringify(arrivals) };
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11).arrivals).not.toBe(run(12).arrivals);
  });

  it("an inactive fault consumes no randomness: the trace equals a lab without faults", () => {
    const plain = buildTestEstate(5);
    burst(plain, 30);
    const toggled = buildTestEstate(5);
    toggled.context.faults.activate(NET_FAULT.loss, { probability: 0.5 });
    toggled.context.faults.deactivate(NET_FAULT.loss);
    burst(toggled, 30);
    expect(toggled.context.trace.hash()).toBe(plain.context.trace.hash());
  });
});
