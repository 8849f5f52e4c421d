import { REG_TYPE_CODES, validateRegValue, type RegValue } from "./reg-value.ts";
import { decodeUtf16le, encodeUtf16le, joinMultiString, splitMultiString } from "./utf16.ts";

/** A value as the registry stores it: a type code and bytes. */
export interface RawValue {
  readonly typeCode: number;
  readonly data: Uint8Array;
}

/** The bytes Windows stores for a typed value (strings NUL-terminated, numbers little-endian). */
export function encodeValue(value: RegValue): RawValue {
  validateRegValue(value);
  switch (value.type) {
    case "REG_SZ":
      return { typeCode: REG_TYPE_CODES.REG_SZ, data: encodeUtf16le(`${value.data}\0`) };
    case "REG_EXPAND_SZ":
      return { typeCode: REG_TYPE_CODES.REG_EXPAND_SZ, data: encodeUtf16le(`${value.data}\0`) };
    case "REG_MULTI_SZ":
      return { typeCode: REG_TYPE_CODES.REG_MULTI_SZ, data: encodeUtf16le(joinMultiString(value.data)) };
    case "REG_DWORD": {
      const data = new Uint8Array(4);
      new DataView(data.buffer).setUint32(0, value.data, true);
      return { typeCode: REG_TYPE_CODES.REG_DWORD, data };
    }
    case "REG_QWORD": {
      const data = new Uint8Array(8);
      new DataView(data.buffer).setBigUint64(0, value.data, true);
      return { typeCode: REG_TYPE_CODES.REG_QWORD, data };
    }
    case "REG_BINARY":
      return { typeCode: REG_TYPE_CODES.REG_BINARY, data: value.data.slice() };
    case "REG_NONE":
      return { typeCode: REG_TYPE_CODES.REG_NONE, data: value.data.slice() };
    case "REG_UNKNOWN":
      return { typeCode: value.typeCode, data: value.data.slice() };
  }
}

/** How a program reading the value sees it; string data loses one terminating NUL. */
export function decodeValue(raw: RawValue): RegValue {
  const data = raw.data.slice();
  switch (raw.typeCode) {
    case REG_TYPE_CODES.REG_SZ:
      return { type: "REG_SZ", data: stripTerminator(decodeUtf16le(data)) };
    case REG_TYPE_CODES.REG_EXPAND_SZ:
      return { type: "REG_EXPAND_SZ", data: stripTerminator(decodeUtf16le(data)) };
    case REG_TYPE_CODES.REG_MULTI_SZ:
      return { type: "REG_MULTI_SZ", data: splitMultiString(decodeUtf16le(data)) };
    case REG_TYPE_CODES.REG_DWORD:
      if (data.length === 4) return { type: "REG_DWORD", data: new DataView(data.buffer).getUint32(0, true) };
      break;
    case REG_TYPE_CODES.REG_QWORD:
      if (data.length === 8) return { type: "REG_QWORD", data: new DataView(data.buffer).getBigUint64(0, true) };
      break;
    case REG_TYPE_CODES.REG_BINARY:
      return { type: "REG_BINARY", data };
    case REG_TYPE_CODES.REG_NONE:
      return { type: "REG_NONE", data };
  }
  return { type: "REG_UNKNOWN", typeCode: raw.typeCode, data };
}

function stripTerminator(text: string): string {
  return text.endsWith("\0") ? text.slice(0, -1) : text;
}
