import { setTimeout as sleep } from "node:timers/promises";
import type { TextSink } from "../sim/scenario/index.ts";

/** Everything the CLI touches outside itself, so tests run it in-process with their own streams. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Pauses the demo between steps (real time: the audience's, not the lab's). */
  sleep(ms: number): Promise<void>;
}

export function processIo(): CliIo {
  // `lab ... | head` closes the pipe early: the reader has what it wanted, so stop quietly rather than crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) },
    cwd: process.cwd(),
    env: process.env,
    sleep: (ms) => sleep(ms),
  };
}

/** Exit codes: 0 every expectation holds, 1 one broke, 2 bad input. */
export const EXIT = { ok: 0, broken: 1, badInput: 2 } as const;
