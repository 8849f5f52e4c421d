import { describe, expect, it } from "vitest";
import { importReg, Registry, type RegistryChange, type RegistryView } from "./index.ts";

const KEY = "HKCU\\Software\\Test";
const KEY_LINE = "[HKEY_CURRENT_USER\\Software\\Test]";

function freshView(): RegistryView {
  return new Registry({ is64Bit: true }).view(64);
}

/** Imports `body` below a key line; most cases here come from Wine's record of reg.exe on Windows. */
function importBody(body: string, header = "REGEDIT4") {
  const view = freshView();
  const report = importReg(view, `${header}\n\n${KEY_LINE}\n${body}\n`);
  const get = (name: string) => view.getValue(KEY, name);
  return { view, report, get };
}

const sz = (data: string) => ({ type: "REG_SZ", data }) as const;
const dword = (data: number) => ({ type: "REG_DWORD", data }) as const;

describe("headers", () => {
  it.each([
    ["REGEDIT4", "regedit4"],
    [" REGEDIT4", "regedit4"],
    ["\tREGEDIT4", "regedit4"],
    ["Windows Registry Editor Version 5.00", "regedit5"],
  ])("accepts %j and imports the file", (header, format) => {
    const { report, get } = importBody('"v"="x"', header);
    expect(report.format).toBe(format);
    expect(get("v")).toEqual(sz("x"));
  });

  it.each([
    ["lower case", "regedit4"],
    ["mixed case", "Regedit4"],
    ["an old version", "Windows Registry Editor Version 4.00"],
    ["a short version", "Windows Registry Editor Version 5"],
    ["upper case", "WINDOWS REGISTRY EDITOR VERSION 5.00"],
    ["a leading blank line", "\nREGEDIT4"],
    ["no header at all", KEY_LINE],
  ])("rejects a header with %s as REG_BAD_HEADER and changes nothing", (_label, header) => {
    const changes: RegistryChange[] = [];
    const view = new Registry({ is64Bit: true, onChange: (c) => changes.push(c) }).view(64);
    expect(() => importReg(view, `${header}\n\n${KEY_LINE}\n"v"="x"\n`)).toThrow(expect.objectContaining({ code: "REG_BAD_HEADER" }));
    expect(view.keyExists(KEY)).toBe(false);
    expect(changes).toEqual([]);
  });

  it("rejects an empty file and hints at a UTF-16 file without its BOM", () => {
    const view = freshView();
    expect(() => importReg(view, "")).toThrow(expect.objectContaining({ code: "REG_BAD_HEADER" }));
    const noBom = Buffer.from("Windows Registry Editor Version 5.00\r\n", "utf16le");
    expect(() => importReg(view, new Uint8Array(noBom))).toThrow(/UTF-16 without the FF FE/);
  });

  it.each(["REGEDIT3", "REGEDIT 4", "REGEDIT4FOO", "REGEDIT4 FOO", "REGEDIT9"])(
    "accepts %j like reg.exe but imports nothing, listing each line",
    (header) => {
      const { view, report } = importBody('"v"="x"', header);
      expect(report.format).toBe("ignored");
      expect(report.applied).toBe(0);
      expect(view.keyExists(KEY)).toBe(false);
      expect(report.skipped.map((s) => s.line)).toEqual([3, 4]);
    },
  );

  it("REGEDIT (Windows 3.1) imports HKEY_CLASSES_ROOT lines as default values, nothing else", () => {
    const view = freshView();
    const report = importReg(view, "REGEDIT\nHKEY_CLASSES_ROOT\\.ppe = PPE.Policy\nHKEY_CLASSES_ROOT\\PPE.Policy\\shell =open file\nHKEY_CURRENT_USER\\X = y\n");
    expect(view.getValue("HKCR\\.ppe", "")).toEqual(sz("PPE.Policy"));
    expect(view.getValue("HKCR\\PPE.Policy\\shell", "")).toEqual(sz("open file"));
    expect(view.keyExists("HKCU\\X")).toBe(false);
    expect(report).toMatchObject({ format: "regedit3.1", applied: 2, skipped: [{ line: 4 }] });
  });
});

describe("lines reg.exe passes over", () => {
  it("reports every skipped line with its number, text and reason, and applies the rest", () => {
    const view = freshView();
    const report = importReg(
      view,
      [
        "Windows Registry Editor Version 5.00",
        "",
        '"orphan"="before any key"',
        KEY_LINE,
        "; a comment is not reported",
        "# but a hash line is",
        '"good"="yes"',
        '"bad"=dword:xyz',
        "garbage",
        '"after"=dword:00000001',
      ].join("\r\n"),
    );
    expect(view.getValue(KEY, "good")).toEqual(sz("yes"));
    expect(view.getValue(KEY, "after")).toEqual(dword(1));
    expect(view.getValue(KEY, "bad")).toBeUndefined();
    expect(report.applied).toBe(3);
    expect(report.skipped.map(({ line, text }) => ({ line, text }))).toEqual([
      { line: 3, text: '"orphan"="before any key"' },
      { line: 6, text: "# but a hash line is" },
      { line: 8, text: '"bad"=dword:xyz' },
      { line: 9, text: "garbage" },
    ]);
    expect(report.skipped[0]!.reason).toMatch(/no key is open/);
    expect(report.skipped[1]!.reason).toMatch(/"#" does not start a comment/);
  });

  it("a clean file reports nothing skipped", () => {
    const { report } = importBody('"a"="1"\n; note\n\n"b"=dword:2');
    expect(report).toEqual({ format: "regedit4", applied: 3, skipped: [] });
  });

  it("after a value, a ';' comment is allowed but '#' is not", () => {
    const { get, report } = importBody(
      ['"W10"="Value 1"#comment', '"W11"="Value 2";comment', '"W12"=dword:01020304 #comment', '"W13"=dword:02040608 ;comment', '"W39a"="Value1"  ;comment', '"W39c"="Value3"  #comment'].join("\n"),
    );
    expect(get("W10")).toBeUndefined();
    expect(get("W11")).toEqual(sz("Value 2"));
    expect(get("W12")).toBeUndefined();
    expect(get("W13")).toEqual(dword(0x02040608));
    expect(get("W39a")).toEqual(sz("Value1"));
    expect(get("W39c")).toBeUndefined();
    expect(report.skipped.map((s) => s.line)).toEqual([4, 6, 9]);
  });

  it("comment characters inside quotes are data", () => {
    const { get } = importBody('"W22"="#comment1"\n"W25"="Value;comment4"');
    expect(get("W22")).toEqual(sz("#comment1"));
    expect(get("W25")).toEqual(sz("Value;comment4"));
  });

  it.each([
    ['"W37a"="foo"bar"', "text after the closing quote"],
    ['"W38a"=', "no data"],
    ['"NoBegin"=Asdffdsa"', "data without opening quote"],
    ['"NoEnd"="Asdffdsa', "no closing quote"],
    ['NameNoQuotes="x"', "an unquoted name"],
    ['"NameNoEnd="x"', "a name missing its closing quote"],
    ['"W70a"="\\0"', 'the escape "\\0"'],
    ['"W41b"="Test \\', "a string continued over lines"],
    ['"W40"=str:abc', "an unknown data type"],
    ['"W47j"=hex(0x2):56', 'a "0x" type code'],
    ['"W47i"=hex(100000000):56', "a type code beyond 32 bits"],
    ['"W33c"=dword:123456789', "nine dword digits"],
    ['"W35a"=dword:0x123', 'a "0x" dword'],
    ['"W35b"=dword:123 456', "a dword with a space inside"],
    ['"W51"=hex(0):25,100,00', "a byte above ff"],
    ['"W52a"=hex(2):25,48\\,4f', "a backslash inside the data"],
    ['"W46d"=-"Test"', "text after a value deletion"],
  ])("skips %j (%s)", (line) => {
    const { view, report } = importBody(line);
    expect(view.listValues(KEY)).toEqual([]);
    expect(report.skipped).toEqual([expect.objectContaining({ line: 4, text: line })]);
  });

  it("accepts white space around '=' and short dwords, and keeps an unknown escape's character", () => {
    const { get } = importBody('"a" = "spaced"\n"b"=dword:1\n"c"=dword:1234;5678\n"d"="\\a\\\\b\\"c"\n""="Default Value Name"\n@="Test"');
    expect(get("a")).toEqual(sz("spaced"));
    expect(get("b")).toEqual(dword(1));
    expect(get("c")).toEqual(dword(0x1234));
    expect(get("d")).toEqual(sz('a\\b"c'));
    expect(get("")).toEqual(sz("Test"));
  });

  it("the last line needs no line break", () => {
    const view = freshView();
    importReg(view, `REGEDIT4\n${KEY_LINE}\n"Wine5"="No newline"`);
    expect(view.getValue(KEY, "Wine5")).toEqual(sz("No newline"));
  });

  it("reads CR LF, LF and lone CR line ends alike", () => {
    for (const eol of ["\r\n", "\n", "\r"]) {
      const view = freshView();
      importReg(view, ["REGEDIT4", KEY_LINE, '"v"="x"'].join(eol));
      expect(view.getValue(KEY, "v")).toEqual(sz("x"));
    }
  });
});

describe("key lines", () => {
  it("creates keys, keeping trailing spaces in names and dropping a trailing backslash", () => {
    const view = freshView();
    importReg(view, `REGEDIT4\n[${"HKEY_CURRENT_USER\\Software\\Test"}\\Subkey1c ]\n[HKEY_CURRENT_USER\\Software\\Test\\Subkey1e\\]\n"Wine"="Test value"\n`);
    expect(view.listSubkeys(KEY)).toEqual(["Subkey1c ", "Subkey1e"]);
    expect(view.getValue(`${KEY}\\Subkey1e`, "Wine")).toEqual(sz("Test value"));
  });

  it("root names are case-insensitive; the lab also accepts short names, as reg.exe's root parser does", () => {
    const view = freshView();
    importReg(view, "REGEDIT4\n[hkey_CURRENT_user\\Software\\A]\n[HKCU\\Software\\B]\n");
    expect(view.listSubkeys("HKCU\\Software")).toEqual(["A", "B", "Classes"]);
  });

  it.each([
    ["[ HKEY_CURRENT_USER\\Software\\Test\\Sub]", "white space after ["],
    ["[HKEY_CURRENT_USER\\Software\\Test\\Sub", "no closing bracket"],
    ["[HKEY_CURRENT_USERS\\Software\\Test\\Sub]", "an unknown root"],
    ["[HKEY_CURRENT_CONFIG\\Software\\Test\\Sub]", "a root the lab does not model"],
  ])("a key line with %s creates nothing, and the values after it go nowhere", (keyLine) => {
    const view = freshView();
    const report = importReg(view, `REGEDIT4\n${KEY_LINE}\n${keyLine}\n"Wine46b"=dword:12345678\n`);
    expect(view.keyExists(`${KEY}\\Sub`)).toBe(false);
    expect(view.listValues(KEY)).toEqual([]);
    expect(report.skipped.map((s) => s.line)).toEqual([3, 4]);
  });

  it("a line without its opening bracket is not a key line: it is passed over and the open key stays open", () => {
    const view = freshView();
    const report = importReg(view, `REGEDIT4\n${KEY_LINE}\nHKEY_CURRENT_USER\\Software\\Test\\Sub]\n"v"=dword:1\n`);
    expect(view.keyExists(`${KEY}\\Sub`)).toBe(false);
    expect(view.getValue(KEY, "v")).toEqual(dword(1));
    expect(report.skipped.map((s) => s.line)).toEqual([3]);
  });

  it("[-key] deletes the key and everything below it; values after it go nowhere", () => {
    const view = freshView();
    view.createKey(`${KEY}\\Subkey4a\\Deep`);
    const report = importReg(view, `REGEDIT4\n${KEY_LINE}\n[-HKEY_CURRENT_USER\\Software\\Test\\SUBKEY4A]\n"Wine46a"=dword:12345678\n`);
    expect(view.keyExists(`${KEY}\\Subkey4a`)).toBe(false);
    expect(view.listValues(KEY)).toEqual([]);
    expect(report.skipped).toEqual([expect.objectContaining({ line: 4 })]);
  });

  it.each(["[ -HKEY_CURRENT_USER\\Software\\Test\\Sub]", "[- HKEY_CURRENT_USER\\Software\\Test\\Sub]", "[-HKEY_CURRENT_USER]", "[-HKEY_LOCAL_MACHINE\\SOFTWARE]"])(
    "%j deletes nothing",
    (line) => {
      const view = freshView();
      view.createKey(`${KEY}\\Sub`);
      const report = importReg(view, `REGEDIT4\n${line}\n`);
      expect(view.keyExists(`${KEY}\\Sub`)).toBe(true);
      expect(view.keyExists("HKLM\\SOFTWARE")).toBe(true);
      expect(report.skipped).toHaveLength(1);
    },
  );

  it("a key name the registry refuses is reported and the import carries on", () => {
    const view = freshView();
    const report = importReg(view, `REGEDIT4\n[HKEY_CURRENT_USER\\${"x".repeat(300)}]\n"v"="lost"\n${KEY_LINE}\n"v"="kept"\n`);
    expect(view.getValue(KEY, "v")).toEqual(sz("kept"));
    expect(report.skipped.map((s) => s.line)).toEqual([2, 3]);
    expect(report.skipped[0]!.reason).toMatch(/255/);
  });
});

describe("value deletion", () => {
  it('"name"=- deletes, with blanks or a ";" comment after it, not with "#"', () => {
    const view = freshView();
    for (const name of ["a", "b", "c", "e", "f"]) view.setValue(KEY, name, sz("x"));
    importReg(view, `REGEDIT4\n${KEY_LINE}\n"a"=-\n"b"=  -\n"c"=  \t-\t  \n"e"=- ;comment\n"f"=- #comment\n`);
    expect(view.listValues(KEY).map((v) => v.name)).toEqual(["f"]);
  });

  it("@=- deletes the default value", () => {
    const view = freshView();
    view.setValue(KEY, "", sz("x"));
    importReg(view, `REGEDIT4\n${KEY_LINE}\n@=-\n`);
    expect(view.getValue(KEY, "")).toBeUndefined();
  });
});

describe("hex data and continuations", () => {
  const value = "56,00,61,00,6c,00,75,00,65,00,00,00";
  const bytes = Uint8Array.of(0x56, 0, 0x61, 0, 0x6c, 0, 0x75, 0, 0x65, 0, 0, 0);
  const none = (data: Uint8Array) => ({ type: "REG_NONE", data });

  it.each([
    ["on one line", `hex(0):${value}`],
    ["continued after a comma", "hex(0):56,00,61,00,6c,00,\\\n  75,00,65,00,00,00"],
    ["with a ';' comment after the backslash", "hex(0):56,00,61,00,\\;comment\n  6c,00,75,00,\\\n  65,00,00,00"],
    ["with blank and ';' lines between parts", "hex(0):56,00,61,00,\\\n\n  ;note\n\t\n  6c,00,75,00,65,00,00,00"],
    ["with blanks around the backslash", "hex(0):56,00,61,00,  \\  ;comment\n  6c,00,75,00,65,00,00,00"],
    ["with a trailing comma", `hex(0):${value},`],
    ["continued right after the type", "hex(0):\\\n  56,00,61,00,6c,00,75,00,65,00,00,00"],
  ])("reads hex %s", (_label, data) => {
    const { get, report } = importBody(`"v"=${data}`);
    expect(get("v")).toEqual(none(bytes));
    expect(report.skipped).toEqual([]);
  });

  it.each([
    ["a backslash not after a comma", "hex(0):56,00,61,00,6c,00\\\n  75,00,65,00,00,00"],
    ["a byte split over two lines", "hex(0):56,00,61,00,6c,00,7\\\n5,00,65,00,00,00"],
    ["a continuation starting with a comma", "hex(0):56,00,61,00,6c,00,\\\n  ,75,00,65,00,00,00"],
    ["a '#' after the backslash", "hex(0):56,00,61,00,\\#comment\n  6c,00,75,00,65,00,00,00"],
    ["a lone backslash line", "hex(0):56,00,61,00,\\\n\\\n  6c,00,75,00,65,00,00,00"],
  ])("drops a value with %s", (_label, data) => {
    const { view } = importBody(`"v"=${data}`);
    expect(view.getValue(KEY, "v")).toBeUndefined();
  });

  it("a part line without a continuation ends the value; the next line is passed over", () => {
    const { get, report } = importBody('"v"=hex(0):56,00,61,00,\\;comment\n  6c,00,75,00,\n  65,00,00,00');
    expect(get("v")).toEqual(none(Uint8Array.of(0x56, 0, 0x61, 0, 0x6c, 0, 0x75, 0)));
    expect(report.skipped).toEqual([expect.objectContaining({ line: 6, text: "  65,00,00,00" })]);
  });

  it("a continuation swallows a following value line, and both are reported", () => {
    const { get, report } = importBody('"W55a"=hex(2):4c,69,6e,65,20,\\\n"W55b"="Test value"\n"W55c"="kept"');
    expect(get("W55a")).toBeUndefined();
    expect(get("W55b")).toBeUndefined();
    expect(get("W55c")).toEqual(sz("kept"));
    expect(report.skipped.map((s) => s.line)).toEqual([4, 5]);
    expect(report.skipped[0]!.reason).toMatch(/\(line 5\)/);
    expect(report.skipped[1]!.reason).toMatch(/started at line 4/);
  });

  it("a '#' line ends a continuation; the line after it is read normally", () => {
    const { get } = importBody('"W55e"=hex(2):4c,69,6e,65,20,\\\n#comment\n"W55f"="Test value"');
    expect(get("W55e")).toBeUndefined();
    expect(get("W55f")).toEqual(sz("Test value"));
  });

  it("the end of the file ends a continuation and the bytes read so far are stored", () => {
    const view = freshView();
    importReg(view, `REGEDIT4\n${KEY_LINE}\n"W62c"=hex:11,22,33,44,55,\\`);
    expect(view.getValue(KEY, "W62c")).toEqual({ type: "REG_BINARY", data: Uint8Array.of(0x11, 0x22, 0x33, 0x44, 0x55) });
  });

  it("hex(N) covers every 32-bit type code; hex(1), hex(3), hex(4), hex(b) read as their types", () => {
    const { get } = importBody(
      ['"a"=hex(1):41,00,00,00', '"b"=hex(3):12,34', '"c"=hex(4):40,30,20,10', '"d"=hex(b):01,00,00,00,00,00,00,00', '"e"=hex(ffffffff):56', '"f"=hex(abcd):', '"g"=hex(4):01,02,03'].join("\n"),
      "Windows Registry Editor Version 5.00",
    );
    expect(get("a")).toEqual(sz("A"));
    expect(get("b")).toEqual({ type: "REG_BINARY", data: Uint8Array.of(0x12, 0x34) });
    expect(get("c")).toEqual(dword(0x10203040));
    expect(get("d")).toEqual({ type: "REG_QWORD", data: 1n });
    expect(get("e")).toEqual({ type: "REG_UNKNOWN", typeCode: 0xffffffff, data: Uint8Array.of(0x56) });
    expect(get("f")).toEqual({ type: "REG_UNKNOWN", typeCode: 0xabcd, data: new Uint8Array() });
    expect(get("g")).toEqual({ type: "REG_UNKNOWN", typeCode: 4, data: Uint8Array.of(1, 2, 3) });
  });

  it("REGEDIT4 string data is ANSI; version 5 string data is UTF-16LE", () => {
    const v4 = importBody('"p"=hex(2):25,50,41,54,48,25,00\n"m"=hex(7):4c,69,6e,65,00,e9,00,00');
    expect(v4.get("p")).toEqual({ type: "REG_EXPAND_SZ", data: "%PATH%" });
    expect(v4.get("m")).toEqual({ type: "REG_MULTI_SZ", data: ["Line", "é"] });
    expect(v4.view.getRawValue(KEY, "p")!.data).toHaveLength(14);
    const v5 = importBody('"p"=hex(2):25,00,50,00,00,00', "Windows Registry Editor Version 5.00");
    expect(v5.get("p")).toEqual({ type: "REG_EXPAND_SZ", data: "%P" });
  });

  it("string types get the terminating NUL the file left out", () => {
    const { view } = importBody('"W66a"=hex(7):4c,69,6e,65\n"W67a"=hex(2):25,50,41,54,48,25');
    expect(view.getValue(KEY, "W66a")).toEqual({ type: "REG_MULTI_SZ", data: ["Line"] });
    expect(view.getRawValue(KEY, "W67a")!.data).toEqual(Uint8Array.from([..."%PATH%\0"].flatMap((c) => [c.charCodeAt(0), 0])));
  });

  it("in version 5 files a missing UTF-16 terminator is added, a present one is not doubled", () => {
    const { view } = importBody('"open"=hex(2):25,00,50,00\n"closed"=hex(2):25,00,50,00,00,00', "Windows Registry Editor Version 5.00");
    expect(view.getRawValue(KEY, "open")!.data).toEqual(Uint8Array.of(0x25, 0, 0x50, 0, 0, 0));
    expect(view.getRawValue(KEY, "closed")!.data).toEqual(Uint8Array.of(0x25, 0, 0x50, 0, 0, 0));
  });
});

describe("views and encodings", () => {
  it("a 32-bit import (reg import /reg:32) lands under WOW6432Node on a 64-bit OS", () => {
    const registry = new Registry({ is64Bit: true });
    importReg(registry.view(32), 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\ANIXIS\\PPE]\r\n"Version"="2.8"\r\n');
    expect(registry.view(64).getValue("HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\PPE", "Version")).toEqual(sz("2.8"));
    expect(registry.view(64).keyExists("HKLM\\SOFTWARE\\ANIXIS")).toBe(false);
  });

  it("reads UTF-16LE with BOM, UTF-8 with and without BOM, and ANSI bytes", () => {
    const text = `Windows Registry Editor Version 5.00\r\n\r\n${KEY_LINE}\r\n"Name"="Ünïcödé €"\r\n`;
    const files = [
      new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]),
      new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, "utf8")]),
      new Uint8Array(Buffer.from(text, "utf8")),
      Uint8Array.from(text, (c) => (c === "€" ? 0x80 : c.charCodeAt(0))),
    ];
    for (const file of files) {
      const view = freshView();
      expect(importReg(view, file).skipped).toEqual([]);
      expect(view.getValue(KEY, "Name")).toEqual(sz("Ünïcödé €"));
    }
  });

  it("refuses a file that is neither text nor bytes", () => {
    expect(() => importReg(freshView(), 42 as unknown as string)).toThrow(expect.objectContaining({ code: "REG_BAD_ENCODING" }));
  });
});
