import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

/** What a figure was measured on: every bench's --json carries it, so figures from two machines are not compared blindly. */
export function machine(): { node: string; loadAverage: number[]; cpus: number } {
  return { node: process.version, loadAverage: loadavg().map((l) => +l.toFixed(2)), cpus: cpus().length };
}

/** `--json` (stdout) or `--json <file>`: the figures as indented JSON. */
export function writeJson(target: string | boolean, figures: unknown): void {
  const text = `${JSON.stringify(figures, null, 2)}\n`;
  if (typeof target === "string") writeFileSync(target, text);
  else process.stdout.write(text);
}
