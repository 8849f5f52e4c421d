import { describe, expect, it } from "vitest";
import { NEVER_INTERVAL, fileTimeToMs, intervalToMs, msToInterval } from "./index.ts";

describe("AD time encodings", () => {
  it("reads a FILETIME as ms since 1970, and 0 or absent as 0", () => {
    // 2026-01-05T09:00:00Z in 100 ns ticks since 1601.
    expect(fileTimeToMs("134120772000000000")).toBe(Date.UTC(2026, 0, 5, 9, 0, 0));
    expect(fileTimeToMs("0")).toBe(0);
    expect(fileTimeToMs(undefined)).toBe(0);
    expect(fileTimeToMs("9223372036854775807")).toBe(0);
  });

  it("reads policy intervals in ms, 'forever' as the lab's 0", () => {
    expect(intervalToMs("-18000000000")).toBe(30 * 60_000);
    expect(intervalToMs("-864000000000")).toBe(86_400_000);
    expect(intervalToMs(NEVER_INTERVAL)).toBe(0);
    expect(intervalToMs("0")).toBe(0);
  });

  it("writes intervals back, 0 as 'forever' only where the lab's 0 means forever", () => {
    expect(msToInterval(30 * 60_000, true)).toBe("-18000000000");
    expect(msToInterval(0, true)).toBe(NEVER_INTERVAL);
    expect(msToInterval(0, false)).toBe("0");
    expect(intervalToMs(msToInterval(3_000, false))).toBe(3_000);
    expect(() => msToInterval(-1, false)).toThrow(RangeError);
    expect(() => msToInterval(1.5, false)).toThrow(RangeError);
  });
});
