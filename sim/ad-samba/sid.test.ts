import { describe, expect, it } from "vitest";
import { sidToString } from "./index.ts";

describe("sidToString", () => {
  it("formats domain and builtin SIDs as Samba returns them in objectSid and tokenGroups", () => {
    expect(sidToString(Buffer.from("010500000000000515000000ee87e28d3bf9706d4118584201020000", "hex"))).toBe("S-1-5-21-2380433390-1836120379-1113069633-513");
    expect(sidToString(Buffer.from("01020000000000052000000021020000", "hex"))).toBe("S-1-5-32-545");
  });

  it("refuses bytes that are not a whole SID", () => {
    expect(() => sidToString(Buffer.from("0105", "hex"))).toThrow(RangeError);
    expect(() => sidToString(Buffer.from("0102000000000005200000002102", "hex"))).toThrow(/sub-authorities/);
  });
});
