import { describe, expect, it } from "vitest";
import { errorCodeOf } from "../kernel/index.ts";
import { normaliseWindowsPath, parseWindowsPath } from "./windows-path.ts";

const codeOf = errorCodeOf;

describe("parseWindowsPath", () => {
  it("accepts both separators, collapses repeats and upper-cases the drive", () => {
    expect(normaliseWindowsPath("c:/Program Files//App\\bin/")).toBe("C:\\Program Files\\App\\bin");
    expect(parseWindowsPath("d:\\").segments).toEqual([]);
    expect(normaliseWindowsPath("C:")).toBe("C:\\");
  });

  it("resolves . and .., stopping at the root", () => {
    expect(normaliseWindowsPath("C:\\a\\.\\b\\..\\c")).toBe("C:\\a\\c");
    expect(normaliseWindowsPath("C:\\..\\..\\temp")).toBe("C:\\temp");
  });

  it("drops trailing dots and spaces of a name, as Win32 does", () => {
    expect(normaliseWindowsPath("C:\\temp. \\file.txt.")).toBe("C:\\temp\\file.txt");
  });

  it("strips the \\\\?\\ long-path prefix", () => {
    expect(normaliseWindowsPath("\\\\?\\C:\\temp")).toBe("C:\\temp");
  });

  it("keeps Program Files and Program Files (x86) as distinct names", () => {
    expect(normaliseWindowsPath("C:\\Program Files (x86)\\X")).toBe("C:\\Program Files (x86)\\X");
    expect(normaliseWindowsPath("C:\\Program Files (x86)")).not.toBe(normaliseWindowsPath("C:\\Program Files"));
  });

  it("refuses malformed paths with INVALID_PATH", () => {
    for (const bad of ["", "   ", "temp\\x", "\\temp", "C:temp", "\\\\server\\share\\x", "C:\\a|b", "C:\\what?", "C:\\con", "C:\\dir\\NUL.txt", "C:\\...", `C:\\${"x".repeat(256)}`]) {
      expect(codeOf(() => parseWindowsPath(bad)), bad).toBe("INVALID_PATH");
    }
  });

  it("hands out parses that cannot be changed, and refuses a bad path every time it is asked", () => {
    const parsed = parseWindowsPath("C:\\Program Files\\App");
    expect(() => (parsed.segments as string[]).push("x")).toThrow(TypeError);
    expect(parseWindowsPath("c:/Program Files/App")).toEqual({ drive: "C", segments: ["Program Files", "App"] });
    expect(parseWindowsPath("C:\\Program Files\\App").segments).toEqual(["Program Files", "App"]);
    for (let i = 0; i < 2; i++) expect(codeOf(() => parseWindowsPath("C:\\a|b"))).toBe("INVALID_PATH");
  });

  it("accepts names that merely resemble forbidden ones", () => {
    for (const good of ["C:\\console", "C:\\com10", "C:\\a.b.c", "C:\\name with spaces", `C:\\${"x".repeat(255)}`]) {
      expect(codeOf(() => parseWindowsPath(good)), good).toBeUndefined();
    }
  });
});
