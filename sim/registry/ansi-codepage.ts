/**
 * The lab's ANSI code page, Windows-1252 (an en-US Windows), which REGEDIT4
 * files and their hex(2)/hex(7) bytes are written in. Bytes 0x80-0x9F differ
 * from Latin-1; the five holes map to the same-numbered control characters,
 * as MultiByteToWideChar does.
 */
const HIGH_CONTROL_BLOCK = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const TO_UNICODE: readonly number[] = Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? HIGH_CONTROL_BLOCK[b - 0x80]! : b));
const FROM_UNICODE = new Map<number, number>(TO_UNICODE.map((unit, byte) => [unit, byte]));

/** What WideCharToMultiByte writes for a character the code page lacks. */
const REPLACEMENT = 0x3f; // "?"

export function decodeAnsi(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(TO_UNICODE[b]!);
  return out;
}

export function encodeAnsi(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = FROM_UNICODE.get(text.charCodeAt(i)) ?? REPLACEMENT;
  return out;
}
