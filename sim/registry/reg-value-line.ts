import { encodeAnsi } from "./ansi-codepage.ts";
import { formatHexList } from "./hex-list.ts";
import { CRLF, type RegFormat } from "./reg-format.ts";
import { escapeRegString } from "./reg-string-escape.ts";
import { REG_TYPE_CODES } from "./reg-value.ts";
import { decodeUtf16le } from "./utf16.ts";
import type { RawValue } from "./value-codec.ts";

/**
 * One value as regedit exports it: REG_SZ quoted, a 4-byte REG_DWORD as
 * dword:, everything else as hex bytes (REGEDIT4 writes hex(2)/hex(7) string
 * data in the ANSI code page rather than UTF-16LE).
 */
export function formatValueLine(name: string, raw: RawValue, format: RegFormat): string {
  const head = name === "" ? "@=" : `"${escapeRegString(name)}"=`;
  if (raw.typeCode === REG_TYPE_CODES.REG_SZ) return `${head}"${escapeRegString(regSzText(raw.data))}"`;
  if (raw.typeCode === REG_TYPE_CODES.REG_DWORD && raw.data.length === 4) {
    const dword = new DataView(raw.data.buffer, raw.data.byteOffset, 4).getUint32(0, true);
    return `${head}dword:${dword.toString(16).padStart(8, "0")}`;
  }
  const type = raw.typeCode === REG_TYPE_CODES.REG_BINARY ? "hex:" : `hex(${raw.typeCode.toString(16)}):`;
  const isString = raw.typeCode === REG_TYPE_CODES.REG_EXPAND_SZ || raw.typeCode === REG_TYPE_CODES.REG_MULTI_SZ;
  const bytes = format === "regedit4" && isString ? encodeAnsi(decodeUtf16le(raw.data)) : raw.data;
  return head + type + formatHexList(bytes, head.length + type.length, CRLF);
}

/**
 * regedit takes the stored REG_SZ as NUL-terminated: it drops the last
 * character and stops at the first NUL, so data after an embedded NUL is
 * not exported (as on Windows).
 */
function regSzText(data: Uint8Array): string {
  const text = decodeUtf16le(data);
  const body = text.slice(0, Math.max(text.length - 1, 0));
  const nul = body.indexOf("\0");
  return nul < 0 ? body : body.slice(0, nul);
}
