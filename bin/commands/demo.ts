import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { LabError } from "../../sim/kernel/index.ts";
import { narrate, parseInteger, remediedScenario, runScenario, selectScenarios } from "../../sim/scenario/index.ts";
import { EXIT } from "../cli-io.ts";
import { catalogDir, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

const PAUSE_MS = 800;

export function registerDemo(program: Command, env: CommandEnv): void {
  program
    .command("demo")
    .description("narrate one scenario step by step: what was done, what broke, why, the remedy; then the remedied run")
    .argument("<scenario>", "a scenario name of the catalog, or a .yaml path")
    .option("--seed <n>", "run at this seed instead of the scenario's own")
    .option("--no-pause", "do not pause between steps (pauses happen only on a terminal anyway)")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .action(async (target: string, flags: { seed?: string; pause: boolean; catalog?: string }) => {
      const { io } = env;
      const c = pc.createColors(Boolean(io.stdout.isTTY));
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, "--seed");
      const registry = await loadRegistry(io);
      const isPath = existsSync(resolve(io.cwd, target));
      const catalog = isPath ? [] : openCatalog(io, registry, catalogDir(io, flags.catalog)).scenarios;
      const [scenario, ...more] = selectScenarios([target], catalog, registry, io.cwd);
      if (!scenario || more.length > 0) throw new LabError({ code: "BAD_ARGUMENT", message: `demo ${target}: name exactly one scenario` });

      const result = await runScenario(scenario, { registry, ...(seed !== undefined ? { seed } : {}) });
      const remedied = remediedScenario(scenario);
      const remedyResult = remedied ? await runScenario(remedied, { registry, variant: "remedy", ...(seed !== undefined ? { seed } : {}) }) : undefined;
      const sections = narrate(result, registry, remedyResult ? { result: remedyResult, ...(scenario.remedy?.description ? { description: scenario.remedy.description } : {}) } : undefined);
      const pause = flags.pause && Boolean(io.stdout.isTTY);
      for (const [i, section] of sections.entries()) {
        if (i > 0 && pause) await io.sleep(PAUSE_MS);
        io.stdout.write(`${i > 0 ? "\n" : ""}${c.bold(section.title)}\n${section.lines.map((l) => `  ${l}`).join("\n")}\n`);
      }
      const ok = result.status === "passed" && (remedyResult === undefined || remedyResult.status === "passed");
      env.setExit(ok ? EXIT.ok : EXIT.broken);
    });
}
