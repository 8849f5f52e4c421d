import { readFileSync } from "node:fs";
import { Command } from "commander";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string; description: string };

/** The `lab` command line: thin, every verb calls into sim/. */
export function buildProgram(): Command {
  const program = new Command("lab").description(pkg.description).version(pkg.version, "-V, --version");
  return program;
}
