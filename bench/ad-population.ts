/**
 * How long a populated domain takes to build and how much memory it holds,
 * against a baseline measured in the same run: the same number of plain
 * objects with the same fields. Budget from the issue: 100,000 users in
 * under 2 s and under 300 MB.
 *
 *   node --expose-gc --import tsx bench/ad-population.ts [--users 100000] [--seed 1] [--json [file]]
 *
 * Without --expose-gc the memory figures include garbage not yet collected.
 */
import { machine, writeJson } from "./bench-output.ts";
import { performance } from "node:perf_hooks";
import { Command } from "commander";
import { Directory } from "../sim/ad/index.ts";
import { createContext } from "../sim/kernel/index.ts";

interface Sample {
  readonly ms: number;
  readonly heapMb: number;
  readonly rssMb: number;
}

const program = new Command("ad-population")
  .option("--users <n>", "users to generate", "100000")
  .option("--seed <n>", "lab seed", "1")
  .option("--json [file]", "write the figures as JSON to stdout or a file")
  .parse();
const opts = program.opts<{ users: string; seed: string; json?: string | boolean }>();
const users = Number(opts.users);
const seed = Number(opts.seed);
if (!Number.isInteger(users) || users < 1 || !Number.isInteger(seed)) {
  console.error("--users must be a positive integer and --seed an integer");
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;

function measure(build: () => unknown): { sample: Sample; keep: unknown } {
  gc?.();
  const before = process.memoryUsage();
  const start = performance.now(); // host-time-ok: a benchmark measures the host
  const keep = build();
  const ms = performance.now() - start; // host-time-ok
  gc?.();
  const after = process.memoryUsage();
  return { sample: { ms, heapMb: (after.heapUsed - before.heapUsed) / 2 ** 20, rssMb: (after.rss - before.rss) / 2 ** 20 }, keep };
}

/** The same fields as a populated user, as plain objects with cheap strings. */
function baseline(n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const sam = `given${i}.surname${i % 997}`;
    out.push({ givenName: `Given${i}`, surname: `Surname${i % 997}`, displayName: `Given${i} Surname${i % 997}`, sam, upn: `${sam}@corp.example`, mobile: `+1555${String(i).padStart(7, "0")}`, department: `Dept${i % 10}` });
  }
  return out;
}

const base = measure(() => baseline(users));
const dir = measure(() => {
  const directory = new Directory(createContext(seed), { dnsName: "corp.example" });
  directory.populate({ users, initialPassword: "Welcome-2026!" });
  return directory;
});
if ((dir.keep as Directory).userCount !== users + 1) throw new Error("population size is off");

const budget = { ms: 2000, mb: 300 };
const memoryMb = Math.max(dir.sample.heapMb, dir.sample.rssMb);
const figures = {
  users,
  seed,
  gcExposed: gc !== undefined,
  directory: round(dir.sample),
  baseline: round(base.sample),
  ratio: { time: +(dir.sample.ms / base.sample.ms).toFixed(1), heap: +(dir.sample.heapMb / Math.max(base.sample.heapMb, 0.001)).toFixed(1) },
  budget,
  withinBudget: dir.sample.ms < budget.ms && memoryMb < budget.mb,
  ...machine(),
};

if (opts.json !== undefined) {
  writeJson(opts.json, figures);
} else {
  console.log(`AD population: ${users} users, seed ${seed}${gc ? "" : " (run with --expose-gc for exact memory)"}`);
  console.log(`  directory  ${fmt(dir.sample)}`);
  console.log(`  baseline   ${fmt(base.sample)}  (plain objects, same fields)`);
  console.log(`  ratio      time x${figures.ratio.time}, heap x${figures.ratio.heap}`);
  console.log(`  budget     < ${budget.ms} ms and < ${budget.mb} MB: ${figures.withinBudget ? "met" : "MISSED"}`);
}
process.exitCode = figures.withinBudget ? 0 : 1;

function round(s: Sample): Sample {
  return { ms: Math.round(s.ms), heapMb: +s.heapMb.toFixed(1), rssMb: +s.rssMb.toFixed(1) };
}

function fmt(s: Sample): string {
  return `${Math.round(s.ms)} ms, heap +${s.heapMb.toFixed(1)} MB, RSS +${s.rssMb.toFixed(1)} MB`;
}
