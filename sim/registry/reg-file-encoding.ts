import { LabError } from "../kernel/index.ts";
import { decodeAnsi, encodeAnsi } from "./ansi-codepage.ts";
import { decodeUtf16le, encodeUtf16le } from "./utf16.ts";

export type RegFileEncoding = "utf16le" | "utf8" | "ansi";

const UTF16LE_BOM = [0xff, 0xfe];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Bytes of a .reg file: "utf16le" with the BOM, as regedit saves version 5
 * files; "utf8" without a BOM; "ansi" (Windows-1252), as regedit saves REGEDIT4.
 */
export function encodeRegFile(text: string, encoding: RegFileEncoding): Uint8Array {
  switch (encoding) {
    case "utf16le": {
      const body = encodeUtf16le(text);
      const out = new Uint8Array(body.length + 2);
      out.set(UTF16LE_BOM);
      out.set(body, 2);
      return out;
    }
    case "utf8":
      return new TextEncoder().encode(text);
    case "ansi":
      return encodeAnsi(text);
    default:
      throw new LabError({ code: "REG_BAD_ENCODING", message: `unknown .reg encoding ${JSON.stringify(encoding)}; use utf16le, utf8 or ansi` });
  }
}

/**
 * Text of a .reg file. Windows only knows UTF-16LE by its BOM (without one
 * the file is read as ANSI and the header check fails). Beyond Windows, the
 * lab also reads UTF-8 with or without a BOM; bytes that are not valid UTF-8
 * are read as the ANSI code page.
 */
export function decodeRegFile(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new LabError({ code: "REG_BAD_ENCODING", message: `a .reg file must be given as a Uint8Array or a string, got ${typeof bytes}` });
  }
  if (startsWith(bytes, UTF16LE_BOM)) return decodeUtf16le(bytes.subarray(2));
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return decodeAnsi(body);
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
