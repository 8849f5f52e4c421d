/**
 * The deep directory comparison (issue 11): every scripted parity case, then
 * random operation sequences (fast-check), run against the in-memory
 * directory and a throwaway Samba AD DC; prints a table of operations ×
 * outcome agreement and every difference that is not a documented one
 * (sim/ad-samba/KNOWN-DIFFERENCES.md).
 *
 *   npx tsx bench/parity.ts [--runs 200] [--steps 30] [--expiry-runs 10] [--seed n] [--json [file]]
 *
 * Exit codes: 0 all agree, 1 a difference, 2 no Samba (or bad options).
 * LAB_SAMBA_BACKEND=host|container|auto chooses where the DC comes from.
 */
import { machine, writeJson } from "./bench-output.ts";
import { Command } from "commander";
import fc from "fast-check";
import {
  PARITY_CASES,
  ParityHarness,
  chooseSambaBackend,
  formatParityTable,
  parityProblems,
  randomParityCase,
  startSambaDc,
  tallyParity,
  type ParityCaseReport,
} from "../sim/ad-samba/index.ts";
import { isLabError } from "../sim/kernel/index.ts";

const program = new Command("parity")
  .option("--runs <n>", "random sequences without waiting", "200")
  .option("--steps <n>", "most steps in a random sequence", "30")
  .option("--expiry-runs <n>", "random sequences that wait out a 5 s lockout (6.5 s per wait)", "10")
  .option("--seed <n>", "fast-check seed (random if absent)")
  .option("--json [file]", "write the reports as JSON to stdout or a file")
  .parse();
const opts = program.opts<{ runs: string; steps: string; expiryRuns: string; seed?: string; json?: string | boolean }>();
const runs = Number(opts.runs);
const steps = Number(opts.steps);
const expiryRuns = Number(opts.expiryRuns);
// A random seed is printed, so a run with a difference can be replayed with --seed.
const seed = opts.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(opts.seed); // host-time-ok: a fresh seed, logged
if (![runs, steps, expiryRuns, seed].every(Number.isInteger) || runs < 0 || steps < 1 || expiryRuns < 0) {
  console.error("--runs, --expiry-runs must be integers >= 0, --steps >= 1, --seed an integer");
  process.exit(2);
}

const choice = await chooseSambaBackend();
if (choice.kind === "none") {
  console.error(`parity: ${choice.reason}`);
  process.exit(2);
}
console.log(`parity: seed=${seed} runs=${runs} steps<=${steps} expiry-runs=${expiryRuns} backend=${choice.kind}`);
if (!choice.container.available) console.log(`parity: container path skipped: ${choice.container.reason}`);

const started = Date.now(); // host-time-ok: a benchmark reports wall time
const dc = await startSambaDc(choice);
const reports: ParityCaseReport[] = [];
let exitCode = 0;
try {
  console.log(`parity: DC up at ${dc.endpoint.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`); // host-time-ok
  const harness = await ParityHarness.open(dc);
  try {
    for (const parityCase of PARITY_CASES) reports.push(await harness.run(parityCase));
    const random = fc.sample(randomParityCase({ maxSteps: steps, withElapse: false }), { numRuns: runs, seed });
    const expiry = fc.sample(randomParityCase({ maxSteps: 8, withElapse: true }), { numRuns: expiryRuns, seed: seed + 1 });
    for (const [i, parityCase] of [...random, ...expiry].entries()) {
      reports.push(await harness.run({ ...parityCase, id: `random-${i}` }));
      if ((i + 1) % 50 === 0) console.log(`parity: ${i + 1} random sequences`);
    }
  } finally {
    await harness.close();
  }
} catch (error) {
  console.error(isLabError(error) ? `parity: ${error.code}: ${error.message}` : error);
  exitCode = 2;
} finally {
  await dc.stop();
}

const tallies = tallyParity(reports);
console.log(`\n${formatParityTable(tallies)}\n`);
const problems = reports.flatMap(parityProblems);
// A sequence diverges after its first difference: its first problem is the one to read.
const firstPerReport = reports.filter((r) => !r.passed).map((r) => parityProblems(r)[0]!);
console.log(`parity: ${reports.length} cases and sequences, ${reports.filter((r) => r.passed).length} agree; ${problems.length} problems in ${firstPerReport.length}`);
for (const line of firstPerReport.slice(0, 20)) console.log(`  ${line}`);
console.log(`parity: ${((Date.now() - started) / 1000).toFixed(1)} s in all`); // host-time-ok

if (opts.json !== undefined) {
  writeJson(opts.json, { seed, runs, steps, expiryRuns, backend: choice.kind, tallies: tallies.map((t) => ({ ...t, outcomes: Object.fromEntries(t.outcomes) })), reports, ...machine() });
}
process.exit(exitCode !== 0 ? exitCode : firstPerReport.length > 0 ? 1 : 0);
