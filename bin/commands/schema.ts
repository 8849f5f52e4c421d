import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { scenarioJsonSchema } from "../../sim/scenario/index.ts";
import { displayPath, loadRegistry } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

export function registerSchema(program: Command, env: CommandEnv): void {
  program
    .command("schema")
    .description("write the scenario files' JSON Schema (verbs, rules and faults of the registered products) for editors")
    .option("--out <file>", "write to this file instead of standard output")
    .addHelpText("after", "\nIn VS Code (YAML extension), start a scenario with:\n  # yaml-language-server: $schema=../scenario.schema.json")
    .action(async (flags: { out?: string }) => {
      const { io } = env;
      const text = `${JSON.stringify(scenarioJsonSchema(await loadRegistry(io)), null, 2)}\n`;
      if (flags.out === undefined) {
        io.stdout.write(text);
        return;
      }
      const path = resolve(io.cwd, flags.out);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      io.stdout.write(`wrote ${displayPath(io, path)}\n`);
    });
}
