import { execFile } from "node:child_process";
import { LabError } from "../kernel/index.ts";

/** Runs a program to completion; a non-zero exit becomes a LabError with the end of its output. */
export function runTool(file: string, args: readonly string[], options: { code: string; what: string; timeoutMs?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      reject(
        new LabError({
          code: options.code,
          message: `${options.what} failed: ${error.message.split("\n")[0]}`,
          details: { program: file, exitCode: error.code, output: tail(`${stdout}\n${stderr}`, 20) },
        }),
      );
    });
  });
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
