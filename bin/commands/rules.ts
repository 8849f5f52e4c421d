import type { Command } from "commander";
import { LabError } from "../../sim/kernel/index.ts";
import { coverageMatrix, didYouMean, formatCoverage, formatRulesTable, runItems, runMatrix } from "../../sim/scenario/index.ts";
import { catalogDir, loadRegistry, openCatalog } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

export function registerRules(program: Command, env: CommandEnv): void {
  program
    .command("rules")
    .description("the rules: id, kind, product, seed file and section, message, remedy (lab inferences and advisory rules marked)")
    .option("--product <id>", "only this product's rules")
    .option("--json", "print the rules (and coverage) as JSON")
    .option("--coverage", "run the catalog and show rule -> scenarios, and the rules no scenario exercises")
    .option("--catalog <dir>", "the catalog directory, for --coverage (default: the package's scenarios/)")
    .action(async (flags: { product?: string; json?: boolean; coverage?: boolean; catalog?: string }) => {
      const { io } = env;
      const registry = await loadRegistry(io);
      if (flags.product !== undefined && !registry.product(flags.product)) {
        const known = registry.products.map((p) => p.id);
        throw new LabError({ code: "BAD_ARGUMENT", message: `--product ${flags.product}: unknown product${didYouMean(flags.product, known)}; known: ${known.join(", ") || "none registered"}` });
      }
      const rules = registry.rules().filter((r) => flags.product === undefined || r.product === flags.product);
      let coverage;
      if (flags.coverage) {
        const { scenarios } = openCatalog(io, registry, catalogDir(io, flags.catalog));
        const chosen = scenarios.filter((s) => flags.product === undefined || s.product === flags.product);
        coverage = coverageMatrix(rules, await runItems(runMatrix(chosen), { registry }));
      }
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(coverage ? { rules, coverage } : rules, null, 2)}\n`);
        return;
      }
      io.stdout.write(`${formatRulesTable(rules)}\n`);
      if (coverage) io.stdout.write(`\nCoverage\n\n${formatCoverage(coverage)}\n`);
    });
}
