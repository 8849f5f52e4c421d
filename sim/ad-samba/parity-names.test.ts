import { describe, expect, it } from "vitest";
import { ParityNames } from "./index.ts";

describe("ParityNames", () => {
  it("prefixes a case's own names and leaves the stage's and the domain's alone", () => {
    const names = new ParityNames("p1a");
    expect(names.real("jdoe")).toBe("p1ajdoe");
    expect(names.real("helpdesk")).toBe("helpdesk");
    expect(names.real("Domain Users")).toBe("Domain Users");
    expect(names.real("Administrator")).toBe("Administrator");
    expect(names.password("X{user}-2026", "jdoe")).toBe("Xp1ajdoe-2026");
  });

  it("keeps sAMAccountName within 20 characters", () => {
    expect(() => new ParityNames("toolong1")).toThrow(RangeError);
    expect(() => new ParityNames("P1")).toThrow(RangeError);
    expect(() => new ParityNames("p1").real("averyveryverylongname")).toThrow(/at most 14/);
  });
});
