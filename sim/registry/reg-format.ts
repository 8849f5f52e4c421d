/** The two .reg dialects regedit writes. */
export type RegFormat = "regedit5" | "regedit4";

export const REGEDIT5_HEADER = "Windows Registry Editor Version 5.00";
export const REGEDIT4_HEADER = "REGEDIT4";

/** regedit ends every line with CR LF. */
export const CRLF = "\r\n";

/**
 * What the first line of a file makes of it, as reg.exe decides: the two
 * formats above; "regedit3.1" for a bare "REGEDIT" (Windows 3.1, only
 * HKEY_CLASSES_ROOT lines); "ignored" for any other line starting with
 * "REGEDIT" (accepted, contents not imported); undefined for anything else,
 * which reg.exe rejects. Leading spaces and tabs are allowed; case matters.
 */
export type RegFileFormat = RegFormat | "regedit3.1" | "ignored";

export function classifyHeader(line: string): RegFileFormat | undefined {
  const header = line.replace(/^[ \t]+/, "");
  if (header === REGEDIT5_HEADER) return "regedit5";
  if (header === REGEDIT4_HEADER) return "regedit4";
  if (header === "REGEDIT") return "regedit3.1";
  if (header.startsWith("REGEDIT")) return "ignored";
  return undefined;
}
