import pc from "picocolors";
import { formatResultLine, resultTitle } from "./format-result.ts";
import type { ScenarioResult } from "./scenario-result.ts";

export interface TextSink {
  write(text: string): void;
  readonly isTTY?: boolean;
}

export interface Progress {
  update(result: ScenarioResult, done: number): void;
  finish(): void;
}

const WIDTH = 24;

/**
 * On a terminal, one bar redrawn in place with the counts so far; otherwise
 * (CI) one plain line per result, so logs read top to bottom.
 */
export function createProgress(out: TextSink, total: number, color = Boolean(out.isTTY)): Progress {
  const c = pc.createColors(color);
  const counts = { passed: 0, failed: 0, error: 0 };
  const tty = Boolean(out.isTTY);
  return {
    update(result, done) {
      counts[result.status]++;
      if (!tty) {
        const line = formatResultLine(result);
        out.write(`${result.status === "passed" ? line : result.status === "failed" ? c.red(line) : c.yellow(line)}\n`);
        return;
      }
      const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
      const bar = `${c.green("█".repeat(filled))}${c.dim("░".repeat(WIDTH - filled))}`;
      const tally = `${c.green(`${counts.passed} passed`)} ${counts.failed ? c.red(`${counts.failed} failed`) : "0 failed"} ${counts.error ? c.yellow(`${counts.error} errors`) : "0 errors"}`;
      out.write(`\r\x1b[2K${bar} ${done}/${total} ${tally} ${c.dim(resultTitle(result))}`);
    },
    finish() {
      if (tty) out.write("\n");
    },
  };
}
