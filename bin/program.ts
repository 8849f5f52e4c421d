import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { isLabError } from "../sim/kernel/index.ts";
import { EXTRA_PRODUCTS_ENV } from "./cli-context.ts";
import { EXIT, type CliIo } from "./cli-io.ts";
import type { CommandEnv } from "./commands/command-env.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerList } from "./commands/list.ts";
import { registerPages } from "./commands/pages.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerRules } from "./commands/rules.ts";
import { registerRun } from "./commands/run.ts";
import { registerSchema } from "./commands/schema.ts";
import { registerServe } from "./commands/serve.ts";
import { registerStart } from "./commands/start.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string; description: string };

/** The `lab` command line: thin, every verb calls into sim/scenario. */
export function buildProgram(env: CommandEnv): Command {
  const program = new Command("lab")
    .description(pkg.description)
    .version(pkg.version, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => env.io.stdout.write(s), writeErr: (s) => env.io.stderr.write(s) })
    .showSuggestionAfterError()
    .addHelpText("after", `\nExit codes: 0 every expectation holds, 1 one broke, 2 bad input.\nTests add products with ${EXTRA_PRODUCTS_ENV}=<module.ts>[,...] (each exports PRODUCTS).`);
  registerList(program, env);
  registerRun(program, env);
  registerRules(program, env);
  registerPlan(program, env);
  registerSchema(program, env);
  registerDemo(program, env);
  registerServe(program, env);
  registerPages(program, env);
  registerStart(program, env);
  return program;
}

/**
 * Runs the CLI on `args` (without node and script) and returns its exit
 * code. Bad input prints its message and returns 2, never a stack trace.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram({ io, setExit: (c) => void (code = Math.max(code, c)) });
  try {
    await program.parseAsync([...args], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "fail" with exit code 0; anything else is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (isLabError(error)) {
      io.stderr.write(`lab: ${error.message}\n`);
      return EXIT.badInput;
    }
    io.stderr.write(`lab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.broken;
  }
}
