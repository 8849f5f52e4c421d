import { resolve } from "node:path";
import type { Command } from "commander";
import { REPORT_FILES, runMatrix } from "../../sim/scenario/index.ts";
import { catalogDir, displayPath, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";
import { runAndReport } from "./run-and-report.ts";

/** What `npm start` runs: the whole built-in catalog, every report, and where the page is. */
export function registerStart(program: Command, env: CommandEnv): void {
  program
    .command("start")
    .description("run the whole catalog and write the HTML (plus JSON and JUnit) report")
    .option("--out <dir>", "where reports go", "reports")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .action(async (flags: { out: string; catalog?: string }) => {
      const { io } = env;
      const registry = await loadRegistry(io);
      const dir = catalogDir(io, flags.catalog);
      const { scenarios } = openCatalog(io, registry, dir);
      io.stdout.write(
        scenarios.length === 0
          ? `The catalog is empty: no scenario under ${displayPath(io, dir)} yet (products add theirs in scenarios/<product-id>/).\n`
          : `Running the catalog: ${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} from ${displayPath(io, dir)}\n`,
      );
      const outDir = resolve(io.cwd, flags.out);
      await runAndReport(env, { registry, items: runMatrix(scenarios), remedies: true, reporters: ["junit", "json", "html"], outDir });
      io.stdout.write(`\nThe report: ${displayPath(io, resolve(outDir, REPORT_FILES.html))} (a single page; open it in any browser, no network needed)\n`);
    });
}
