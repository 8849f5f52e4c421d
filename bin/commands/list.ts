import type { Command } from "commander";
import { loadCatalog, renderTable } from "../../sim/scenario/index.ts";
import { EXIT } from "../cli-io.ts";
import { catalogDir, displayPath, loadRegistry } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

export function registerList(program: Command, env: CommandEnv): void {
  program
    .command("list")
    .description("list the scenario catalog (or, with --faults, the fault catalog)")
    .option("--faults", "list the fault catalog: each fault, its parameters and the rules it trips")
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .action(async (flags: { faults?: boolean; catalog?: string }) => {
      const { io } = env;
      const registry = await loadRegistry(io);
      if (flags.faults) {
        const faults = [...registry.faultCatalog.values()];
        if (faults.length === 0) io.stdout.write("The fault catalog is empty: no product or estate layer defines a fault yet.\n");
        else {
          const owner = (name: string) => registry.products.find((p) => p.faults.some((f) => f.name === name))?.id ?? "estate";
          const rows = faults.map((f) => [
            f.name,
            owner(f.name),
            Object.entries(f.params).map(([k, p]) => `${k}=${String(p.default)}`).join(", ") || "-",
            f.trips.join(", ") || "-",
            `${f.description} ${f.mechanism}`,
          ]);
          io.stdout.write(`${renderTable(["fault", "owner", "params (defaults)", "trips", "what it does"], rows, [24, 16, 24, 30, 60])}\n`);
        }
        return;
      }
      const dir = catalogDir(io, flags.catalog);
      const catalog = loadCatalog(dir, registry, io.cwd);
      if (catalog.scenarios.length === 0 && catalog.invalid.length === 0) {
        io.stdout.write(`The catalog is empty: no scenario under ${displayPath(io, dir)} (products add theirs in scenarios/<product-id>/).\n`);
      } else if (catalog.scenarios.length > 0) {
        const rows = catalog.scenarios.map((s) => [s.name, s.product, (s.description ?? "").split("\n")[0] ?? "", s.file ?? ""]);
        io.stdout.write(`${renderTable(["scenario", "product", "description", "file"], rows, [36, 24, 60, 60])}\n`);
      }
      for (const invalid of catalog.invalid) io.stderr.write(`${invalid.message}\n`);
      if (catalog.invalid.length > 0) env.setExit(EXIT.badInput);
    });
}
