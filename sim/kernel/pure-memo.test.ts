import { describe, expect, it } from "vitest";
import { memoPure } from "./pure-memo.ts";

describe("memoPure", () => {
  it("computes once per input and gives the same result after", () => {
    let calls = 0;
    const upper = memoPure((s) => (calls++, s.toUpperCase()));
    expect(upper("a")).toBe("A");
    expect(upper("a")).toBe("A");
    expect(upper("b")).toBe("B");
    expect(calls).toBe(2);
  });

  it("does not remember a throw: bad input throws every time", () => {
    let calls = 0;
    const strict = memoPure((s) => {
      calls++;
      if (s === "bad") throw new Error("bad input");
      return s;
    });
    expect(() => strict("bad")).toThrow("bad input");
    expect(() => strict("bad")).toThrow("bad input");
    expect(calls).toBe(2);
  });

  it("stays bounded: when full it forgets and computes again", () => {
    let calls = 0;
    const id = memoPure((s) => (calls++, s), 2);
    id("a");
    id("b");
    id("c"); // full: cleared, then c kept
    id("a");
    expect(calls).toBe(4);
    id("c");
    expect(calls).toBe(4);
  });
});
