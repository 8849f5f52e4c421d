import { describe, expect, it } from "vitest";
import { Clock } from "./clock.ts";

describe("Clock", () => {
  it("runs scheduled events in time order, ties in scheduling order", () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push("b@20"));
    clock.schedule(10, () => seen.push("a@10"));
    clock.schedule(20, () => seen.push("c@20"));
    clock.advance(15);
    expect(seen).toEqual(["a@10"]);
    expect(clock.now()).toBe(15);
    clock.advance(5);
    expect(seen).toEqual(["a@10", "b@20", "c@20"]);
  });

  it("sees time at the event's instant inside the handler", () => {
    const clock = new Clock();
    let at = -1;
    clock.schedule(7, () => (at = clock.now()));
    clock.advance(100);
    expect(at).toBe(7);
    expect(clock.now()).toBe(100);
  });

  it("runUntilIdle drains chained events and stops a runaway timer", () => {
    const clock = new Clock();
    let n = 0;
    const tick = (): void => {
      if (++n < 5) clock.schedule(1000, tick);
    };
    clock.schedule(1000, tick);
    expect(clock.runUntilIdle()).toBe(5);
    expect(clock.now()).toBe(5000);
    const forever = (): void => void clock.schedule(1, forever, "forever");
    clock.schedule(1, forever, "forever");
    expect(() => clock.runUntilIdle(50)).toThrow(/forever/);
  });

  it("says when the next event is due, and nothing when none is scheduled", () => {
    const clock = new Clock();
    expect(clock.nextAt()).toBeUndefined();
    const late = clock.schedule(30, () => {});
    clock.schedule(20, () => {});
    expect(clock.nextAt()).toBe(20);
    clock.advance(25);
    expect(clock.nextAt()).toBe(late.at);
    clock.advance(5);
    expect(clock.nextAt()).toBeUndefined();
  });

  it("cancels, refuses negative delays, and maps lab time to a calendar date", () => {
    const clock = new Clock(Date.UTC(2026, 0, 1));
    const e = clock.schedule(5, () => {
      throw new Error("cancelled event ran");
    });
    expect(clock.cancel(e.id)).toBe(true);
    clock.advance(10);
    expect(() => clock.schedule(-1, () => {})).toThrow(RangeError);
    expect(clock.date().toISOString()).toBe("2026-01-01T00:00:00.010Z");
  });

  it("runs a task with its label made only when asked, in FIFO order among ties and cancels", () => {
    const clock = new Clock();
    const ran: string[] = [];
    let labels = 0;
    const task = (name: string) => ({ run: () => void ran.push(name), label: () => (labels++, `task ${name}`) });
    clock.schedule(10, task("a"));
    const b = clock.schedule(10, () => void ran.push("b"), "fn b");
    clock.schedule(5, task("c"));
    const d = clock.schedule(10, task("d"));
    clock.schedule(10, () => void ran.push("e"), "fn e");
    expect(labels).toBe(0);
    expect(clock.pending().map((p) => p.label)).toEqual(["task c", "task a", "fn b", "task d", "fn e"]);
    expect(d.label).toBe("task d");
    expect(clock.cancel(b.id)).toBe(true);
    expect(clock.cancel(b.id)).toBe(false);
    clock.advance(10);
    expect(ran).toEqual(["c", "a", "d", "e"]);
  });
});
