/**
 * The whole catalog, as `lab run` runs it (every scenario at its own seed,
 * and each remedied variant), in this process, against baselines measured
 * in the same run: loading and validating the catalog, and building every
 * scenario's lab (faults on, components seeded) without running its plan.
 * Target from the issue: the whole catalog in under 5 s on this machine.
 *
 *   npx tsx bench/catalog.ts [--repeat 1] [--slowest 10] [--cli] [--json [file]]
 *
 * --cli also times the real thing end to end: `node bin/lab.js run` in a
 * child process (process start, the bundled CLI's loading, the run, its
 * progress output; reports to a temporary directory), and beside it the same
 * run through tsx (LAB_NO_BUNDLE=1: every TypeScript module resolved and
 * transformed at start) as the baseline the bundle is held against.
 * `import` is the time to load the lab's modules (what the CLI pays before
 * its first scenario); `run` the catalog itself, which is the figure held
 * against the target. With --repeat n the catalog runs n times in the one
 * process; the first run pays the JIT's warm-up, as `lab run` does, and is
 * the one reported; the others' best and median are shown beside it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { machine, writeJson } from "./bench-output.ts";

const hr = (): number => Number(process.hrtime.bigint()) / 1e6; // host-time-ok: a benchmark measures the host

const program = new Command("catalog")
  .option("--repeat <n>", "times to run the whole catalog in this process", "1")
  .option("--slowest <n>", "how many of the slowest scenarios to list", "10")
  .option("--cli", "also time `lab run` end to end in a child process")
  .option("--json [file]", "write the figures as JSON to stdout or a file")
  .parse();
const opts = program.opts<{ repeat: string; slowest: string; cli?: boolean; json?: string | boolean }>();
const repeat = Number(opts.repeat);
const slowestCount = Number(opts.slowest);
if (!Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(slowestCount) || slowestCount < 0) {
  console.error("--repeat must be a positive integer, --slowest a whole number");
  process.exit(2);
}

const importStart = hr();
const { defaultRegistry, loadCatalog, prepareLab, remediedScenario, runScenario } = await import("../sim/scenario/index.ts");
const importMs = hr() - importStart;

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = fileURLToPath(new URL("../scenarios", import.meta.url));

const loadStart = hr();
const registry = defaultRegistry();
const catalog = loadCatalog(dir, registry, root);
const loadMs = hr() - loadStart;
if (catalog.invalid.length > 0) {
  console.error(`the catalog has ${catalog.invalid.length} invalid file(s):\n${catalog.invalid.map((e) => e.message).join("\n")}`);
  process.exit(2);
}
const scenarios = catalog.scenarios;

// Baseline: every lab the run builds (the scenario's and its remedy's), built and seeded, no plan run.
const buildStart = hr();
for (const s of scenarios) {
  await prepareLab(s, registry);
  const remedied = remediedScenario(s);
  if (remedied) await prepareLab(remedied, registry);
}
const buildMs = hr() - buildStart;

interface Timed {
  readonly name: string;
  readonly product: string;
  readonly runs: number;
  readonly ms: number;
  readonly failed: number;
}

/** One pass over the catalog as runItems does it, each scenario (with its remedy) timed. */
async function runCatalog(): Promise<{ ms: number; timed: Timed[] }> {
  const timed: Timed[] = [];
  const start = hr();
  for (const s of scenarios) {
    const t0 = hr();
    const results = [await runScenario(s, { registry })];
    const remedied = remediedScenario(s);
    if (remedied) results.push(await runScenario(remedied, { registry, variant: "remedy" }));
    timed.push({ name: s.name, product: s.product, runs: results.length, ms: hr() - t0, failed: results.filter((r) => r.status !== "passed").length });
  }
  return { ms: hr() - start, timed };
}

const passes: { ms: number; timed: Timed[] }[] = [];
for (let i = 0; i < repeat; i++) passes.push(await runCatalog());
const first = passes[0]!;
const later = passes.slice(1).map((p) => p.ms).sort((a, b) => a - b);

/** `lab run` over the catalog as a user starts it, wall time. */
function timeLabRun(env: Record<string, string>): { ms: number; exitCode: number | null } {
  const out = mkdtempSync(join(tmpdir(), "lab-bench-"));
  try {
    const start = hr();
    const child = spawnSync(process.execPath, [join(root, "bin", "lab.js"), "run", "--out", out], { cwd: root, stdio: "ignore", env: { ...process.env, ...env } });
    return { ms: hr() - start, exitCode: child.status };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
// A first call builds the bundle if a source changed, so the timed one measures what users run.
if (opts.cli) spawnSync(process.execPath, [join(root, "bin", "lab.js"), "--version"], { cwd: root, stdio: "ignore" });
const cli = opts.cli ? { bundled: timeLabRun({}), tsx: timeLabRun({ LAB_NO_BUNDLE: "1" }) } : undefined;

const perProduct: Record<string, { scenarios: number; runs: number; ms: number }> = {};
for (const t of first.timed) {
  const p = (perProduct[t.product] ??= { scenarios: 0, runs: 0, ms: 0 });
  p.scenarios++;
  p.runs += t.runs;
  p.ms += t.ms;
}
const round = (ms: number): number => Math.round(ms);
const runs = first.timed.reduce((n, t) => n + t.runs, 0);
const target = 5000;
const figures = {
  scenarios: scenarios.length,
  runs,
  failedRuns: first.timed.reduce((n, t) => n + t.failed, 0),
  importMs: round(importMs),
  loadMs: round(loadMs),
  buildLabsMs: round(buildMs),
  runMs: round(first.ms),
  msPerRun: +(first.ms / runs).toFixed(1),
  ratio: { runOverBuild: +(first.ms / buildMs).toFixed(2), runOverLoad: +(first.ms / loadMs).toFixed(1) },
  ...(later.length > 0 ? { warmRuns: { bestMs: round(later[0]!), medianMs: round(later[Math.floor(later.length / 2)]!) } } : {}),
  target: { ms: target, met: importMs + loadMs + first.ms < target, measured: "import + load + run" },
  ...(cli ? { cli: { wallMs: round(cli.bundled.ms), exitCode: cli.bundled.exitCode, met: cli.bundled.ms < target, tsxWallMs: round(cli.tsx.ms), ratioToTsx: +(cli.bundled.ms / cli.tsx.ms).toFixed(2) } } : {}),
  perProduct: Object.fromEntries(Object.entries(perProduct).map(([k, v]) => [k, { ...v, ms: round(v.ms) }])),
  slowest: [...first.timed].sort((a, b) => b.ms - a.ms).slice(0, slowestCount).map((t) => ({ ...t, ms: round(t.ms) })),
  ...machine(),
};
process.exitCode = figures.failedRuns > 0 ? 1 : 0;

if (opts.json !== undefined) {
  writeJson(opts.json, figures);
} else {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  console.log(`catalog: ${figures.scenarios} scenarios, ${runs} runs with the remedies (${figures.failedRuns} not passed); load average ${figures.loadAverage.join(" ")}`);
  console.log(`  import the lab's modules   ${s(importMs)}`);
  console.log(`  load + validate (baseline) ${s(loadMs)}`);
  console.log(`  build every lab (baseline) ${s(buildMs)}   labs built, faults on, components seeded; no plan run`);
  console.log(`  run the catalog            ${s(first.ms)}   ${figures.msPerRun} ms a run; x${figures.ratio.runOverBuild} the build baseline${figures.warmRuns ? `; warm passes best ${s(figures.warmRuns.bestMs)}, median ${s(figures.warmRuns.medianMs)}` : ""}`);
  console.log(`  target                     import + load + run ${s(importMs + loadMs + first.ms)} < ${s(target)}: ${figures.target.met ? "met" : "NOT met"}`);
  if (figures.cli) {
    console.log(`  \`lab run\` end to end      ${s(figures.cli.wallMs)}   a child process: start, the bundled CLI, the run (exit ${figures.cli.exitCode}); < ${s(target)}: ${figures.cli.met ? "met" : "NOT met"}`);
    console.log(`  the same through tsx       ${s(figures.cli.tsxWallMs)}   baseline (LAB_NO_BUNDLE=1); bundled x${figures.cli.ratioToTsx}`);
  }
  console.log("  per product:");
  for (const [product, p] of Object.entries(figures.perProduct)) console.log(`    ${product.padEnd(26)} ${String(p.scenarios).padStart(3)} scenarios, ${String(p.runs).padStart(3)} runs, ${s(p.ms)}`);
  console.log(`  slowest ${figures.slowest.length}:`);
  for (const t of figures.slowest) console.log(`    ${String(t.ms).padStart(5)} ms  ${t.name} (${t.runs} run${t.runs === 1 ? "" : "s"})`);
}
