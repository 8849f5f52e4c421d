/** A plain-text table whose cells wrap at word boundaries to each column's width. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): string {
  const wrapped = (cells: readonly string[]) => cells.map((cell, i) => wrap(cell, widths[i] ?? 40));
  const lines: string[] = [];
  const emit = (cells: readonly string[]) => {
    const columns = wrapped(cells);
    const height = Math.max(1, ...columns.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      lines.push(columns.map((c, i) => (c[k] ?? "").padEnd(Math.min(widths[i] ?? 40, maxWidth(i)))).join("  ").trimEnd());
    }
  };
  const maxWidth = (i: number) => Math.max(headers[i]!.length, ...rows.map((r) => Math.min(widths[i] ?? 40, longestLine(wrap(r[i] ?? "", widths[i] ?? 40)))));
  emit(headers);
  lines.push(headers.map((_, i) => "-".repeat(Math.min(widths[i] ?? 40, maxWidth(i)))).join("  "));
  for (const row of rows) emit(row);
  return lines.join("\n");
}

function longestLine(lines: readonly string[]): number {
  return Math.max(0, ...lines.map((l) => l.length));
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = "";
      }
      // A word longer than the column is cut rather than overflowing it.
      let rest = word;
      while (rest.length > width) {
        if (line) {
          out.push(line);
          line = "";
        }
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = line ? `${line} ${rest}` : rest;
    }
    out.push(line);
  }
  return out;
}
