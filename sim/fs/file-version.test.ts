import { describe, expect, it } from "vitest";
import { LabError } from "../kernel/index.ts";
import { compareFileVersions, validateFileVersion } from "./file-version.ts";

describe("file versions", () => {
  it("accepts one to four numeric parts up to 65535", () => {
    for (const v of ["3", "3.23", "3.23.0.0", "65535.0.0.1"]) expect(validateFileVersion(v)).toBe(v);
  });

  it("refuses anything else with INVALID_VERSION", () => {
    for (const v of ["", "3.", "v3.1", "1.2.3.4.5", "65536.0", "1.-2", "1.2 beta"]) {
      expect(() => validateFileVersion(v), v).toThrow(LabError);
      try {
        validateFileVersion(v);
      } catch (e) {
        expect((e as LabError).code).toBe("INVALID_VERSION");
      }
    }
  });

  it("compares numerically, not as text, with missing parts as zero", () => {
    expect(compareFileVersions("3.9.0.0", "3.23.0.0")).toBe(-1);
    expect(compareFileVersions("3.23.1", "3.23.0.5")).toBe(1);
    expect(compareFileVersions("3.23", "3.23.0.0")).toBe(0);
  });
});
