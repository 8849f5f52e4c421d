import { describe, expect, it } from "vitest";
import { isLabError, errorCodeOf } from "../kernel/index.ts";
import { normalizeSerialNumber, normalizeThumbprint } from "./thumbprint.ts";

const T = "2D8BEB35DE52380406E1A9B95D5C6CEF78F59AF8";

const codeOf = errorCodeOf;

describe("normalizeThumbprint", () => {
  it("ignores case and spaces, as Windows does", () => {
    expect(normalizeThumbprint(T.toLowerCase())).toBe(T);
    expect(normalizeThumbprint("2d 8b eb 35 de 52 38 04 06 e1 a9 b9 5d 5c 6c ef 78 f5 9a f8")).toBe(T);
  });

  it("names the invisible character copied from the certificate dialog", () => {
    try {
      normalizeThumbprint(`\u200e${T}`);
      expect.unreachable();
    } catch (error) {
      expect(isLabError(error) && error.code).toBe("CERT_THUMBPRINT_INVALID");
      expect((error as Error).message).toContain("U+200E");
    }
  });

  it("refuses a wrong length and accepts the right one", () => {
    expect(codeOf(() => normalizeThumbprint(T.slice(1)))).toBe("CERT_THUMBPRINT_INVALID");
    expect(codeOf(() => normalizeThumbprint(T))).toBeUndefined();
  });
});

describe("normalizeSerialNumber", () => {
  it("compares serials without case, separators or leading zero bytes", () => {
    expect(normalizeSerialNumber("00:8a:01")).toBe("8A01");
    expect(normalizeSerialNumber("8A01")).toBe("8A01");
    expect(normalizeSerialNumber("00")).toBe("00");
  });

  it("refuses non-hex serials", () => {
    expect(codeOf(() => normalizeSerialNumber("xyz"))).toBe("CERT_SERIAL_INVALID");
    expect(codeOf(() => normalizeSerialNumber("0a1b"))).toBeUndefined();
  });
});
