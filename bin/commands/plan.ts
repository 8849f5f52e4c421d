import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { LabError } from "../../sim/kernel/index.ts";
import { parseInteger, planUpgrade, plannedScenarioRaw, runScenario, selectScenarios } from "../../sim/scenario/index.ts";
import { EXIT } from "../cli-io.ts";
import { catalogDir, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

interface PlanFlags {
  seed?: string;
  catalog?: string;
  run?: boolean;
  yaml?: boolean;
}

/**
 * `lab plan <scenario>`: the documented upgrade for the estate the scenario
 * describes, blockers first; `--run` runs the plan in the lab and says
 * whether it ends healthy; `--yaml` prints it as a scenario to keep.
 */
export function registerPlan(program: Command, env: CommandEnv): void {
  program
    .command("plan")
    .description("the documented upgrade steps for a scenario's estate, in order, with blockers and their remedies")
    .argument("<scenario>", "a scenario name of the catalog, or a .yaml path (its lab: is the estate to plan for)")
    .option("--seed <n>", "build the estate at this seed")
    .option("--run", "run the planned steps in the lab and judge the end state (exit 1 unless healthy)")
    .option("--yaml", "print the plan as a scenario file (to drop into scenarios/)")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .action(async (target: string, flags: PlanFlags) => {
      const { io } = env;
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, "--seed");
      const registry = await loadRegistry(io);
      const isPath = existsSync(resolve(io.cwd, target));
      const catalog = isPath ? [] : openCatalog(io, registry, catalogDir(io, flags.catalog)).scenarios;
      const [scenario, ...more] = selectScenarios([target], catalog, registry, io.cwd);
      if (!scenario || more.length > 0) throw new LabError({ code: "BAD_ARGUMENT", message: `plan ${target}: name exactly one scenario` });

      const planned = await planUpgrade(scenario, registry, seed);
      if (flags.yaml) {
        io.stdout.write(stringify(plannedScenarioRaw(scenario, planned.steps)));
      } else {
        io.stdout.write(`Upgrade plan for the estate of ${scenario.name} (${planned.product})\n`);
        if (planned.blockers.length) {
          io.stdout.write(`\nBlockers (fix these first):\n`);
          for (const b of planned.blockers) io.stdout.write(`  - [${b.rule}]${b.host ? ` ${b.host}:` : ""} ${b.message ?? ""}\n      remedy: ${b.remedy}\n`);
        }
        io.stdout.write(`\nSteps:\n`);
        planned.steps.forEach((s, i) => io.stdout.write(`  ${i + 1}. ${s.verb} ${JSON.stringify(s.args)}${s.note ? `\n       ${s.note}` : ""}\n`));
      }
      if (!flags.run) return;
      const result = await runScenario(planned.asScenario, { registry, ...(seed !== undefined ? { seed } : {}) });
      const worst = result.findings.filter((f) => f.severity === "broken" || f.severity === "blocked");
      io.stdout.write(`\nRan the plan: ${result.status}, final ${result.final ?? "unknown"}${worst.length ? `; ${worst.length} broken/blocked finding(s): ${worst.map((f) => f.rule).join(", ")}` : ""}\n`);
      env.setExit(result.status === "passed" ? EXIT.ok : EXIT.broken);
    });
}
