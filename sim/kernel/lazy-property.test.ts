import { describe, expect, it } from "vitest";
import { withLazy } from "./lazy-property.ts";

describe("withLazy", () => {
  it("computes on read, as an own enumerable property in key order, and serialises like a plain value", () => {
    let computed = 0;
    const o = withLazy({ a: 1 }, "b", () => (computed++, "x"));
    expect(computed).toBe(0);
    expect(o.b).toBe("x");
    expect(computed).toBe(1);
    expect(Object.keys(o)).toEqual(["a", "b"]);
    expect(JSON.stringify(o)).toBe('{"a":1,"b":"x"}');
    expect(structuredClone(o)).toEqual({ a: 1, b: "x" });
  });

  it("keeps each object's own computation, several keys on one object included", () => {
    const one = withLazy(withLazy({}, "p", () => 1), "q", () => 2);
    const two = withLazy({}, "p", () => 3);
    expect([one.p, one.q, two.p]).toEqual([1, 2, 3]);
    expect(Object.getOwnPropertyDescriptor(one, "p")!.get).toBe(Object.getOwnPropertyDescriptor(two, "p")!.get);
  });
});
