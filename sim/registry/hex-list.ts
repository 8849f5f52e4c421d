/**
 * The comma-separated hex bytes of .reg files ("hex:0a,ff,..."), read with
 * the same tolerance as reg.exe and written wrapped as regedit wraps them.
 */

const SPACE = /[ \t\n\v\f\r]/;
const HEX_DIGIT = /[0-9a-fA-F]/;

export interface HexNumber {
  readonly consumed: boolean;
  /** The value as a 32-bit unsigned long; overflow is flagged separately. */
  readonly value: number;
  readonly overflow: boolean;
  readonly end: number;
}

/**
 * Reads a number the way C's wcstoul(s, &end, 16) does, which reg.exe uses for
 * bytes and type codes: leading white space, a sign and a 0x prefix are
 * accepted; a minus wraps around; no digits leaves `end` at `start`.
 */
export function readHexNumber(s: string, start: number): HexNumber {
  let i = start;
  while (i < s.length && SPACE.test(s[i]!)) i++;
  let negative = false;
  if (s[i] === "+" || s[i] === "-") negative = s[i++] === "-";
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && HEX_DIGIT.test(s[i + 2] ?? "")) i += 2;
  const digitsAt = i;
  while (i < s.length && HEX_DIGIT.test(s[i]!)) i++;
  if (i === digitsAt) return { consumed: false, value: 0, overflow: false, end: start };
  const big = BigInt(`0x${s.slice(digitsAt, i)}`);
  if (big > 0xffffffffn) return { consumed: true, value: 0xffffffff, overflow: true, end: i };
  const value = Number(big);
  return { consumed: true, value: negative ? (0x100000000 - value) % 0x100000000 : value, overflow: false, end: i };
}

export type HexLineResult =
  | { ok: true; bytes: number[]; continues: boolean; rest: string }
  | { ok: false; reason: string };

/**
 * Parses one line's worth of hex bytes. A trailing "," then "\" continues the
 * value on the next line (`rest` is what follows the backslash); ";" starts a
 * comment; anything else after a byte, or a byte above ff, makes the value invalid.
 */
export function parseHexLine(s: string): HexLineResult {
  const bytes: number[] = [];
  let pos = 0;
  while (pos < s.length) {
    const n = readHexNumber(s, pos);
    if (n.overflow || n.value > 0xff) return { ok: false, reason: `"${s.slice(pos, n.end).trim()}" is not a byte (00 to ff)` };
    if (!n.consumed) {
      let e = pos;
      while (s[e] === " " || s[e] === "\t") e++;
      if (s[e] === "\\") return { ok: true, bytes, continues: true, rest: s.slice(e + 1) };
      if (s[e] === ";") return { ok: true, bytes, continues: false, rest: "" };
      if (e === s.length) return { ok: false, reason: "white space after the last comma, where reg.exe expects a byte or a continuation" };
      return { ok: false, reason: `unexpected "${s[e]}" where a hex byte should be` };
    }
    bytes.push(n.value);
    let e = n.end;
    if (e < s.length && s[e] !== ",") {
      while (s[e] === " " || s[e] === "\t") e++;
      if (e < s.length && s[e] !== ";") {
        const hint = s[e] === "\\" ? ' (a line continuation "\\" must follow a comma)' : "";
        return { ok: false, reason: `unexpected "${s[e]}" after a hex byte${hint}` };
      }
      return { ok: true, bytes, continues: false, rest: "" };
    }
    pos = e < s.length ? e + 1 : e;
  }
  return { ok: true, bytes, continues: false, rest: "" };
}

/** regedit breaks a hex line once it reaches this many columns, before the "\". */
const WRAP_COLUMN = 77;
const CONTINUATION_INDENT = "  ";

/**
 * Writes bytes after a prefix of `prefixLength` characters (the value name,
 * "=" and the type) the way regedit does: "xx," per byte, and once the line
 * reaches column 77 a "\", a line break and a two-space indent.
 */
export function formatHexList(bytes: Uint8Array, prefixLength: number, newline: string): string {
  let out = "";
  let column = prefixLength;
  for (let i = 0; i < bytes.length; i++) {
    out += bytes[i]!.toString(16).padStart(2, "0");
    if (i === bytes.length - 1) break;
    out += ",";
    column += 3;
    if (column >= WRAP_COLUMN) {
      out += `\\${newline}${CONTINUATION_INDENT}`;
      column = CONTINUATION_INDENT.length;
    }
  }
  return out;
}
