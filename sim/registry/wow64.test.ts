import { describe, expect, it } from "vitest";
import { exportReg, Registry, WOW64_KEYS, type RegistryChange } from "./index.ts";

/** What the 32-bit 2.x line of a product writes when it installs. */
const PPE_KEY = "HKLM\\SOFTWARE\\ANIXIS\\Password Policy Enforcer\\2.0";
const VERSION = { type: "REG_SZ", data: "2.8" } as const;

describe("WOW64 redirection on a 64-bit OS", () => {
  it("a 32-bit installer's HKLM\\SOFTWARE write lands under WOW6432Node, where a 64-bit reader finds it", () => {
    const changes: RegistryChange[] = [];
    const registry = new Registry({ is64Bit: true, onChange: (c) => changes.push(c) });
    registry.view(32).setValue(PPE_KEY, "Version", VERSION);

    const x64 = registry.view(64);
    expect(x64.getValue("HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\Password Policy Enforcer\\2.0", "Version")).toEqual(VERSION);
    expect(x64.keyExists("HKLM\\SOFTWARE\\ANIXIS")).toBe(false);
    expect(x64.getValue(PPE_KEY, "Version")).toBeUndefined();
    expect(registry.view(32).getValue(PPE_KEY, "Version")).toEqual(VERSION);
    expect(changes.at(-1)).toEqual({ kind: "set-value", path: "HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\Password Policy Enforcer\\2.0", name: "Version" });
  });

  it("a 64-bit write to HKLM\\SOFTWARE is invisible to 32-bit readers", () => {
    const registry = new Registry({ is64Bit: true });
    registry.view(64).setValue(PPE_KEY, "Version", VERSION);
    expect(registry.view(32).keyExists(PPE_KEY)).toBe(false);
    expect(registry.view(32).physicalPath(PPE_KEY)).toBe("HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\Password Policy Enforcer\\2.0");
    expect(registry.view(64).physicalPath(PPE_KEY)).toBe("HKLM\\SOFTWARE\\ANIXIS\\Password Policy Enforcer\\2.0");
  });

  it("a 32-bit path that already names WOW6432Node is not redirected twice", () => {
    const registry = new Registry({ is64Bit: true });
    expect(registry.view(32).physicalPath("HKLM\\SOFTWARE\\wow6432node\\X")).toBe("HKLM\\SOFTWARE\\WOW6432Node\\X");
  });

  it("shared keys are one key for both views", () => {
    const registry = new Registry({ is64Bit: true });
    registry.view(32).setValue("HKLM\\SOFTWARE\\Policies\\ANIXIS", "Enabled", { type: "REG_DWORD", data: 1 });
    expect(registry.view(64).getValue("HKLM\\SOFTWARE\\Policies\\ANIXIS", "Enabled")).toEqual({ type: "REG_DWORD", data: 1 });
    registry.view(32).createKey("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-18");
    expect(registry.view(64).keyExists("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-18")).toBe(true);
    // Its sibling is redirected like the rest of SOFTWARE.
    registry.view(32).createKey("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon");
    expect(registry.view(64).keyExists("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon")).toBe(false);
  });

  it("keys outside HKLM\\SOFTWARE are not redirected", () => {
    const registry = new Registry({ is64Bit: true });
    registry.view(32).createKey("HKLM\\SYSTEM\\CurrentControlSet\\Services\\PPE");
    registry.view(32).createKey("HKCU\\Software\\ANIXIS");
    expect(registry.view(64).keyExists("HKLM\\SYSTEM\\CurrentControlSet\\Services\\PPE")).toBe(true);
    expect(registry.view(64).keyExists("HKCU\\Software\\ANIXIS")).toBe(true);
  });

  it("HKCR is HKLM\\SOFTWARE\\Classes; its CLSID key is redirected, other classes are shared", () => {
    const registry = new Registry({ is64Bit: true });
    const clsid = "HKCR\\CLSID\\{6B3B1AB3-1C37-4E02-9A0D-D1A6A9B2E0C7}\\InprocServer32";
    registry.view(32).setValue(clsid, "", { type: "REG_SZ", data: "C:\\Program Files (x86)\\PPE\\PPE.dll" });
    registry.view(32).setValue("HKCR\\.ppe", "", { type: "REG_SZ", data: "PPE.Policy" });
    const x64 = registry.view(64);
    expect(registry.view(32).physicalPath(clsid)).toBe("HKLM\\SOFTWARE\\Classes\\WOW6432Node\\CLSID\\{6B3B1AB3-1C37-4E02-9A0D-D1A6A9B2E0C7}\\InprocServer32");
    expect(x64.keyExists(clsid)).toBe(false);
    expect(x64.keyExists("HKCR\\WOW6432Node\\CLSID\\{6B3B1AB3-1C37-4E02-9A0D-D1A6A9B2E0C7}")).toBe(true);
    expect(x64.getValue("HKLM\\SOFTWARE\\Classes\\.ppe", "")).toEqual({ type: "REG_SZ", data: "PPE.Policy" });
  });

  it("a 32-bit listing of HKLM\\SOFTWARE shows the WOW6432Node keys plus the shared ones", () => {
    const registry = new Registry({ is64Bit: true });
    registry.view(64).createKey("HKLM\\SOFTWARE\\Only64");
    registry.view(64).createKey("HKLM\\SOFTWARE\\Policies");
    registry.view(32).createKey("HKLM\\SOFTWARE\\ANIXIS");
    expect(registry.view(32).listSubkeys("HKLM\\SOFTWARE")).toEqual(["ANIXIS", "Classes", "Policies"]);
    expect(registry.view(64).listSubkeys("HKLM\\SOFTWARE")).toEqual(["Classes", "Only64", "Policies", "WOW6432Node"]);
  });

  it("a 32-bit export names the view's paths, not WOW6432Node", () => {
    const registry = new Registry({ is64Bit: true });
    registry.view(32).setValue(PPE_KEY, "Version", VERSION);
    const text = exportReg(registry.view(32), "HKLM\\SOFTWARE\\ANIXIS");
    expect(text).toContain("[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\Password Policy Enforcer\\2.0]");
    expect(text).not.toContain("WOW6432Node");
    expect(exportReg(registry.view(32), "hklm\\software\\anixis")).toBe(text);
    expect(exportReg(registry.view(64), "HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS")).toContain("[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\ANIXIS\\Password Policy Enforcer\\2.0]");
  });

  it("the redirection table is data with redirected and shared entries", () => {
    expect(WOW64_KEYS).toContainEqual({ path: "HKLM\\SOFTWARE", kind: "redirected", wowNodeUnder: "HKLM\\SOFTWARE" });
    expect(WOW64_KEYS).toContainEqual({ path: "HKLM\\SOFTWARE\\Classes", kind: "shared" });
  });
});

describe("a 32-bit OS", () => {
  it("has one view and no WOW6432Node: the 2.x write lands where it says", () => {
    const registry = new Registry({ is64Bit: false });
    expect(registry.view(32)).toBe(registry.view(64));
    registry.view(32).setValue(PPE_KEY, "Version", VERSION);
    expect(registry.view(64).getValue(PPE_KEY, "Version")).toEqual(VERSION);
    expect(registry.view(32).physicalPath(PPE_KEY)).toBe(PPE_KEY);
    expect(registry.view(32).keyExists("HKLM\\SOFTWARE\\WOW6432Node")).toBe(false);
    expect(registry.view(32).listSubkeys("HKLM\\SOFTWARE")).toEqual(["ANIXIS", "Classes"]);
  });
});
