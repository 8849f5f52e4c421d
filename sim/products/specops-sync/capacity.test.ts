import { describe, expect, it } from "vitest";
import { CapacityModel, LATE_AFTER_MS, SYNC_SERVICE_MS } from "./capacity.ts";

const HOUR = 3_600_000;

describe("Sync Server capacity (the lab's figure: one change per 3 s)", () => {
  it("does not queue under its capacity", () => {
    const m = new CapacityModel();
    m.addServer("SYNC01");
    m.addLoad({ fromMs: 0, toMs: HOUR, changesPerHour: 1_000 });
    const slot = m.assign(HOUR - 1_000, ["SYNC01"])!;
    expect(slot.waitMs).toBeLessThan(SYNC_SERVICE_MS);
  });

  it("queues and delays when more changes arrive than one server takes", () => {
    const m = new CapacityModel();
    m.addServer("SYNC01");
    m.addLoad({ fromMs: 0, toMs: HOUR, changesPerHour: 2_000 });
    const slot = m.assign(HOUR - 1_000, ["SYNC01"])!;
    // 2,000 arrivals an hour against 1,200 handled: about 800 are waiting after an hour.
    expect(slot.ahead).toBeGreaterThan(700);
    expect(slot.waitMs).toBeGreaterThan(LATE_AFTER_MS);
  });

  it("shares the load with a second Sync Server, and the wait is gone", () => {
    const m = new CapacityModel();
    m.addServer("SYNC01");
    m.addServer("SYNC02");
    m.addLoad({ fromMs: 0, toMs: HOUR, changesPerHour: 2_000 });
    const slot = m.assign(HOUR - 1_000, ["SYNC01", "SYNC02"])!;
    expect(slot.waitMs).toBeLessThan(SYNC_SERVICE_MS);
    expect(m.handled("SYNC01")).toBeGreaterThan(500);
    expect(m.handled("SYNC02")).toBeGreaterThan(500);
  });

  it("prefers the least busy server and is deterministic", () => {
    const run = (): string[] => {
      const m = new CapacityModel();
      m.addServer("B");
      m.addServer("A");
      m.addLoad({ fromMs: 0, toMs: HOUR, changesPerHour: 3_000 });
      return [0, 1, 2, 3].map((i) => m.assign(600_000 + i * 500, ["A", "B"])!.server);
    };
    expect(run()).toEqual(run());
    expect(new Set(run()).size).toBe(2);
  });

  it("refuses a nonsensical load", () => {
    expect(() => new CapacityModel().addLoad({ fromMs: 0, toMs: 0, changesPerHour: 10 })).toThrow(/positive/);
  });
});
