import { LabError } from "../kernel/index.ts";
import { CRLF, REGEDIT4_HEADER, REGEDIT5_HEADER, type RegFormat } from "./reg-format.ts";
import { formatValueLine } from "./reg-value-line.ts";
import type { RegistryView } from "./registry-view.ts";

export interface ExportOptions {
  /** "regedit5" (default) is what regedit writes; "regedit4" is its Win9x/NT4 format. */
  readonly format?: RegFormat;
}

/**
 * The key and everything below it as regedit exports it: header, then each
 * key as a blank line and "[path]", its values in creation order, subkeys
 * depth first in enumeration order; CRLF line ends and a final blank line.
 * Paths are written as the view sees them (a 32-bit export of
 * HKLM\SOFTWARE\X says HKEY_LOCAL_MACHINE\SOFTWARE\X, not WOW6432Node).
 * Encode the text with encodeRegFile: "utf16le" for regedit5, "ansi" for regedit4.
 */
export function exportReg(view: RegistryView, keyPath: string, options: ExportOptions = {}): string {
  const format = options.format ?? "regedit5";
  if (format !== "regedit5" && format !== "regedit4") {
    throw new LabError({ code: "REG_BAD_FORMAT", message: `unknown .reg format ${JSON.stringify(format)}; use regedit5 or regedit4` });
  }
  if (!view.keyExists(keyPath)) {
    throw new LabError({ code: "REG_KEY_NOT_FOUND", message: `cannot export "${keyPath}": the key does not exist in the ${view.bits}-bit view`, details: { path: keyPath } });
  }
  let out = (format === "regedit5" ? REGEDIT5_HEADER : REGEDIT4_HEADER) + CRLF;
  const writeKey = (path: string, shown: string): void => {
    out += `${CRLF}[${shown}]${CRLF}`;
    for (const { name, raw } of view.listRawValues(path)) out += formatValueLine(name, raw, format) + CRLF;
    for (const subkey of view.listSubkeys(path)) writeKey(`${path}\\${subkey}`, `${shown}\\${subkey}`);
  };
  writeKey(keyPath, view.displayPath(keyPath));
  return out + CRLF;
}
