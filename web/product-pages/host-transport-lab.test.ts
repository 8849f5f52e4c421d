import { describe, expect, it } from "vitest";
import { Lab } from "../../sim/lab.ts";
import type { BindOptions, DatagramSocket } from "../../sim/net/index.ts";
import { hostTransportLab } from "./host-transport-lab.ts";

async function lab(): Promise<Lab> {
  return Lab.build({ domain: { name: "corp.example" }, hosts: [{ name: "WEB01", os: "windows-server-2016", ip: "10.0.0.21" }] }, { seed: 3 });
}

const fakeSocket = { local: { address: "127.0.0.1", port: 40000 }, send() {}, onMessage() {}, close() {} } satisfies DatagramSocket;

describe("hostTransportLab", () => {
  it("hands out the real sockets instead of the lab's, for the host that asks", async () => {
    const l = await lab();
    const asked: [string, BindOptions][] = [];
    const view = hostTransportLab(l, (host, options) => (asked.push([host, options]), fakeSocket));
    expect(view.network.datagrams().bindNow("WEB01", 0, { program: "w3wp.exe" })).toBe(fakeSocket);
    expect(asked).toEqual([["WEB01", { program: "w3wp.exe" }]]);
    // The lab's own transport is untouched: it still binds simulated sockets.
    expect(l.network.datagrams().bindNow("WEB01", 0)).not.toBe(fakeSocket);
  });

  it("schedules in host time: the timer fires without the lab clock moving, and a cancelled one does not", async () => {
    const l = await lab();
    const view = hostTransportLab(l, () => fakeSocket);
    const fired: string[] = [];
    const before = l.clock.now();
    view.clock.schedule(5, () => fired.push("kept"), "apr.web retransmit");
    const cancelled = view.clock.schedule(5, () => fired.push("cancelled"));
    expect(view.clock.cancel(cancelled.id)).toBe(true);
    expect(view.clock.cancel(cancelled.id)).toBe(false);
    expect(l.clock.pending().filter((e) => e.label === "apr.web retransmit")).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(["kept"]);
    expect(l.clock.now()).toBe(before);
  });

  it("is the same lab for everything else: time reads, hosts, state, name resolution, trace", async () => {
    const l = await lab();
    const view = hostTransportLab(l, () => fakeSocket);
    l.advance(1234);
    expect(view.clock.now()).toBe(1234);
    expect(view.clock.epochMs).toBe(l.clock.epochMs);
    expect(view.host("web01")).toBe(l.host("WEB01"));
    const state = view.state("pages-test", () => ({ n: 1 }));
    expect(l.state("pages-test", () => ({ n: 2 }))).toBe(state);
    expect(view.network.resolve("WEB01", "web01.corp.example")).toMatchObject({ ok: true, address: "10.0.0.21" });
    expect(view.trace).toBe(l.trace);
  });
});
