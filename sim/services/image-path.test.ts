import { describe, expect, it } from "vitest";
import { executableOf } from "./image-path.ts";

describe("executableOf", () => {
  it("takes a quoted path up to its closing quote", () => {
    expect(executableOf('"C:\\Program Files (x86)\\Vendor\\svc.exe" -k run')).toBe("C:\\Program Files (x86)\\Vendor\\svc.exe");
  });

  it("takes an unquoted path up to the first .exe that ends a word", () => {
    expect(executableOf("C:\\Windows\\System32\\svchost.exe -k netsvcs")).toBe("C:\\Windows\\System32\\svchost.exe");
    expect(executableOf("C:\\Program Files\\Vendor\\svc.exe")).toBe("C:\\Program Files\\Vendor\\svc.exe");
    expect(executableOf("C:\\tools\\my.exe.d\\run.exe /x")).toBe("C:\\tools\\my.exe.d\\run.exe");
  });

  it("takes the whole text when there is no .exe", () => {
    expect(executableOf("  C:\\svc\\agent  ")).toBe("C:\\svc\\agent");
  });
});
