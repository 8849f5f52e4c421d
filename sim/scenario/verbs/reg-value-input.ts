import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { RegValue } from "../../registry/index.ts";

export const REG_INPUT_TYPES = ["REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_QWORD", "REG_BINARY", "REG_NONE"] as const;
export type RegInputType = (typeof REG_INPUT_TYPES)[number];
export type RegInputValue = string | number | string[];

export const regInputValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);

/**
 * A value as a scenario writes it, typed the way regedit would store it.
 * Without a type: a string is REG_SZ, a number REG_DWORD, a list REG_MULTI_SZ.
 * DWORD and QWORD take a number or a "0x..." string; BINARY and NONE take hex
 * bytes ("de ad be ef", "de,ad,be,ef" or "deadbeef").
 */
export function toRegValue(type: RegInputType | undefined, value: RegInputValue): RegValue {
  const t = type ?? (typeof value === "number" ? "REG_DWORD" : Array.isArray(value) ? "REG_MULTI_SZ" : "REG_SZ");
  switch (t) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      if (Array.isArray(value)) throw bad(`${t} takes one string, got a list`);
      return { type: t, data: String(value) };
    case "REG_MULTI_SZ":
      return { type: t, data: Array.isArray(value) ? value : [String(value)] };
    case "REG_DWORD": {
      const n = integer(value, t);
      if (n < 0n || n > 0xffffffffn) throw bad(`REG_DWORD must be from 0 to 0xFFFFFFFF, got ${String(value)}`);
      return { type: t, data: Number(n) };
    }
    case "REG_QWORD": {
      const n = integer(value, t);
      if (n < 0n || n >= 1n << 64n) throw bad(`REG_QWORD must be from 0 to 2^64-1, got ${String(value)}`);
      return { type: t, data: n };
    }
    case "REG_BINARY":
    case "REG_NONE":
      return { type: t, data: hexBytes(value, t) };
  }
}

function integer(value: RegInputValue, type: string): bigint {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw bad(`${type} must be a whole number, got ${value}`);
    return BigInt(value);
  }
  if (typeof value === "string" && /^(0x[0-9a-f]+|\d+)$/i.test(value.trim())) return BigInt(value.trim());
  throw bad(`${type} takes a number or a "0x..." hex string, got ${JSON.stringify(value)}`);
}

function hexBytes(value: RegInputValue, type: string): Uint8Array {
  const text = typeof value === "string" ? value.replace(/[\s,]/g, "") : "";
  if (typeof value !== "string" || text.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(text)) {
    throw bad(`${type} takes hex bytes such as "de ad be ef", got ${JSON.stringify(value)}`);
  }
  return Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function bad(message: string): LabError {
  return new LabError({ code: "REG_BAD_VALUE", message });
}
