import { describe, expect, it } from "vitest";
import { encodeForm, parseRequestBody } from "./request-body.ts";

describe("encodeForm", () => {
  const forms: Record<string, string>[] = [
    {},
    { user: "alice", op: "reset" },
    { "": "", a: "" },
    { name: "a b+c&d=e", pw: "P@ss w0rd!~'()*-._", "ü key": "ünïcødé €" },
    { lone: "x\uD800y", pair: "😀", trail: "\uDC00" },
    { slash: "a/b\\c?d#e%f", newline: "a\r\nb\tc" },
  ];

  it("gives what URLSearchParams gives", () => {
    for (const form of forms) expect(encodeForm(form)).toBe(new URLSearchParams(Object.entries(form)).toString());
  });

  it("parses back to the same fields", () => {
    const form = { user: "bob", answer: "blue & green = 50%", x: "-._*" };
    expect(parseRequestBody("application/x-www-form-urlencoded", encodeForm(form)).form).toEqual(form);
  });
});
