import type { RegFileFormat } from "./reg-format.ts";

/** A line the import passed over, and why (1-based line numbers, header = 1). */
export interface SkippedLine {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

/**
 * What an import did. Windows reports none of the skipped lines; the lab
 * lists every one. `applied` counts statements carried out: keys opened or
 * created, values set, values and keys deleted.
 */
export interface ImportReport {
  readonly format: RegFileFormat;
  readonly applied: number;
  readonly skipped: SkippedLine[];
}
