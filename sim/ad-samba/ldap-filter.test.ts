import { describe, expect, it } from "vitest";
import { escapeFilterValue } from "./index.ts";

describe("escapeFilterValue", () => {
  it("escapes the characters that would widen or break a filter", () => {
    expect(escapeFilterValue("a*b(c)d\\e\u0000")).toBe("a\\2ab\\28c\\29d\\5ce\\00");
  });

  it("leaves ordinary names alone", () => {
    expect(escapeFilterValue("jane.doe@lab.example")).toBe("jane.doe@lab.example");
  });
});
