import { isLabError } from "../kernel/index.ts";
import { decodeAnsi } from "./ansi-codepage.ts";
import { parseHexLine, readHexNumber } from "./hex-list.ts";
import type { ImportReport, SkippedLine } from "./import-report.ts";
import type { RegFileFormat } from "./reg-format.ts";
import { unescapeRegString } from "./reg-string-escape.ts";
import { REG_TYPE_CODES } from "./reg-value.ts";
import type { RegistryView } from "./registry-view.ts";
import { decodeUtf16le, encodeUtf16le } from "./utf16.ts";
import type { RawValue } from "./value-codec.ts";

/**
 * The line-by-line reading of reg.exe's importer. Its tolerances (which lines
 * it drops, what may follow a value, how hex lines continue) follow the
 * behaviour Wine's test suite records for Windows' reg.exe; the few choices
 * that suite does not settle are marked "lab's inference".
 */
export class RegImportParser {
  #next = 1;
  /** The key values go to; null after a bad or deleting key line. */
  #key: string | null = null;
  #applied = 0;
  readonly #skipped: SkippedLine[] = [];

  constructor(
    private readonly view: RegistryView,
    private readonly lines: readonly string[],
    private readonly format: RegFileFormat,
  ) {}

  run(): ImportReport {
    while (this.#next < this.lines.length) {
      const index = this.#next++;
      if (this.format === "regedit5" || this.format === "regedit4") this.#line(index);
      else if (this.format === "regedit3.1") this.#win31Line(index);
      else if (!isBlank(this.lines[index]!)) {
        this.#skip(index, `reg.exe accepts the header "${this.lines[0]!.trim()}" but imports nothing from such a file`);
      }
    }
    return { format: this.format, applied: this.#applied, skipped: this.#skipped };
  }

  #line(index: number): void {
    const line = this.lines[index]!;
    const p = skipBlanks(line, 0);
    if (p === line.length) return;
    switch (line[p]) {
      case ";":
        return;
      case "[":
        return this.#keyLine(index, line.slice(p + 1));
      case "@":
        return this.#valueLine(index, "", line.slice(p + 1));
      case '"': {
        const name = unescapeRegString(line, p + 1);
        if (!name.ok) return this.#skip(index, `value name: ${name.reason}`);
        return this.#valueLine(index, name.text, line.slice(name.end));
      }
      case "#":
        return this.#skip(index, '"#" does not start a comment in .reg files (";" does); reg.exe ignores the line');
      default:
        return this.#skip(index, 'not a [key] line, a "name"= or @= value line, or a ";" comment');
    }
  }

  #keyLine(index: number, rest: string): void {
    // Lab's inference: reg.exe's handling of the values after an unreadable key
    // line is not recorded; the lab sends them nowhere rather than to the previous key.
    this.#key = null;
    if (rest[0] === " " || rest[0] === "\t") return this.#skip(index, 'white space after "[" makes reg.exe ignore the key line');
    const end = rest.lastIndexOf("]");
    if (end < 0) return this.#skip(index, 'the key line has no closing "]"');
    const path = rest.slice(0, end);
    if (path.startsWith("-")) return this.#deleteKey(index, path.slice(1));
    // Root names: reg.exe's root-key parser (as Wine reproduces it) also takes HKLM, HKCU...;
    // regedit insists on the long names. The lab follows reg.exe.
    this.#attempt(index, () => {
      this.view.createKey(path);
      this.#key = path;
    });
  }

  #deleteKey(index: number, path: string): void {
    if (!/^[Hh]/.test(path)) return this.#skip(index, 'a deletion "[-" must be followed directly by the root key name');
    if (!path.includes("\\") || path.split("\\").slice(1).every((s) => s === "")) {
      return this.#skip(index, "reg.exe does not delete a root key");
    }
    this.#attempt(index, () => void this.view.deleteKey(path, { recursive: true }));
  }

  #valueLine(index: number, name: string, rest: string): void {
    const eq = skipBlanks(rest, 0);
    if (rest[eq] !== "=") return this.#skip(index, 'expected "=" after the value name');
    const data = trimBlanks(rest.slice(eq + 1));
    if (data.startsWith("-")) {
      const after = skipBlanks(data, 1);
      if (after < data.length && data[after] !== ";") return this.#skip(index, 'only a ";" comment may follow "=-"');
      return this.#toKey(index, (key) => void this.view.deleteValue(key, name));
    }
    if (data.startsWith('"')) return this.#stringValue(index, name, data);
    if (data.startsWith("hex:")) return this.#hexValue(index, name, REG_TYPE_CODES.REG_BINARY, data.slice(4));
    if (data.startsWith("dword:")) return this.#dwordValue(index, name, data.slice(6));
    if (data.startsWith("hex(")) {
      const spec = data.slice(4);
      const code = readHexNumber(spec, 0);
      // reg.exe refuses "hex(0x..)" and type codes beyond 32 bits.
      if (spec === "" || spec[1]?.toLowerCase() === "x" || code.overflow || spec[code.end] !== ")" || spec[code.end + 1] !== ":") {
        return this.#skip(index, 'bad "hex(type):" prefix; the type must be hexadecimal digits up to ffffffff');
      }
      return this.#hexValue(index, name, code.value, spec.slice(code.end + 2));
    }
    this.#skip(index, 'unknown data type; expected "string", dword:, hex: or hex(type):');
  }

  #stringValue(index: number, name: string, data: string): void {
    const text = unescapeRegString(data, 1);
    if (!text.ok) return this.#skip(index, text.reason);
    const tail = skipBlanks(data, text.end);
    if (tail < data.length && data[tail] !== ";") return this.#skip(index, 'only a ";" comment may follow the closing quote');
    this.#set(index, name, { typeCode: REG_TYPE_CODES.REG_SZ, data: encodeUtf16le(`${text.text}\0`) });
  }

  #dwordValue(index: number, name: string, data: string): void {
    const start = skipBlanks(data, 0);
    if (start === data.length) return this.#skip(index, "dword: needs 1 to 8 hexadecimal digits");
    let end = start;
    while (end < data.length && /[0-9a-fA-F]/.test(data[end]!)) end++;
    if (end - start > 8) return this.#skip(index, "dword: takes at most 8 hexadecimal digits");
    const after = skipBlanks(data, end);
    if (after < data.length && data[after] !== ";") return this.#skip(index, `unexpected "${data[after]}" in dword data`);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, end > start ? parseInt(data.slice(start, end), 16) : 0, true);
    this.#set(index, name, { typeCode: REG_TYPE_CODES.REG_DWORD, data: bytes });
  }

  /** Hex bytes, continued over lines that end in ",\"; blank and ";" lines in between are passed over. */
  #hexValue(index: number, name: string, typeCode: number, first: string): void {
    const bytes: number[] = [];
    const partLines = [index];
    let at = index;
    let part = parseHexLine(first);
    for (;;) {
      if (!part.ok) return this.#failValue(partLines, at, part.reason);
      bytes.push(...part.bytes);
      if (!part.continues) break;
      const after = skipBlanks(part.rest, 0);
      if (after < part.rest.length && part.rest[after] !== ";") {
        return this.#failValue(partLines, at, 'only a ";" comment may follow the continuation "\\"');
      }
      const next = this.#nextContentLine();
      if (next === undefined) break; // end of file: reg.exe stores what it has read
      at = next.index;
      partLines.push(at);
      if (!/[0-9a-fA-F]/.test(next.text[0]!)) {
        return this.#failValue(partLines, at, `expected hex bytes to continue the value, found "${next.text.slice(0, 20)}"`);
      }
      part = parseHexLine(next.text);
    }
    this.#set(index, name, { typeCode, data: this.#storedBytes(typeCode, bytes) });
  }

  /**
   * String types get a terminating NUL when the file left it out; REGEDIT4
   * files hold them as ANSI bytes, which Windows widens to UTF-16LE.
   */
  #storedBytes(typeCode: number, bytes: number[]): Uint8Array {
    const isString = typeCode === REG_TYPE_CODES.REG_SZ || typeCode === REG_TYPE_CODES.REG_EXPAND_SZ || typeCode === REG_TYPE_CODES.REG_MULTI_SZ;
    if (!isString || bytes.length === 0) return Uint8Array.from(bytes);
    if (this.format === "regedit4") {
      const ansi = bytes[bytes.length - 1] === 0 ? bytes : [...bytes, 0];
      return encodeUtf16le(decodeAnsi(Uint8Array.from(ansi)));
    }
    const units = bytes.length >> 1;
    const lastUnit = units > 0 ? bytes[units * 2 - 2]! | (bytes[units * 2 - 1]! << 8) : 1;
    if (lastUnit === 0) return Uint8Array.from(bytes);
    return encodeUtf16le(`${decodeUtf16le(Uint8Array.from(bytes))}\0`);
  }

  #nextContentLine(): { index: number; text: string } | undefined {
    while (this.#next < this.lines.length) {
      const index = this.#next++;
      const line = this.lines[index]!;
      const p = skipBlanks(line, 0);
      if (p < line.length && line[p] !== ";") return { index, text: line.slice(p) };
    }
    return undefined;
  }

  #failValue(partLines: readonly number[], at: number, reason: string): void {
    const [first, ...rest] = partLines;
    const where = at === first ? "" : ` (line ${at + 1})`;
    this.#skip(first!, `${reason}${where}; the value is not imported`);
    for (const line of rest) this.#skip(line, `part of the value started at line ${first! + 1}, which is not imported`);
  }

  /** A "HKEY_CLASSES_ROOT\key [=] text" line sets the key's default value. */
  #win31Line(index: number): void {
    const line = this.lines[index]!;
    if (!line.startsWith("HKEY_CLASSES_ROOT")) {
      if (!isBlank(line)) this.#skip(index, "a REGEDIT (Windows 3.1) file only imports lines starting with HKEY_CLASSES_ROOT");
      return;
    }
    const keyEnd = line.search(/\s/) < 0 ? line.length : line.search(/\s/);
    let v = skipBlanks(line, keyEnd);
    if (line[v] === "=") v++;
    if (line[v] === " ") v++;
    const path = line.slice(0, keyEnd);
    this.#attempt(index, () => this.view.setValue(path, "", { type: "REG_SZ", data: line.slice(v) }));
  }

  #set(index: number, name: string, raw: RawValue): void {
    this.#toKey(index, (key) => this.view.setRawValue(key, name, raw));
  }

  #toKey(index: number, action: (key: string) => void): void {
    const key = this.#key;
    if (key === null) return this.#skip(index, "no key is open (no [key] line yet, or the last one was invalid or a deletion)");
    this.#attempt(index, () => action(key));
  }

  /** Runs one statement; a registry refusal skips the line, as reg.exe carries on. */
  #attempt(index: number, action: () => void): void {
    try {
      action();
      this.#applied++;
    } catch (error) {
      if (!isLabError(error)) throw error;
      this.#skip(index, error.message);
    }
  }

  #skip(index: number, reason: string): void {
    this.#skipped.push({ line: index + 1, text: this.lines[index]!, reason });
  }
}

function skipBlanks(s: string, from: number): number {
  let i = from;
  while (s[i] === " " || s[i] === "\t") i++;
  return i;
}

function trimBlanks(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, "");
}

function isBlank(line: string): boolean {
  return skipBlanks(line, 0) === line.length;
}
