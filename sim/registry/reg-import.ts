import { LabError } from "../kernel/index.ts";
import type { ImportReport } from "./import-report.ts";
import { decodeRegFile } from "./reg-file-encoding.ts";
import { classifyHeader, REGEDIT4_HEADER, REGEDIT5_HEADER } from "./reg-format.ts";
import { RegImportParser } from "./reg-import-parser.ts";
import type { RegistryView } from "./registry-view.ts";

/**
 * Applies a .reg file to a view as `reg import` does (with /reg:32 or
 * /reg:64 matching the view): line by line, silently passing over what it
 * cannot read, which the lab lists in the report. A file whose first line is
 * not a header reg.exe accepts changes nothing and is a REG_BAD_HEADER error.
 */
export function importReg(view: RegistryView, file: string | Uint8Array): ImportReport {
  const text = typeof file === "string" ? file.replace(/^\uFEFF/, "") : decodeRegFile(file);
  // Windows reads lines up to CR, LF or CR LF; a NUL ends the line's text.
  const lines = text.split(/\r\n|\r|\n/).map((line) => {
    const nul = line.indexOf("\0");
    return nul < 0 ? line : line.slice(0, nul);
  });
  const header = lines[0] ?? "";
  const format = classifyHeader(header);
  if (!format) {
    const utf16Hint = text.includes("\0") ? " (it looks like UTF-16 without the FF FE byte order mark)" : "";
    throw new LabError({
      code: "REG_BAD_HEADER",
      message: `not a registry script${utf16Hint}: line 1 must be "${REGEDIT5_HEADER}" or "${REGEDIT4_HEADER}", found ${JSON.stringify(header.slice(0, 60))}`,
      remedy: `start the file with "${REGEDIT5_HEADER}" (exact case, nothing before it)`,
      details: { line: 1, text: header },
    });
  }
  return new RegImportParser(view, lines, format).run();
}
