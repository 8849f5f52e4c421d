import { describe, expect, it } from "vitest";
import { exportReg, Registry, type RegistryView } from "./index.ts";

const BASE = "HKCU\\Software\\Wine\\reg_test";
const SHOWN = "HKEY_CURRENT_USER\\Software\\Wine\\reg_test";
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function freshView(): RegistryView {
  return new Registry({ is64Bit: true }).view(64);
}

/** Lines joined with CRLF, as regedit writes them. */
function crlf(...lines: string[]): string {
  return lines.join("\r\n");
}

describe("exportReg", () => {
  it("writes what Windows' regedit writes for a tree of every common type", () => {
    // The expected text is the export Wine's test suite records from Windows for the same data.
    const view = freshView();
    view.setValue(BASE, "DWORD", { type: "REG_DWORD", data: 0x100 });
    view.setValue(BASE, "String", { type: "REG_SZ", data: "Your text here..." });
    view.setValue(`${BASE}\\Subkey1`, "Binary", { type: "REG_BINARY", data: Uint8Array.of(0x11, 0x22, 0x33, 0x44) });
    view.setValue(`${BASE}\\Subkey1`, "Undefined hex", { type: "REG_UNKNOWN", typeCode: 0x100, data: ascii("%PATH%\0") });
    view.setValue(`${BASE}\\Subkey2a`, 'double"quote', { type: "REG_SZ", data: '"Hello, World!"' });
    view.setValue(`${BASE}\\Subkey2a`, "single'quote", { type: "REG_DWORD", data: 8 });
    view.setValue(`${BASE}\\Subkey2a\\Subkey2b`, "", { type: "REG_SZ", data: "Default value name" });
    view.setValue(`${BASE}\\Subkey2a\\Subkey2b`, "Multiple strings", { type: "REG_MULTI_SZ", data: ["Line1", "Line2", "Line3"] });
    view.setValue(`${BASE}\\Subkey3a`, "Backslash", { type: "REG_SZ", data: "Use \\\\ to escape a backslash" });
    view.createKey(`${BASE}\\Subkey3a\\Subkey3b`);
    view.setValue(`${BASE}\\Subkey3a\\Subkey3b\\Subkey3c`, "String expansion", { type: "REG_EXPAND_SZ", data: "%HOME%\\%PATH%" });
    view.setValue(`${BASE}\\Subkey3a\\Subkey3b\\Subkey3c`, "Zero data type", { type: "REG_NONE", data: ascii("Value\0") });
    view.setValue(`${BASE}\\Subkey4`, "", { type: "REG_DWORD", data: 0x12345678 });
    view.setValue(`${BASE}\\Subkey4`, "43981", { type: "REG_UNKNOWN", typeCode: 0xabcd, data: ascii("Value\0") });

    expect(exportReg(view, BASE)).toBe(
      crlf(
        "Windows Registry Editor Version 5.00",
        "",
        `[${SHOWN}]`,
        '"DWORD"=dword:00000100',
        '"String"="Your text here..."',
        "",
        `[${SHOWN}\\Subkey1]`,
        '"Binary"=hex:11,22,33,44',
        '"Undefined hex"=hex(100):25,50,41,54,48,25,00',
        "",
        `[${SHOWN}\\Subkey2a]`,
        '"double\\"quote"="\\"Hello, World!\\""',
        "\"single'quote\"=dword:00000008",
        "",
        `[${SHOWN}\\Subkey2a\\Subkey2b]`,
        '@="Default value name"',
        '"Multiple strings"=hex(7):4c,00,69,00,6e,00,65,00,31,00,00,00,4c,00,69,00,6e,\\',
        "  00,65,00,32,00,00,00,4c,00,69,00,6e,00,65,00,33,00,00,00,00,00",
        "",
        `[${SHOWN}\\Subkey3a]`,
        '"Backslash"="Use \\\\\\\\ to escape a backslash"',
        "",
        `[${SHOWN}\\Subkey3a\\Subkey3b]`,
        "",
        `[${SHOWN}\\Subkey3a\\Subkey3b\\Subkey3c]`,
        '"String expansion"=hex(2):25,00,48,00,4f,00,4d,00,45,00,25,00,5c,00,25,00,50,\\',
        "  00,41,00,54,00,48,00,25,00,00,00",
        '"Zero data type"=hex(0):56,61,6c,75,65,00',
        "",
        `[${SHOWN}\\Subkey4]`,
        "@=dword:12345678",
        '"43981"=hex(abcd):56,61,6c,75,65,00',
        "",
        "",
      ),
    );
  });

  it("writes empty data as a bare type prefix, as Windows does", () => {
    const view = freshView();
    const empty = new Uint8Array();
    for (const [name, typeCode] of [["Wine1a", 0], ["Wine1b", 1], ["Wine1c", 2], ["Wine1d", 3], ["Wine1e", 4], ["Wine1f", 7], ["Wine1g", 0x100], ["Wine1h", 0xabcd]] as const) {
      view.setRawValue(BASE, name, { typeCode, data: empty });
    }
    expect(exportReg(view, BASE)).toBe(
      crlf(
        "Windows Registry Editor Version 5.00",
        "",
        `[${SHOWN}]`,
        '"Wine1a"=hex(0):',
        '"Wine1b"=""',
        '"Wine1c"=hex(2):',
        '"Wine1d"=hex:',
        '"Wine1e"=hex(4):',
        '"Wine1f"=hex(7):',
        '"Wine1g"=hex(100):',
        '"Wine1h"=hex(abcd):',
        "",
        "",
      ),
    );
  });

  it("wraps hex data as regedit does: a first line up to 80 columns, then 25 bytes a line", () => {
    const view = freshView();
    view.setValue(BASE, "Binary", { type: "REG_BINARY", data: Uint8Array.from({ length: 100 }, (_, i) => i) });
    const lines = exportReg(view, BASE).split("\r\n").filter((l) => l.startsWith('"Binary"') || l.startsWith("  "));
    expect(lines[0]).toHaveLength(80);
    expect(lines[0]!.endsWith("15,\\")).toBe(true);
    expect(lines.slice(1, -1).every((l) => l.length === 78 && l.endsWith(",\\"))).toBe(true);
    expect(lines.at(-1)).toBe("  61,62,63");
    expect(lines.map((l) => l.replace(/^"Binary"=hex:|^ {2}|\\$/g, "")).join("")).toBe(
      Array.from({ length: 100 }, (_, i) => i.toString(16).padStart(2, "0")).join(","),
    );
  });

  it("counts the value name in the first line, so a long name wraps after the first byte", () => {
    const view = freshView();
    const name = "N".repeat(80);
    view.setValue(BASE, name, { type: "REG_BINARY", data: Uint8Array.of(1, 2) });
    expect(exportReg(view, BASE)).toContain(`"${name}"=hex:01,\\\r\n  02\r\n`);
  });

  it("writes a QWORD as little-endian hex(b) and escapes CR and LF in strings", () => {
    const view = freshView();
    view.setValue(BASE, "Q", { type: "REG_QWORD", data: 0x0102030405060708n });
    view.setValue(BASE, "Two\nLines", { type: "REG_SZ", data: "a\r\nb" });
    const text = exportReg(view, BASE);
    expect(text).toContain('"Q"=hex(b):08,07,06,05,04,03,02,01\r\n');
    expect(text).toContain('"Two\\nLines"="a\\r\\nb"\r\n');
  });

  it("cuts a REG_SZ at an embedded NUL, as regedit does", () => {
    const view = freshView();
    view.setValue(BASE, "Nul", { type: "REG_SZ", data: "abc\0def" });
    view.setValue(BASE, "Plain", { type: "REG_SZ", data: "abcdef" });
    const text = exportReg(view, BASE);
    expect(text).toContain('"Nul"="abc"\r\n');
    expect(text).toContain('"Plain"="abcdef"\r\n');
  });

  it("writes a DWORD whose data is not 4 bytes as hex(4)", () => {
    const view = freshView();
    view.setRawValue(BASE, "Short", { typeCode: 4, data: Uint8Array.of(1, 2) });
    view.setRawValue(BASE, "Right", { typeCode: 4, data: Uint8Array.of(1, 2, 0, 0) });
    const text = exportReg(view, BASE);
    expect(text).toContain('"Short"=hex(4):01,02\r\n');
    expect(text).toContain('"Right"=dword:00000201\r\n');
  });

  it("REGEDIT4 writes the old header and string data as ANSI bytes", () => {
    const view = freshView();
    view.setValue(BASE, "Path", { type: "REG_EXPAND_SZ", data: "%HOME%\\é€" });
    view.setValue(BASE, "List", { type: "REG_MULTI_SZ", data: ["a", "b"] });
    view.setValue(BASE, "Greek", { type: "REG_EXPAND_SZ", data: "Ω" });
    expect(exportReg(view, BASE, { format: "regedit4" })).toBe(
      crlf(
        "REGEDIT4",
        "",
        `[${SHOWN}]`,
        '"Path"=hex(2):25,48,4f,4d,45,25,5c,e9,80,00',
        '"List"=hex(7):61,00,62,00,00',
        '"Greek"=hex(2):3f,00',
        "",
        "",
      ),
    );
  });

  it("uses each key's own case and the long root name, whatever case the caller types", () => {
    const view = freshView();
    view.createKey("HKLM\\SOFTWARE\\ANIXIS\\PPE");
    expect(exportReg(view, "hklm\\software\\anixis")).toBe(
      crlf("Windows Registry Editor Version 5.00", "", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS]", "", "[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\PPE]", "", ""),
    );
  });

  it("refuses a missing key and an unknown format", () => {
    const view = freshView();
    expect(() => exportReg(view, "HKCU\\Software\\Missing")).toThrow(expect.objectContaining({ code: "REG_KEY_NOT_FOUND" }));
    expect(() => exportReg(view, "HKCU\\Software", { format: "regedit6" as "regedit5" })).toThrow(expect.objectContaining({ code: "REG_BAD_FORMAT" }));
  });
});
