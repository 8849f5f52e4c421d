/**
 * Quoted strings in .reg files. Backslash and double quote are escaped, as
 * regedit does; CR and LF are written as \r and \n (regedit's output for them
 * is not documented; the lab follows Wine's regedit, whose importer and ours
 * read them back, so such strings survive a round trip).
 */
export function escapeRegString(text: string): string {
  return text.replace(/[\\"\r\n]/g, (ch) => (ch === "\r" ? "\\r" : ch === "\n" ? "\\n" : `\\${ch}`));
}

export type UnescapeResult = { ok: true; text: string; end: number } | { ok: false; reason: string };

/**
 * Reads a quoted string whose opening quote is just before `start`; `end` is
 * the index after the closing quote. Like reg.exe: \\ \" \n \r are escapes,
 * "\0" makes the whole line invalid, and any other escaped character stands
 * for itself (reg.exe warns and keeps it).
 */
export function unescapeRegString(line: string, start: number): UnescapeResult {
  let text = "";
  for (let i = start; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') return { ok: true, text, end: i + 1 };
    if (ch !== "\\") {
      text += ch;
      continue;
    }
    const next = line[++i];
    if (next === undefined) return { ok: false, reason: "the line ends inside an escape sequence" };
    if (next === "0") return { ok: false, reason: 'the escape "\\0" is refused by reg.exe' };
    text += next === "n" ? "\n" : next === "r" ? "\r" : next;
  }
  return { ok: false, reason: "the string has no closing double quote" };
}
