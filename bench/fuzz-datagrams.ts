/**
 * The APR datagram fuzzer at scale: a million generated datagrams (random
 * bytes, truncations, bit flips, wrong keys, wrong versions, wrong kinds,
 * forged request ids, stale and oversized datagrams, authentic garbage,
 * replays, service restarts) against the APR Server's handler, unchanged.
 *
 *   npx tsx bench/fuzz-datagrams.ts [--iterations 1000000] [--seed 1] [--workers 2] [--json [file]]
 *
 * Prints crashes (must be 0), refusals by reason, what was accepted (must be
 * exactly the well-formed requests), replays, and whether any refused input
 * changed the server's state (must not). Each worker process fuzzes its own
 * share from a seed derived from --seed and its index, so a run replays.
 * Exit code 1 when a must-be-zero figure is not. `npm test` runs a sample
 * (sim/products/apr/fuzz-datagrams.test.ts).
 */
import { fork } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { machine, writeJson } from "./bench-output.ts";
import { deriveSeed } from "../sim/kernel/index.ts";
import { FUZZ_CLASSES, runDatagramFuzz, type FuzzReport } from "../sim/products/apr/index.ts";

const hr = (): number => Number(process.hrtime.bigint()) / 1e6; // host-time-ok: a benchmark measures the host

const workerAt = process.argv.indexOf("--fuzz-worker");
if (workerAt >= 0) {
  const [seed, iterations] = process.argv.slice(workerAt + 1, workerAt + 3).map(Number) as [number, number];
  process.send!(runDatagramFuzz({ seed, iterations }), () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
  const program = new Command("fuzz-datagrams")
    .option("--iterations <n>", "datagrams to generate", "1000000")
    .option("--seed <n>", "seed of the run", "1")
    .option("--workers <n>", "processes to split the run over", String(Math.min(2, cpus().length)))
    .option("--json [file]", "write the figures as JSON to stdout or a file")
    .parse();
  const opts = program.opts<{ iterations: string; seed: string; workers: string; json?: string | boolean }>();
  const iterations = Number(opts.iterations);
  const seed = Number(opts.seed);
  const workers = Number(opts.workers);
  if (!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(seed) || !Number.isInteger(workers) || workers < 1) {
    console.error("--iterations and --workers must be positive integers, --seed an integer");
    process.exit(2);
  }

  const started = hr();
  const shares = Array.from({ length: workers }, (_, k) => Math.floor(iterations / workers) + (k < iterations % workers ? 1 : 0));
  const reports = await Promise.all(shares.map((share, k) => (workers === 1 ? Promise.resolve(runDatagramFuzz({ seed, iterations: share })) : runWorker(deriveSeed(seed, `fuzz-worker/${k}`), share))));
  const seconds = (hr() - started) / 1000;
  const total = merge(reports);

  const refused = Object.values(total.rejected).reduce((a, b) => a + b, 0);
  const figures = {
    iterations,
    seed,
    workers,
    seconds: +seconds.toFixed(2),
    inputsPerSecond: Math.round(iterations / seconds),
    crashes: total.crashes,
    accepted: total.accepted,
    wellFormed: total.inputs["well-formed"],
    acceptedMalformed: total.acceptedMalformed,
    wellFormedRefused: total.wellFormedRefused,
    rejected: total.rejected,
    refused,
    replays: { answeredFromCache: total.duplicates, withAnotherReply: total.duplicatesWithOtherReply, refusedStale: total.outcomes.replay.stale ?? 0, refusedInReplayWindow: total.outcomes.replay["replay-window"] ?? 0 },
    restarts: total.restarts,
    stateChangedByRejected: total.stateChangedByRejected,
    fullStateChecks: total.fullStateChecks,
    inputs: total.inputs,
    outcomes: total.outcomes,
    findings: total.findings,
    findingCount: total.findingCount,
    ok: total.crashes === 0 && total.acceptedMalformed === 0 && total.wellFormedRefused === 0 && total.duplicatesWithOtherReply === 0 && total.stateChangedByRejected === 0 && total.findingCount === 0,
    ...machine(),
  };
  process.exitCode = figures.ok ? 0 : 1;

  if (opts.json !== undefined) {
    writeJson(opts.json, figures);
    return;
  }
  const n = (x: number): string => x.toLocaleString("en");
  const pad = (s: string, w: number): string => s.padStart(w);
  console.log(`APR datagram fuzzer: ${n(iterations)} datagrams, seed ${seed}, ${workers} worker${workers === 1 ? "" : "s"}, ${seconds.toFixed(1)} s (${n(figures.inputsPerSecond)}/s)`);
  console.log(`  crashes                 ${pad(n(total.crashes), 10)}   must be 0`);
  console.log(`  accepted                ${pad(n(total.accepted), 10)}   well-formed sent ${n(figures.wellFormed)}; accepted but malformed ${n(total.acceptedMalformed)}, well-formed refused ${n(total.wellFormedRefused)} (both must be 0)`);
  console.log(`  refused                 ${pad(n(refused), 10)}   by reason:`);
  for (const [reason, count] of Object.entries(total.rejected)) console.log(`    ${reason.padEnd(22)}${pad(n(count), 10)}`);
  console.log(`  replays                 ${pad(n(total.inputs.replay), 10)}   answered from the cache ${n(total.duplicates)} (other reply: ${n(total.duplicatesWithOtherReply)}, must be 0), stale ${n(figures.replays.refusedStale)}, in the replay window after ${n(total.restarts)} restarts ${n(figures.replays.refusedInReplayWindow)}`);
  console.log(`  state changed by refused input ${pad(n(total.stateChangedByRejected), 3)}   must be 0 (fingerprint around every refused input, whole database and directory around ${n(total.fullStateChecks)})`);
  console.log("  by class:");
  for (const kind of FUZZ_CLASSES) {
    const outcomes = Object.entries(total.outcomes[kind]).sort((a, b) => b[1] - a[1]).map(([o, c]) => `${o} ${n(c)}`).join(", ");
    console.log(`    ${kind.padEnd(20)}${pad(n(total.inputs[kind]), 10)}   ${outcomes}`);
  }
  for (const f of total.findings) console.log(`  FINDING at ${f.iteration} (${f.kind} -> ${f.outcome}): ${f.problem}\n    ${f.payloadHex}`);
  console.log(figures.ok ? "verdict: every check held" : `verdict: ${total.findingCount} finding(s)`);
}

function runWorker(seed: number, iterations: number): Promise<FuzzReport> {
  const child = fork(fileURLToPath(import.meta.url), ["--fuzz-worker", String(seed), String(iterations)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (report) => resolve(report as FuzzReport));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`fuzz worker exited with ${code}`))));
  });
}

/** The workers' reports as one: counts add up, findings are kept (up to 20). */
function merge(reports: readonly FuzzReport[]): FuzzReport {
  const sum = (pick: (r: FuzzReport) => number): number => reports.reduce((n, r) => n + pick(r), 0);
  const addRecords = <K extends string>(records: readonly Partial<Record<K, number>>[]): Record<K, number> => {
    const out = {} as Record<K, number>;
    for (const record of records) for (const [k, v] of Object.entries(record) as [K, number][]) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const first = reports[0]!;
  return {
    seed: first.seed,
    iterations: sum((r) => r.iterations),
    inputs: addRecords(reports.map((r) => r.inputs)),
    outcomes: Object.fromEntries(FUZZ_CLASSES.map((k) => [k, addRecords(reports.map((r) => r.outcomes[k]))])) as FuzzReport["outcomes"],
    crashes: sum((r) => r.crashes),
    rejected: addRecords(reports.map((r) => r.rejected)),
    restarts: sum((r) => r.restarts),
    accepted: sum((r) => r.accepted),
    acceptedMalformed: sum((r) => r.acceptedMalformed),
    wellFormedRefused: sum((r) => r.wellFormedRefused),
    duplicates: sum((r) => r.duplicates),
    duplicatesWithOtherReply: sum((r) => r.duplicatesWithOtherReply),
    stateChangedByRejected: sum((r) => r.stateChangedByRejected),
    fullStateChecks: sum((r) => r.fullStateChecks),
    findings: reports.flatMap((r) => r.findings).slice(0, 20),
    findingCount: sum((r) => r.findingCount),
  };
}
