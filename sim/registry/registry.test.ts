import { describe, expect, it } from "vitest";
import { Registry, type RegistryChange, type RegValue } from "./index.ts";

const KEY = "HKLM\\SOFTWARE\\ANIXIS\\Password Policy Enforcer";

function view64(onChange?: (c: RegistryChange) => void) {
  return new Registry({ is64Bit: true, onChange }).view(64);
}

describe("keys", () => {
  it("createKey creates missing parents; keyExists sees them", () => {
    const view = view64();
    expect(view.keyExists("HKLM\\SOFTWARE\\ANIXIS")).toBe(false);
    view.createKey(KEY);
    expect(view.keyExists("HKLM\\SOFTWARE\\ANIXIS")).toBe(true);
    expect(view.keyExists(KEY)).toBe(true);
  });

  it("accepts long root names, trailing and doubled backslashes", () => {
    const view = view64();
    view.createKey("HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\\\App\\");
    expect(view.keyExists("HKLM\\SOFTWARE\\Vendor\\App")).toBe(true);
    expect(view.keyExists("hkey_local_machine\\software\\vendor\\app")).toBe(true);
  });

  it("looks keys up case-insensitively but keeps the case they were created with", () => {
    const view = view64();
    view.createKey("HKCU\\Software\\AcmeCorp\\MixedCase");
    view.createKey("HKCU\\SOFTWARE\\ACMECORP\\MIXEDCASE\\Child");
    expect(view.listSubkeys("hkcu\\software\\acmecorp")).toEqual(["MixedCase"]);
    expect(view.physicalPath("HKCU\\SOFTWARE\\ACMECORP\\MIXEDCASE\\child")).toBe("HKCU\\Software\\AcmeCorp\\MixedCase\\Child");
    expect(view.displayPath("hkcu\\software\\acmecorp")).toBe("HKEY_CURRENT_USER\\Software\\AcmeCorp");
  });

  it("lists subkeys sorted case-insensitively, as Windows enumerates them", () => {
    const view = view64();
    for (const name of ["beta", "Alpha", "gamma", "Delta"]) view.createKey(`HKCU\\Software\\Order\\${name}`);
    expect(view.listSubkeys("HKCU\\Software\\Order")).toEqual(["Alpha", "beta", "Delta", "gamma"]);
  });

  it("refuses unknown roots, over-long key names and non-strings with REG_BAD_PATH", () => {
    const view = view64();
    expect(() => view.createKey("HKEY_CURRENT_CONFIG\\X")).toThrow(expect.objectContaining({ code: "REG_BAD_PATH" }));
    expect(() => view.createKey(`HKCU\\${"k".repeat(256)}`)).toThrow(expect.objectContaining({ code: "REG_BAD_PATH" }));
    expect(() => view.createKey(42 as unknown as string)).toThrow(expect.objectContaining({ code: "REG_BAD_PATH" }));
    expect(() => view.createKey("")).toThrow(expect.objectContaining({ code: "REG_BAD_PATH" }));
    view.createKey(`HKCU\\${"k".repeat(255)}`);
    expect(view.keyExists(`HKCU\\${"k".repeat(255)}`)).toBe(true);
  });

  it("deleteKey needs recursive for a key with subkeys, and reports absence with false", () => {
    const view = view64();
    view.createKey(`${KEY}\\Sub`);
    expect(() => view.deleteKey(KEY)).toThrow(expect.objectContaining({ code: "REG_KEY_HAS_SUBKEYS" }));
    expect(view.keyExists(KEY)).toBe(true);
    expect(view.deleteKey(`${KEY}\\Sub`)).toBe(true);
    expect(view.deleteKey(KEY)).toBe(true);
    expect(view.deleteKey(KEY)).toBe(false);
    view.createKey(`${KEY}\\A\\B`);
    expect(view.deleteKey("HKLM\\SOFTWARE\\ANIXIS", { recursive: true })).toBe(true);
    expect(view.keyExists(`${KEY}\\A\\B`)).toBe(false);
  });

  it("refuses to delete hive roots and mount points", () => {
    const view = view64();
    expect(() => view.deleteKey("HKLM\\SOFTWARE", { recursive: true })).toThrow(expect.objectContaining({ code: "REG_ACCESS_DENIED" }));
    expect(() => view.deleteKey("HKCU", { recursive: true })).toThrow(expect.objectContaining({ code: "REG_ACCESS_DENIED" }));
    expect(() => view.deleteKey("HKCR", { recursive: true })).toThrow(expect.objectContaining({ code: "REG_ACCESS_DENIED" }));
    expect(view.keyExists("HKLM\\SOFTWARE")).toBe(true);
    expect(view.deleteKey("HKCU\\Software", { recursive: true })).toBe(true);
  });

  it("listing a missing key is REG_KEY_NOT_FOUND; listing an existing empty one is empty", () => {
    const view = view64();
    expect(() => view.listSubkeys("HKCU\\Nope")).toThrow(expect.objectContaining({ code: "REG_KEY_NOT_FOUND" }));
    expect(() => view.listValues("HKCU\\Nope")).toThrow(expect.objectContaining({ code: "REG_KEY_NOT_FOUND" }));
    view.createKey("HKCU\\Nope");
    expect(view.listSubkeys("HKCU\\Nope")).toEqual([]);
    expect(view.listValues("HKCU\\Nope")).toEqual([]);
  });
});

describe("values", () => {
  const everyType: { name: string; value: RegValue }[] = [
    { name: "", value: { type: "REG_SZ", data: "default" } },
    { name: "Sz", value: { type: "REG_SZ", data: "C:\\Program Files\\ANIXIS" } },
    { name: "Expand", value: { type: "REG_EXPAND_SZ", data: "%ProgramFiles%\\ANIXIS" } },
    { name: "Multi", value: { type: "REG_MULTI_SZ", data: ["one", "", "three"] } },
    { name: "EmptyMulti", value: { type: "REG_MULTI_SZ", data: [] } },
    { name: "Dword", value: { type: "REG_DWORD", data: 0xffffffff } },
    { name: "Qword", value: { type: "REG_QWORD", data: 0x1122334455667788n } },
    { name: "Binary", value: { type: "REG_BINARY", data: Uint8Array.of(0, 1, 254, 255) } },
    { name: "None", value: { type: "REG_NONE", data: Uint8Array.of(9) } },
    { name: "Odd", value: { type: "REG_UNKNOWN", typeCode: 0x100, data: Uint8Array.of(1, 2, 3) } },
  ];

  it("stores and reads back every type, creating the key, in creation order", () => {
    const view = view64();
    for (const { name, value } of everyType) view.setValue(KEY, name, value);
    for (const { name, value } of everyType) expect(view.getValue(KEY, name)).toEqual(value);
    expect(view.listValues(KEY)).toEqual(everyType);
  });

  it("stores the bytes Windows stores", () => {
    const view = view64();
    view.setValue(KEY, "Sz", { type: "REG_SZ", data: "Ab" });
    view.setValue(KEY, "Multi", { type: "REG_MULTI_SZ", data: ["a", "b"] });
    view.setValue(KEY, "Dword", { type: "REG_DWORD", data: 0x2a });
    expect(view.getRawValue(KEY, "Sz")).toEqual({ typeCode: 1, data: Uint8Array.of(0x41, 0, 0x62, 0, 0, 0) });
    expect(view.getRawValue(KEY, "Multi")!.data).toEqual(Uint8Array.of(0x61, 0, 0, 0, 0x62, 0, 0, 0, 0, 0));
    expect(view.getRawValue(KEY, "Dword")).toEqual({ typeCode: 4, data: Uint8Array.of(0x2a, 0, 0, 0) });
  });

  it("raw data that fits a type reads as that type; a DWORD of the wrong size reads as REG_UNKNOWN", () => {
    const view = view64();
    view.setRawValue(KEY, "Four", { typeCode: 4, data: Uint8Array.of(1, 0, 0, 0) });
    view.setRawValue(KEY, "Three", { typeCode: 4, data: Uint8Array.of(1, 0, 0) });
    view.setValue(KEY, "AsUnknown", { type: "REG_UNKNOWN", typeCode: 11, data: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0) });
    expect(view.getValue(KEY, "Four")).toEqual({ type: "REG_DWORD", data: 1 });
    expect(view.getValue(KEY, "Three")).toEqual({ type: "REG_UNKNOWN", typeCode: 4, data: Uint8Array.of(1, 0, 0) });
    expect(view.getValue(KEY, "AsUnknown")).toEqual({ type: "REG_QWORD", data: 1n });
  });

  it("value names are case-insensitive; overwriting keeps the first name's case and position", () => {
    const view = view64();
    view.setValue(KEY, "InstallDir", { type: "REG_SZ", data: "C:\\A" });
    view.setValue(KEY, "Version", { type: "REG_SZ", data: "2.0" });
    view.setValue(KEY, "INSTALLDIR", { type: "REG_SZ", data: "C:\\B" });
    expect(view.getValue(KEY, "installdir")).toEqual({ type: "REG_SZ", data: "C:\\B" });
    expect(view.listValues(KEY).map((v) => v.name)).toEqual(["InstallDir", "Version"]);
  });

  it("deleteValue reports whether a value was there", () => {
    const view = view64();
    view.setValue(KEY, "", { type: "REG_SZ", data: "x" });
    expect(view.deleteValue(KEY, "")).toBe(true);
    expect(view.deleteValue(KEY, "")).toBe(false);
    expect(view.deleteValue("HKCU\\Missing", "x")).toBe(false);
    expect(view.getValue("HKCU\\Missing", "x")).toBeUndefined();
  });

  it("returned data is a copy: mutating it does not change the registry", () => {
    const view = view64();
    view.setValue(KEY, "Bin", { type: "REG_BINARY", data: Uint8Array.of(1) });
    const read = view.getValue(KEY, "Bin") as { data: Uint8Array };
    read.data[0] = 99;
    expect(view.getValue(KEY, "Bin")).toEqual({ type: "REG_BINARY", data: Uint8Array.of(1) });
  });

  it.each([
    ["a DWORD out of range", { type: "REG_DWORD", data: 2 ** 32 }],
    ["a negative DWORD", { type: "REG_DWORD", data: -1 }],
    ["a fractional DWORD", { type: "REG_DWORD", data: 1.5 }],
    ["a QWORD as a number", { type: "REG_QWORD", data: 5 }],
    ["a QWORD above 64 bits", { type: "REG_QWORD", data: 1n << 64n }],
    ["a MULTI_SZ string holding NUL", { type: "REG_MULTI_SZ", data: ["a\0b"] }],
    ["binary data as an array", { type: "REG_BINARY", data: [1, 2] }],
    ["an unknown type name", { type: "REG_LINK", data: "" }],
    ["a REG_UNKNOWN code beyond 32 bits", { type: "REG_UNKNOWN", typeCode: 2 ** 32, data: new Uint8Array() }],
  ])("refuses %s with REG_BAD_VALUE and writes nothing", (_label, value) => {
    const view = view64();
    expect(() => view.setValue(KEY, "v", value as RegValue)).toThrow(expect.objectContaining({ code: "REG_BAD_VALUE" }));
    expect(view.keyExists(KEY)).toBe(false);
  });

  it("accepts the edges of the numeric ranges", () => {
    const view = view64();
    view.setValue(KEY, "d0", { type: "REG_DWORD", data: 0 });
    view.setValue(KEY, "q", { type: "REG_QWORD", data: (1n << 64n) - 1n });
    expect(view.getValue(KEY, "q")).toEqual({ type: "REG_QWORD", data: (1n << 64n) - 1n });
  });

  it("refuses value names with NUL or beyond 16383 characters", () => {
    const view = view64();
    const sz: RegValue = { type: "REG_SZ", data: "" };
    expect(() => view.setValue(KEY, "a\0b", sz)).toThrow(expect.objectContaining({ code: "REG_BAD_VALUE_NAME" }));
    expect(() => view.setValue(KEY, "n".repeat(16384), sz)).toThrow(expect.objectContaining({ code: "REG_BAD_VALUE_NAME" }));
    view.setValue(KEY, "n".repeat(16383), sz);
    expect(view.listValues(KEY)).toHaveLength(1);
  });
});

describe("change notifications", () => {
  it("reports created keys, set and deleted values, deleted keys, with physical paths", () => {
    const changes: RegistryChange[] = [];
    const view = view64((c) => changes.push(c));
    view.setValue("HKLM\\SOFTWARE\\ANIXIS\\PPE", "Ver", { type: "REG_SZ", data: "9" });
    view.setValue("hklm\\software\\anixis\\ppe", "VER", { type: "REG_SZ", data: "10" });
    view.deleteValue("HKLM\\SOFTWARE\\ANIXIS\\PPE", "ver");
    view.deleteValue("HKLM\\SOFTWARE\\ANIXIS\\PPE", "ver");
    view.deleteKey("HKLM\\SOFTWARE\\ANIXIS", { recursive: true });
    expect(changes).toEqual([
      { kind: "create-key", path: "HKLM\\SOFTWARE\\ANIXIS" },
      { kind: "create-key", path: "HKLM\\SOFTWARE\\ANIXIS\\PPE" },
      { kind: "set-value", path: "HKLM\\SOFTWARE\\ANIXIS\\PPE", name: "Ver" },
      { kind: "set-value", path: "HKLM\\SOFTWARE\\ANIXIS\\PPE", name: "Ver" },
      { kind: "delete-value", path: "HKLM\\SOFTWARE\\ANIXIS\\PPE", name: "Ver" },
      { kind: "delete-key", path: "HKLM\\SOFTWARE\\ANIXIS" },
    ]);
  });

  it("reports nothing for the keys every install starts with, nor for refused writes", () => {
    const changes: RegistryChange[] = [];
    const view = view64((c) => changes.push(c));
    expect(view.keyExists("HKLM\\SOFTWARE\\Classes")).toBe(true);
    expect(() => view.setValue(KEY, "v", { type: "REG_DWORD", data: -1 })).toThrow();
    view.createKey("HKLM\\SOFTWARE");
    expect(changes).toEqual([]);
  });
});

describe("construction", () => {
  it("needs is64Bit and a view of 32 or 64 bits", () => {
    expect(() => new Registry({} as { is64Bit: boolean })).toThrow(expect.objectContaining({ code: "REG_BAD_OPTIONS" }));
    expect(() => new Registry({ is64Bit: true }).view(16 as 32)).toThrow(expect.objectContaining({ code: "REG_BAD_VIEW" }));
  });

  it("keeps separate registries apart", () => {
    const a = new Registry({ is64Bit: true }).view(64);
    const b = new Registry({ is64Bit: true }).view(64);
    a.createKey("HKCU\\Software\\OnlyA");
    expect(b.keyExists("HKCU\\Software\\OnlyA")).toBe(false);
  });

  it("resolves one path text the same in every registry, each view by its own bitness", () => {
    const path = "HKLM\\SOFTWARE\\Vendor\\Shared Resolve";
    for (let i = 0; i < 2; i++) {
      const wow = new Registry({ is64Bit: true });
      const x86 = new Registry({ is64Bit: false });
      wow.view(32).setValue(path, "v", { type: "REG_SZ", data: `wow32-${i}` });
      wow.view(64).setValue(path, "v", { type: "REG_SZ", data: `wow64-${i}` });
      x86.view(32).setValue(path, "v", { type: "REG_SZ", data: `x86-${i}` });
      expect(wow.view(32).physicalPath(path)).toBe("HKLM\\SOFTWARE\\WOW6432Node\\Vendor\\Shared Resolve");
      expect(wow.view(64).physicalPath(path)).toBe("HKLM\\SOFTWARE\\Vendor\\Shared Resolve");
      expect(x86.view(64).physicalPath(path)).toBe("HKLM\\SOFTWARE\\Vendor\\Shared Resolve");
      expect([wow.view(32), wow.view(64), x86.view(32)].map((v) => v.getValue(path, "v")?.data)).toEqual([`wow32-${i}`, `wow64-${i}`, `x86-${i}`]);
    }
  });

  it("folds names the same way every time they are met, non-ASCII ones included", () => {
    for (let i = 0; i < 2; i++) {
      const view = view64();
      view.createKey("HKCU\\Software\\Straße\\Ärger");
      expect(view.keyExists("HKCU\\SOFTWARE\\STRAßE\\ÄRGER")).toBe(true);
      // "ß" upper-cases to "SS", two characters: Windows leaves it alone, so "STRASSE" is another key.
      expect(view.keyExists("HKCU\\Software\\STRASSE\\Ärger")).toBe(false);
      expect(view.physicalPath("hkcu\\software\\straße\\ärger")).toBe("HKCU\\Software\\Straße\\Ärger");
    }
  });
});
