import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { LabError } from "../../sim/kernel/index.ts";
import { parseInteger, remediedScenario, selectScenarios } from "../../sim/scenario/index.ts";
import { CHROMIUM_PATH } from "../../web/index.ts";
import { pagesText, runScenarioLab, servePages, trustedRoots, writeChromiumProfile, type PagesServer } from "../../web/product-pages/index.ts";
import { EXIT } from "../cli-io.ts";
import { catalogDir, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";
import { parsePort } from "./serve.ts";

/** For tests: the pages, once they listen, and a way to stop the command. */
export interface PagesHooks {
  onListening?(pages: PagesServer, stop: () => void): void;
}

interface PagesFlags {
  seed?: string;
  remedy?: boolean;
  port: string;
  client?: string;
  catalog?: string;
}

/**
 * `lab pages <scenario>`: runs the scenario's plan, then serves the estate
 * it left to a real browser: every IIS site over real HTTP(S) on loopback
 * with its bound certificate, Netwrix Password Reset over real UDP. Prints
 * where, and a Chromium command line that reaches the lab by name and
 * trusts what the lab's workstation trusts. Runs until Ctrl-C.
 */
export function registerPages(program: Command, env: CommandEnv, hooks: PagesHooks = {}): void {
  program
    .command("pages")
    .description("serve the products' own pages of a scenario's estate to a real browser: its IIS sites over real HTTPS (the bound certificates), Netwrix resets over real UDP")
    .argument("<scenario>", "a scenario name of the catalog, or a .yaml path")
    .option("--seed <n>", "run at this seed instead of the scenario's own")
    .option("--remedy", "serve the estate of the remedied run instead")
    .option("--port <n>", "the first site's port; further sites take the next ones (0 = any free ports)", "0")
    .option("--client <host>", "the lab host the browser plays: names resolve and certificates are trusted as there (default: a workstation of the lab)")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .addHelpText("after", "\nLab certificates are dated from the lab's epoch; a browser checks them against this machine's clock (the output warns when that refuses one).\nCtrl-C stops it.")
    .action(async (target: string, flags: PagesFlags) => {
      const { io } = env;
      const c = pc.createColors(Boolean(io.stdout.isTTY));
      const seed = flags.seed === undefined ? undefined : parseInteger(flags.seed, "--seed");
      const port = parsePort(flags.port);
      const registry = await loadRegistry(io);
      const isPath = existsSync(resolve(io.cwd, target));
      const catalog = isPath ? [] : openCatalog(io, registry, catalogDir(io, flags.catalog)).scenarios;
      const [chosen, ...more] = selectScenarios([target], catalog, registry, io.cwd);
      if (!chosen || more.length > 0) throw new LabError({ code: "BAD_ARGUMENT", message: `pages ${target}: name exactly one scenario` });
      const scenario = flags.remedy ? remediedScenario(chosen) : chosen;
      if (!scenario) throw new LabError({ code: "BAD_ARGUMENT", message: `pages ${target} --remedy: the scenario has no remedy` });

      const run = await runScenarioLab(scenario, { registry, ...(seed !== undefined ? { seed } : {}) });
      io.stdout.write(`${c.bold(`${scenario.name}${flags.remedy ? " (remedied)" : ""}`)}, seed ${run.seed}: the estate ends ${c.bold((run.final ?? "undetermined").toUpperCase())}\n`);
      for (const f of run.findings) io.stdout.write(`  ${f.severity.toUpperCase()} ${f.rule}${f.host ? ` on ${f.host}` : ""} (step ${f.step}): ${f.message}\n`);

      const pages = await servePages(run.lab, { port, ...(flags.client !== undefined ? { client: flags.client } : {}) });
      const profileDir = mkdtempSync(join(tmpdir(), "lab-pages-profile-"));
      try {
        writeChromiumProfile(profileDir, pages.client ? trustedRoots(run.lab, pages.client) : []);
        const executable = io.env["LAB_CHROMIUM"] || CHROMIUM_PATH;
        // Host time on purpose: the browser judges certificates by this machine's clock.
        const lines = pagesText(pages, { now: new Date(), browser: { executable, profileDir } });
        io.stdout.write(`\n${lines.join("\n")}\n${c.dim("Ctrl-C stops it.")}\n`);
        await untilStopped(pages, hooks);
      } finally {
        await pages.close();
        rmSync(profileDir, { recursive: true, force: true });
      }
      io.stdout.write("The pages stopped.\n");
      env.setExit(EXIT.ok);
    });
}

function untilStopped(pages: PagesServer, hooks: PagesHooks): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    hooks.onListening?.(pages, stop);
  });
}
