import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRegFile, encodeRegFile, exportReg, importReg, Registry, type RegistryView, type RegValue } from "./index.ts";

const ROOT = "HKLM\\SOFTWARE\\ANIXIS";

function freshView(): RegistryView {
  return new Registry({ is64Bit: true }).view(64);
}

/** Everything below a key, as stored: names, type codes and bytes. */
function dump(view: RegistryView, path: string): unknown {
  return {
    path: view.displayPath(path),
    values: view.listRawValues(path).map(({ name, raw }) => [name, raw.typeCode, Buffer.from(raw.data).toString("hex")]),
    subkeys: view.listSubkeys(path).map((name) => dump(view, `${path}\\${name}`)),
  };
}

/** A file as regedit writes it, with every type, escapes, wrapped lines, a default value and an empty key. */
const REGEDIT5_FILE = [
  "Windows Registry Editor Version 5.00",
  "",
  "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS]",
  '@="ANIXIS Pty Ltd"',
  '"Path"="C:\\\\Program Files\\\\ANIXIS\\\\Password Policy Enforcer\\\\"',
  '"Quote \\"q\\""="say \\"hi\\""',
  '"Unicode"="Ünïcödé ✓ 中文"',
  '"Lines"="one\\r\\ntwo"',
  '"Empty"=""',
  '"Dword"=dword:0000002a',
  '"Qword"=hex(b):88,77,66,55,44,33,22,11',
  '"Binary"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,\\',
  "  16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,27,28,29,2a,2b,2c,2d,2e,\\",
  "  2f,30,31",
  '"Expand"=hex(2):25,00,50,00,72,00,6f,00,67,00,72,00,61,00,6d,00,46,00,69,00,6c,\\',
  "  00,65,00,73,00,25,00,5c,00,41,00,4e,00,49,00,58,00,49,00,53,00,00,00",
  '"Multi"=hex(7):6f,00,6e,00,65,00,00,00,74,00,77,00,6f,00,00,00,00,00',
  '"None"=hex(0):',
  '"Odd type"=hex(100):25,50,41,54,48,25,00',
  '"Short dword"=hex(4):01,02',
  "",
  "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\Empty Key]",
  "",
  "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\Password Policy Enforcer]",
  '"Version"="9.12"',
  "",
  "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\Password Policy Enforcer\\Policies]",
  '"Policy 1"=dword:00000001',
  "",
  "",
].join("\r\n");

describe("export(import(file)) == file", () => {
  it("for a regedit version 5 file with every type, as text", () => {
    const view = freshView();
    const report = importReg(view, REGEDIT5_FILE);
    expect(report.skipped).toEqual([]);
    expect(exportReg(view, ROOT)).toBe(REGEDIT5_FILE);
  });

  it.each([["utf16le"], ["utf8"]] as const)("for the same file as %s bytes", (encoding) => {
    const view = freshView();
    importReg(view, encodeRegFile(REGEDIT5_FILE, encoding));
    expect(encodeRegFile(exportReg(view, ROOT), encoding)).toEqual(encodeRegFile(REGEDIT5_FILE, encoding));
  });

  it("for a UTF-8 file with a BOM (read; written back without it)", () => {
    const view = freshView();
    importReg(view, new Uint8Array([0xef, 0xbb, 0xbf, ...encodeRegFile(REGEDIT5_FILE, "utf8")]));
    expect(exportReg(view, ROOT)).toBe(REGEDIT5_FILE);
  });

  it("for a REGEDIT4 file in ANSI bytes, string data as ANSI", () => {
    const file = [
      "REGEDIT4",
      "",
      "[HKEY_CURRENT_USER\\Software\\Legacy]",
      '"Name"="Café €5"',
      '"Expand"=hex(2):25,54,45,4d,50,25,5c,e9,00',
      '"Multi"=hex(7):61,00,62,00,00',
      '"Dword"=dword:ffffffff',
      "",
      "",
    ].join("\r\n");
    const view = freshView();
    importReg(view, encodeRegFile(file, "ansi"));
    expect(view.getValue("HKCU\\Software\\Legacy", "Expand")).toEqual({ type: "REG_EXPAND_SZ", data: "%TEMP%\\é" });
    expect(encodeRegFile(exportReg(view, "HKCU\\Software\\Legacy", { format: "regedit4" }), "ansi")).toEqual(encodeRegFile(file, "ansi"));
  });
});

describe("import(export(state)) == state", () => {
  const everyType: [string, RegValue][] = [
    ["", { type: "REG_SZ", data: "default" }],
    ['back\\slash "quoted"', { type: "REG_SZ", data: 'C:\\dir\\"x"\r\n;#[]' }],
    ["expand", { type: "REG_EXPAND_SZ", data: "%SystemRoot%\\a\0b" }],
    ["multi", { type: "REG_MULTI_SZ", data: ["", "a", "", "ü"] }],
    ["multi empty", { type: "REG_MULTI_SZ", data: [] }],
    ["dword", { type: "REG_DWORD", data: 0x80000000 }],
    ["qword", { type: "REG_QWORD", data: 0xfedcba9876543210n }],
    ["binary", { type: "REG_BINARY", data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff) }],
    ["none", { type: "REG_NONE", data: Uint8Array.of(0xff) }],
    ["unknown", { type: "REG_UNKNOWN", typeCode: 0x7fffffff, data: Uint8Array.of(1, 2, 3) }],
  ];

  it.each([["utf16le"], ["utf8"]] as const)("for every type, through %s bytes", (encoding) => {
    const source = freshView();
    for (const [name, value] of everyType) source.setValue(`${ROOT}\\Typed`, name, value);
    source.createKey(`${ROOT}\\Typed\\Child With Spaces `);
    const file = encodeRegFile(exportReg(source, ROOT), encoding);
    const target = freshView();
    expect(importReg(target, decodeRegFile(file)).skipped).toEqual([]);
    expect(dump(target, ROOT)).toEqual(dump(source, ROOT));
    for (const [name, value] of everyType) expect(target.getValue(`${ROOT}\\Typed`, name)).toEqual(value);
  });

  it("holds for generated trees (property)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 12 });
    const keyName = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => !/[\\\r\n\0]/.test(s) && s.length <= 255);
    const noNul = text.filter((s) => !s.includes("\0"));
    const value: fc.Arbitrary<RegValue> = fc.oneof(
      noNul.map((data) => ({ type: "REG_SZ", data }) as RegValue),
      text.map((data) => ({ type: "REG_EXPAND_SZ", data }) as RegValue),
      fc.array(noNul, { maxLength: 4 }).map((data) => ({ type: "REG_MULTI_SZ", data }) as RegValue),
      fc.nat({ max: 0xffffffff }).map((data) => ({ type: "REG_DWORD", data }) as RegValue),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((data) => ({ type: "REG_QWORD", data }) as RegValue),
      fc.uint8Array({ maxLength: 120 }).map((data) => ({ type: "REG_BINARY", data }) as RegValue),
      fc.uint8Array({ maxLength: 8 }).map((data) => ({ type: "REG_NONE", data }) as RegValue),
      fc.record({ typeCode: fc.integer({ min: 12, max: 0xffffffff }), data: fc.uint8Array({ maxLength: 8 }) }).map((v) => ({ type: "REG_UNKNOWN", ...v }) as RegValue),
    );
    const tree = fc.array(fc.record({ key: fc.array(keyName, { maxLength: 3 }), name: noNul, value }), { maxLength: 8 });
    fc.assert(
      fc.property(tree, (entries) => {
        const source = freshView();
        source.createKey(ROOT);
        for (const { key, name, value: v } of entries) source.setValue([ROOT, ...key].join("\\"), name, v);
        const exported = exportReg(source, ROOT);
        const target = freshView();
        const report = importReg(target, encodeRegFile(exported, "utf16le"));
        expect(report.skipped).toEqual([]);
        expect(dump(target, ROOT)).toEqual(dump(source, ROOT));
        expect(exportReg(target, ROOT)).toBe(exported);
      }),
      { numRuns: process.env.LAB_DEEP ? 2000 : 60, seed: 20260105 },
    );
  });

  it("loses what follows an embedded NUL in a REG_SZ, exactly as regedit's export does", () => {
    const source = freshView();
    source.setValue(ROOT, "nul", { type: "REG_SZ", data: "abc\0def" });
    const target = freshView();
    importReg(target, exportReg(source, ROOT));
    expect(target.getValue(ROOT, "nul")).toEqual({ type: "REG_SZ", data: "abc" });
  });
});

describe("encodeRegFile / decodeRegFile", () => {
  it("utf16le carries the FF FE byte order mark, utf8 none; both decode back", () => {
    const text = "Windows Registry Editor Version 5.00\r\n€";
    const utf16 = encodeRegFile(text, "utf16le");
    expect([...utf16.slice(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    expect(decodeRegFile(utf16)).toBe(text);
    const utf8 = encodeRegFile(text, "utf8");
    expect(utf8[0]).toBe(0x57);
    expect(decodeRegFile(utf8)).toBe(text);
  });

  it("ansi is Windows-1252, with '?' for what it cannot hold; invalid UTF-8 reads as ANSI", () => {
    expect([...encodeRegFile("é€Ω", "ansi")]).toEqual([0xe9, 0x80, 0x3f]);
    expect(decodeRegFile(Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x80))).toBe("Café€");
  });

  it("refuses an unknown encoding", () => {
    expect(() => encodeRegFile("x", "utf32" as "utf8")).toThrow(expect.objectContaining({ code: "REG_BAD_ENCODING" }));
  });
});
