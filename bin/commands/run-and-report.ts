import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import pc from "picocolors";
import {
  countRuns,
  createProgress,
  formatProblems,
  resultTitle,
  runItems,
  summarise,
  writeReports,
  type ProductRegistry,
  type Reporter,
  type RunItem,
  type ScenarioResult,
} from "../../sim/scenario/index.ts";
import { screenshotGalleryHtml } from "../../web/index.ts";
import { EXIT } from "../cli-io.ts";
import { PACKAGE_ROOT, displayPath } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

const pkg = JSON.parse(readFileSync(resolve(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };

export interface RunAndReportOptions {
  readonly registry: ProductRegistry;
  readonly items: readonly RunItem[];
  readonly remedies: boolean;
  readonly reporters: readonly Reporter[];
  readonly outDir: string;
}

/** Shared by `run` and `start`: runs with progress, prints what broke and how to replay it, writes reports, sets the exit code. */
export async function runAndReport(env: CommandEnv, options: RunAndReportOptions): Promise<ScenarioResult[]> {
  const { io } = env;
  const c = pc.createColors(Boolean(io.stdout.isTTY));
  const total = countRuns(options.items, options.remedies);
  const progress = createProgress(io.stdout, total);
  const started = performance.now(); // host-time-ok: how long the run took the user, never part of a result
  const results = await runItems(options.items, { registry: options.registry, remedies: options.remedies, onResult: (r, done) => progress.update(r, done) });
  progress.finish();
  const elapsed = ((performance.now() - started) / 1000).toFixed(2); // host-time-ok

  for (const r of results.filter((r) => r.status !== "passed")) {
    io.stdout.write(`\n${c.bold(r.status === "failed" ? c.red(`FAILED ${resultTitle(r)}`) : c.yellow(`ERROR ${resultTitle(r)}`))}\n`);
    for (const line of formatProblems(r)) io.stdout.write(`  ${line}\n`);
  }
  const s = summarise(results);
  const line = `${s.total} run${s.total === 1 ? "" : "s"}: ${s.passed} passed, ${s.failed} failed, ${s.error} error${s.error === 1 ? "" : "s"} (${elapsed}s)`;
  io.stdout.write(`\n${s.failed + s.error > 0 ? c.red(line) : c.green(line)}\n`);

  const written = writeReports(results, {
    dir: options.outDir,
    reporters: options.reporters,
    tool: { name: "lab", version: pkg.version },
    faultCatalog: options.registry.faultCatalog,
    // Screenshots the browser tests saved (npm test) are linked from the HTML report.
    htmlAppendix: screenshotGalleryHtml(options.outDir),
  });
  for (const path of written) io.stdout.write(`wrote ${displayPath(io, path)}\n`);
  env.setExit(s.failed + s.error > 0 ? EXIT.broken : EXIT.ok);
  return results;
}
