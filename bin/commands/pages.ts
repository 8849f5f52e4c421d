import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { LAB_EPOCH_MS, LabError } from "../../sim/kernel/index.ts";
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
  labDate?: string;
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
    .option("--lab-date <date>", "the day the lab clock starts: today (this machine's date, so a browser accepts the lab's certificates), epoch (the lab's own, 2026-01-05, as lab run: the same trace) or YYYY-MM-DD", "today")
    .addHelpText("after", "\nA browser checks the lab's certificates against this machine's clock: the lab starts today unless --lab-date says otherwise (the output warns when a certificate is refused).\nCtrl-C stops it.")
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

      const epochMs = labEpoch(flags.labDate, new Date()); // host-time-ok: the browser's calendar
      const run = await runScenarioLab(scenario, { registry, epochMs, ...(seed !== undefined ? { seed } : {}) });
      io.stdout.write(`${c.bold(`${scenario.name}${flags.remedy ? " (remedied)" : ""}`)}, seed ${run.seed}, lab clock from ${new Date(epochMs).toISOString().slice(0, 10)}: the estate ends ${c.bold((run.final ?? "undetermined").toUpperCase())}\n`);
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

/**
 * The lab clock's start for --lab-date: the lab epoch's time of day (09:00 UTC) on the chosen day, so
 * only the calendar moves and every certificate's validity, relative to it, is what the scenario says.
 */
export function labEpoch(labDate: string | undefined, hostNow: Date): number {
  const epoch = new Date(LAB_EPOCH_MS);
  if (labDate === undefined || labDate === "today") {
    const today = Date.UTC(hostNow.getUTCFullYear(), hostNow.getUTCMonth(), hostNow.getUTCDate(), epoch.getUTCHours(), epoch.getUTCMinutes());
    // Never ahead of the browser's clock: a certificate minted "now" in the lab would not be valid yet.
    return today > hostNow.getTime() ? today - 86_400_000 : today;
  }
  if (labDate === "epoch") return LAB_EPOCH_MS;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(labDate);
  const at = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), epoch.getUTCHours(), epoch.getUTCMinutes()) : Number.NaN;
  if (!m || new Date(at).toISOString().slice(0, 10) !== labDate) {
    throw new LabError({ code: "BAD_ARGUMENT", message: `--lab-date ${labDate}: expected today, epoch or a date YYYY-MM-DD` });
  }
  return at;
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
