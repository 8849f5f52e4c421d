import type { CliIo } from "../cli-io.ts";

/** What a command needs besides its options: the outside world, and a way to set the exit code. */
export interface CommandEnv {
  readonly io: CliIo;
  setExit(code: number): void;
}
