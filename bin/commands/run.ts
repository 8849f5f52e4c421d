import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseInteger, parseReporters, parseShard, runMatrix, selectScenarios, type Scenario } from "../../sim/scenario/index.ts";
import { catalogDir, displayPath, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";
import { runAndReport } from "./run-and-report.ts";

interface RunFlags {
  seed?: string;
  seeds?: string;
  shard?: string;
  reporter?: string;
  out: string;
  remedy: boolean;
  catalog?: string;
}

export function registerRun(program: Command, env: CommandEnv): void {
  program
    .command("run")
    .description("run scenarios (names, paths or globs; none = the whole catalog) and judge them")
    .argument("[targets...]", "scenario names, .yaml paths, directories or globs (quote globs)")
    .option("--seed <n>", "run at this seed instead of each scenario's own")
    .option("--seeds <n>", "sweep n consecutive seeds per scenario: seed, seed+1, ..., seed+n-1")
    .option("--shard <i/n>", "run only shard i of n of the (scenario, seed) runs, e.g. 1/4")
    .option("--reporter <list>", "reports to write: junit,json,html (any subset)")
    .option("--out <dir>", "where reports go", "reports")
    .option("--no-remedy", "skip the remedied variants")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .addHelpText("after", "\nExit codes: 0 every expectation holds, 1 one broke, 2 bad input.\nA failing run prints the command that replays it.")
    .action(async (targets: string[], flags: RunFlags) => {
      const { io } = env;
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, "--seed");
      const seeds = flags.seeds === undefined ? undefined : parseInteger(flags.seeds, "--seeds", 1);
      const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
      const reporters = flags.reporter === undefined ? [] : parseReporters(flags.reporter);
      const registry = await loadRegistry(io);
      const dir = catalogDir(io, flags.catalog);
      // Paths alone need not wait for the rest of the catalog to be valid.
      const pathsOnly = targets.length > 0 && targets.every((t) => !/[*?]/.test(t) && existsSync(resolve(io.cwd, t)));
      const catalog: readonly Scenario[] = pathsOnly ? [] : openCatalog(io, registry, dir).scenarios;
      const scenarios = selectScenarios(targets, catalog, registry, io.cwd);
      if (scenarios.length === 0) {
        io.stdout.write(`The catalog is empty: no scenario under ${displayPath(io, dir)} (products add theirs in scenarios/<product-id>/).\n`);
      }
      const items = runMatrix(scenarios, { ...(seed !== undefined ? { seed } : {}), ...(seeds !== undefined ? { seeds } : {}), ...(shard ? { shard } : {}) });
      await runAndReport(env, { registry, items, remedies: flags.remedy, reporters, outDir: resolve(io.cwd, flags.out) });
    });
}
