import { LabError } from "../kernel/index.ts";

/** A registry value as programs see it: a type and data of that type. */
export type RegValue =
  | { type: "REG_SZ" | "REG_EXPAND_SZ"; data: string }
  | { type: "REG_MULTI_SZ"; data: string[] }
  | { type: "REG_DWORD"; data: number }
  | { type: "REG_QWORD"; data: bigint }
  | { type: "REG_BINARY" | "REG_NONE"; data: Uint8Array }
  /**
   * Raw bytes under a numeric type. Reads return it for type codes without a
   * typed form (hex(N) of other types) and for a DWORD or QWORD whose data is
   * not 4 or 8 bytes long; writes accept it for any code, as RegSetValueEx does.
   */
  | { type: "REG_UNKNOWN"; typeCode: number; data: Uint8Array };

export type RegValueType = RegValue["type"];

/** The numeric type codes of winnt.h. */
export const REG_TYPE_CODES = {
  REG_NONE: 0,
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_BINARY: 3,
  REG_DWORD: 4,
  REG_MULTI_SZ: 7,
  REG_QWORD: 11,
} as const;

/** Value names longer than this are refused by Windows (characters). */
export const MAX_VALUE_NAME_LENGTH = 16383;

const MAX_QWORD = (1n << 64n) - 1n;

/** Checks a value handed in by a caller; a bad one is a LabError, never a half-written value. */
export function validateRegValue(value: unknown): asserts value is RegValue {
  if (typeof value !== "object" || value === null || !("type" in value)) {
    throw badValue(`a registry value must be an object { type, data }, got ${typeof value}`);
  }
  const v = value as { type: unknown; data: unknown; typeCode?: unknown };
  switch (v.type) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      if (typeof v.data !== "string") throw badValue(`${v.type} data must be a string`);
      return;
    case "REG_MULTI_SZ":
      if (!Array.isArray(v.data) || !v.data.every((s) => typeof s === "string")) {
        throw badValue("REG_MULTI_SZ data must be an array of strings");
      }
      // A NUL inside one string would read back as two strings.
      if (v.data.some((s: string) => s.includes("\0"))) throw badValue("REG_MULTI_SZ strings cannot contain a NUL character");
      return;
    case "REG_DWORD":
      if (typeof v.data !== "number" || !Number.isInteger(v.data) || v.data < 0 || v.data > 0xffffffff) {
        throw badValue(`REG_DWORD data must be an integer from 0 to 0xFFFFFFFF, got ${String(v.data)}`);
      }
      return;
    case "REG_QWORD":
      if (typeof v.data !== "bigint" || v.data < 0n || v.data > MAX_QWORD) {
        throw badValue(`REG_QWORD data must be a bigint from 0n to 2n**64n-1n, got ${String(v.data)}`);
      }
      return;
    case "REG_BINARY":
    case "REG_NONE":
      if (!(v.data instanceof Uint8Array)) throw badValue(`${v.type} data must be a Uint8Array`);
      return;
    case "REG_UNKNOWN":
      if (typeof v.typeCode !== "number" || !Number.isInteger(v.typeCode) || v.typeCode < 0 || v.typeCode > 0xffffffff) {
        throw badValue(`REG_UNKNOWN typeCode must be an integer from 0 to 0xFFFFFFFF, got ${String(v.typeCode)}`);
      }
      if (!(v.data instanceof Uint8Array)) throw badValue("REG_UNKNOWN data must be a Uint8Array");
      return;
    default:
      throw badValue(`unknown value type ${JSON.stringify(v.type)}; use REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD, REG_BINARY, REG_NONE or REG_UNKNOWN`);
  }
}

export function validateValueName(name: unknown): asserts name is string {
  if (typeof name !== "string") throw badName(`a value name must be a string ("" for the default value), got ${typeof name}`);
  if (name.length > MAX_VALUE_NAME_LENGTH) throw badName(`value name is ${name.length} characters; Windows allows ${MAX_VALUE_NAME_LENGTH}`);
  if (name.includes("\0")) throw badName("a value name cannot contain a NUL character");
}

function badValue(message: string): LabError {
  return new LabError({ code: "REG_BAD_VALUE", message });
}

function badName(message: string): LabError {
  return new LabError({ code: "REG_BAD_VALUE_NAME", message });
}
