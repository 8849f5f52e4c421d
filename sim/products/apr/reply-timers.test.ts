import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { hostTimers } from "./reply-timers.ts";

/**
 * The host timers of the real transport are a coarse wheel: what a caller
 * may rely on is that a timer fires no earlier than asked, not much later,
 * never after its cancel, in deadline order, and that nothing keeps the
 * process alive once every timer is cancelled.
 */
const hostTimeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)); // host-time-ok: these timers are host time

describe("hostTimers (a coarse wheel)", () => {
  it("fires no earlier than asked and within a tick (plus scheduling slack) after", async () => {
    const timers = hostTimers(10);
    const started = performance.now(); // host-time-ok
    const fired = await new Promise<number>((resolve) => void timers.after(35, () => resolve(performance.now()))); // host-time-ok
    expect(fired - started).toBeGreaterThanOrEqual(35);
    expect(fired - started).toBeLessThan(35 + 10 + 150);
  });

  it("a cancelled timer never fires; the others of its tick and later ticks do, in deadline order", async () => {
    const timers = hostTimers(10);
    const order: string[] = [];
    timers.after(40, () => order.push("late"));
    timers.after(20, () => order.push("a"));
    const cancel = timers.after(20, () => order.push("cancelled"));
    timers.after(20, () => order.push("b"));
    cancel();
    cancel(); // twice is harmless
    await sleep(120);
    expect(order).toEqual(["a", "b", "late"]);
  });

  it("a callback may arm the next timer (a retransmission) and cancelling after firing does nothing", async () => {
    const timers = hostTimers(5);
    const fired: number[] = [];
    await new Promise<void>((resolve) => {
      const step = (n: number): void => {
        fired.push(n);
        if (n < 3) cancels.push(timers.after(10, () => step(n + 1)));
        else resolve();
      };
      const cancels: (() => void)[] = [timers.after(10, () => step(1))];
    });
    expect(fired).toEqual([1, 2, 3]);
  });

  it("holds a host timer only while some timer is armed: cancelling them all releases it", async () => {
    const before = hostTimeouts();
    const timers = hostTimers(10);
    const cancels = [timers.after(1500, () => {}), timers.after(1500, () => {}), timers.after(3000, () => {})];
    expect(hostTimeouts()).toBe(before + 1);
    for (const c of cancels) c();
    expect(hostTimeouts()).toBe(before);
    // A wheel emptied by its own firing lets go too (at most: the runner's own timers come and go meanwhile).
    let fired = false;
    timers.after(5, () => void (fired = true));
    expect(hostTimeouts()).toBe(before + 1);
    await sleep(60);
    expect(fired).toBe(true);
    expect(hostTimeouts()).toBeLessThanOrEqual(before);
  });
});
