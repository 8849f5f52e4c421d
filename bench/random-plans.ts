/**
 * Random plans executed per second, as the property tests run them: a
 * 10-step plan on a 4-host lab (the documented upgrade with unrelated steps
 * interleaved by fast-check), each one validated, built and run by the lab's
 * own runner, final judgement included. Baselines measured in the same run:
 * building the lab alone (prepareLab: hosts, directory, certificates,
 * installed components) and an empty plan (build + the final judgement).
 * Target (issue 9): 1,000 random plans a second.
 *
 * Measured two ways: on one thread (runScenario in a loop), and on the
 * property pool (property-tests/property-pool.ts), the worker threads a deep
 * property run spreads its cases over, one lane per core (this thread is one
 * of them): the same plans, as cases of a property whose predicate runs each
 * and requires it healthy.
 * The pool's figure is what `npm run test:deep` gets; the one-thread figure
 * says what one plan costs.
 *
 *   npx tsx bench/random-plans.ts [--seconds 3] [--seed 1] [--threads N] [--json [file]]
 *
 * Two estates of 4 hosts and 10 steps: APR (DC01, APR01, WEB01, PC01: the
 * 3.22 to 3.23 upgrade, 6 documented steps + 4 unrelated) and SPS (DC01,
 * DC02, SYNC01, ADM01: the 4.1 to 7.2 upgrade, 10 documented steps, the
 * unrelated steps put in place of nothing). Besides plans a second, the
 * time of one plan is split into build, steps and final judgement (from a
 * run with the observed runner), which says what limits the rate.
 */
import { Command } from "commander";
import { availableParallelism } from "node:os";
import { machine, writeJson } from "./bench-output.ts";
import fc from "fast-check";
import { prepareLab, runScenario, validateScenario, type Scenario } from "../sim/scenario/index.ts";
import {
  PropertyPool,
  aprFixture,
  continueRun,
  healthyPlanCase,
  items,
  poolSize,
  propertyContext,
  rawScenario,
  spsFixture,
  stepsOf,
  unrelatedSteps,
  withUnrelated,
  type AprEstate,
  type ProductFixture,
  type SpsEstate,
} from "../property-tests/index.ts";

const hr = (): number => Number(process.hrtime.bigint()) / 1e6; // host-time-ok: a benchmark measures the host
const TARGET_PER_SECOND = 1_000;
const STEPS = 10;

const program = new Command("random-plans")
  .option("--seconds <n>", "seconds per measurement", "3")
  .option("--seed <n>", "fast-check seed of the random plans", "1")
  .option("--threads <n>", "lanes of the property pool to measure (default: LAB_POOL, or the machine's cores, at least 2; 0: none)")
  .option("--json [file]", "write the figures as JSON to stdout or a file")
  .parse();
const opts = program.opts<{ seconds: string; seed: string; threads?: string; json?: string | boolean }>();
const seconds = Number(opts.seconds);
const seed = Number(opts.seed);
// The pool is measured even where deep runs leave it off (fewer than POOL_MIN_CORES cores): its figure says why.
const threads = opts.threads !== undefined ? Number(opts.threads) : Math.max(2, poolSize());
if (!(seconds > 0) || !Number.isInteger(seed) || !Number.isInteger(threads) || threads < 0) {
  console.error("--seconds must be positive, --seed an integer and --threads a whole number");
  process.exit(2);
}

const ctx = propertyContext();
const APR: AprEstate = { from: "3.22", topology: "split", serverOs: "windows-server-2016", serverArch: "x64", webOs: "windows-server-2016", enrolled: 2, credentialKnown: true, dcs: 1 };
const SPS: SpsEstate = {
  from: "4.1", dcs: 2, dcOs: "windows-server-2019", syncOs: "windows-server-2019", syncJoined: true, syncDotnet: true,
  cert: "trusted", license: "server", admin: { os: "windows-10", gpmc: true, dotnet: true }, targets: ["cloud"],
};

interface Rate {
  readonly name: string;
  readonly runs: number;
  readonly perSecond: number;
  readonly msPerRun: number;
}

/**
 * Runs `once` for `seconds` and counts, after a warm-up of a third of that:
 * the first few hundred plans run while V8 is still compiling the lab's hot
 * paths (~30 % slower), and a deep property run is thousands of plans.
 */
async function measure(name: string, once: (i: number) => Promise<unknown>): Promise<Rate> {
  const warm = hr();
  for (let i = 0; i < 5 || hr() - warm < (seconds * 1000) / 3; i++) await once(i);
  let runs = 0;
  const start = hr();
  while (hr() - start < seconds * 1000) await once(runs++);
  const ms = hr() - start;
  return { name, runs, perSecond: (runs * 1000) / ms, msPerRun: ms / runs };
}

/** Random plans of exactly STEPS steps: the documented plan with unrelated steps interleaved (fast-check, from the seed). */
async function randomPlans<E>(fixture: ProductFixture<E>, estate: E, count: number): Promise<{ hosts: number; documented: number; scenarios: Scenario[]; empty: Scenario }> {
  const base = rawScenario({ name: `${fixture.short}-bench`, product: fixture.product, seed: 1, lab: fixture.lab(estate), plan: [] });
  const documented = await ctx.plans.plan(base);
  const extra = STEPS - documented.steps.length;
  const extras = fc.sample(unrelatedSteps({ maxAnywhere: extra, maxVerifications: 0 }).filter((u) => u.anywhere.length === extra), { seed, numRuns: count });
  const scenarios = extras.map((u, i) => validateScenario({ ...base, seed: i + 1, plan: stepsOf(withUnrelated(items(documented.steps), u, fixture.hosts(estate), [])) }, { registry: ctx.registry }));
  const lab = await prepareLab(scenarios[0]!, ctx.registry);
  return { hosts: lab.hosts().length, documented: documented.steps.length, scenarios, empty: validateScenario({ ...base, plan: [] }, { registry: ctx.registry }) };
}

/**
 * Plans a second on the property pool: the plans as cases of a property
 * (fast-check draws them from the prepared set), evaluated by the pool's
 * threads until `seconds` worth have run. A first run starts the threads
 * and loads the lab in each, so the measured run is warm, as in a deep run's
 * later properties.
 */
async function measurePool(name: string, pool: PropertyPool, plans: readonly Scenario[], estimate: Rate): Promise<Rate> {
  const job = { module: new URL("../property-tests/healthy-plan-case.ts", import.meta.url).href, export: "healthyPlanCase", args: [] };
  const cases = fc.constantFrom(...plans);
  const local = healthyPlanCase(ctx);
  const check = async (runs: number, from: number): Promise<void> => {
    const verdict = await pool.run(cases, job, from, runs, local);
    if (verdict.kind !== "passed") throw new Error(`${name}: a plan did not end healthy on the pool: ${JSON.stringify(verdict)}`);
  };
  // Warm, as measure() is: the threads start, load the lab and compile its hot paths.
  await check(Math.max(pool.size * 20, Math.round((estimate.perSecond * pool.size * seconds) / 3)), seed);
  const runs = Math.max(pool.size * 50, Math.round(estimate.perSecond * pool.size * seconds));
  const start = hr();
  await check(runs, seed + 1);
  const ms = hr() - start;
  return { name, runs, perSecond: (runs * 1000) / ms, msPerRun: ms / runs };
}

interface Breakdown {
  readonly buildMs: number;
  readonly stepsMs: number;
  readonly finalMs: number;
  /** Per verb: ms per plan, summed over the plan's steps of that verb. */
  readonly verbsMs: Readonly<Record<string, number>>;
  /** What one plan does, from its trace (per plan, averaged): events recorded, and what crossed the simulated network. */
  readonly work: { readonly traceEvents: number; readonly streamRequests: number; readonly datagrams: number };
}

/** Where one plan's time goes: building the lab, each step (by verb), the final judgement; averaged over `plans`. */
async function breakdown(plans: readonly Scenario[]): Promise<Breakdown> {
  let build = 0;
  let final = 0;
  let events = 0;
  let requests = 0;
  let datagrams = 0;
  const verbs: Record<string, number> = {};
  for (const scenario of plans) {
    const product = ctx.registry.product(scenario.product)!;
    const t0 = hr();
    const lab = await prepareLab(scenario, ctx.registry);
    build += hr() - t0;
    let done = 0;
    for (const step of scenario.plan) {
      const t = hr();
      await continueRun(lab, product, [step], { registry: ctx.registry, skipFinal: true }, undefined, done++);
      verbs[step.verb] = (verbs[step.verb] ?? 0) + hr() - t;
    }
    const t1 = hr();
    await product.judgeFinal({ lab, step: done + 1, product, traceMark: lab.trace.length, raise: () => undefined, checked: () => undefined });
    final += hr() - t1;
    events += lab.trace.length;
    for (const e of lab.trace.events) {
      if (e.kind !== "net.deliver") continue;
      if (e.data.protocol === "udp") datagrams++;
      else if (e.data.segment === "request") requests++;
    }
  }
  const per = (n: number) => n / plans.length;
  const verbsMs = Object.fromEntries(Object.entries(verbs).sort((a, b) => b[1] - a[1]).map(([v, ms]) => [v, per(ms)]));
  return {
    buildMs: per(build),
    stepsMs: per(Object.values(verbs).reduce((a, b) => a + b, 0)),
    finalMs: per(final),
    verbsMs,
    work: { traceEvents: per(events), streamRequests: per(requests), datagrams: per(datagrams) },
  };
}

const pool = threads >= 2 ? new PropertyPool(threads) : undefined;
const results = [];
for (const [fixture, estate] of [[aprFixture, APR], [spsFixture, SPS]] as const) {
  const plans = await randomPlans(fixture as ProductFixture<unknown>, estate, 64);
  const build = await measure(`${fixture.short}: build the lab alone`, () => prepareLab(plans.empty, ctx.registry));
  const empty = await measure(`${fixture.short}: empty plan (build + final judgement)`, () => runScenario(plans.empty, { registry: ctx.registry }));
  const random = await measure(`${fixture.short}: random ${STEPS}-step plan, one thread`, (i) => runScenario(plans.scenarios[i % plans.scenarios.length]!, { registry: ctx.registry }));
  const pooled = pool ? await measurePool(`${fixture.short}: random ${STEPS}-step plan, property pool (${pool.size} threads)`, pool, plans.scenarios, random) : undefined;
  const split = await breakdown(plans.scenarios);
  results.push({
    product: fixture.product,
    hosts: plans.hosts,
    steps: STEPS,
    documentedSteps: plans.documented,
    rates: [build, empty, random, ...(pooled ? [pooled] : [])],
    oneThreadPlansPerSecond: random.perSecond,
    ...(pooled ? { poolThreads: pool!.size, poolPlansPerSecond: pooled.perSecond, poolSpeedup: pooled.perSecond / random.perSecond } : {}),
    // The property tests' rate: the pool's where a deep run uses it (POOL_MIN_CORES or LAB_POOL), else one thread's.
    randomPlansPerSecond: pooled && poolSize() >= 2 ? pooled.perSecond : random.perSecond,
    ratioToBuild: random.msPerRun / build.msPerRun,
    ratioToEmptyPlan: random.msPerRun / empty.msPerRun,
    breakdownMs: split,
  });
}

await pool?.close();

const report = {
  bench: "random-plans",
  seconds,
  seed,
  ...machine(),
  targetPerSecond: TARGET_PER_SECOND,
  results,
  limits: results.map((r) => limitsOf(r.product, r.breakdownMs)),
};

/**
 * What limits the rate, from the measured split: the phases by share, the
 * costliest verbs, and the work behind them. No single piece of code
 * dominates (profiles are flat): a plan's time is its lab being built (hosts,
 * directory, IIS, the installed product) and the end-to-end checks a
 * verification and the final judgement run, each one a browser page over
 * the simulated network through IIS to the product's server and the
 * directory, leaving its trace. The rate follows the number of such checks.
 */
function limitsOf(product: string, b: Breakdown): string {
  const total = b.buildMs + b.stepsMs + b.finalMs;
  const share = (ms: number) => `${((ms / total) * 100).toFixed(0)}%`;
  const verbs = Object.entries(b.verbsMs).slice(0, 3).map(([v, ms]) => `${v} ${ms.toFixed(1)} ms`).join(", ");
  return (
    `${product}: ${total.toFixed(1)} ms a plan = lab build ${share(b.buildMs)} (${b.buildMs.toFixed(1)} ms), steps ${share(b.stepsMs)} (${verbs}), final judgement ${share(b.finalMs)}; ` +
    `a plan makes ${b.work.streamRequests.toFixed(0)} TCP requests and ${b.work.datagrams.toFixed(0)} datagrams on the simulated network and records ${b.work.traceEvents.toFixed(0)} trace events`
  );
}

if (opts.json !== undefined) {
  writeJson(opts.json, report);
} else {
  for (const r of results) {
    console.log(`${r.product}: ${r.hosts} hosts, ${r.steps}-step plans (${r.documentedSteps} documented + ${r.steps - r.documentedSteps} unrelated)`);
    for (const rate of r.rates) console.log(`  ${rate.name.padEnd(46)} ${rate.perSecond.toFixed(1).padStart(8)}/s  ${rate.msPerRun.toFixed(2).padStart(8)} ms  (${rate.runs} runs)`);
    console.log(`  one random plan = ${r.ratioToBuild.toFixed(2)}x a lab build, ${r.ratioToEmptyPlan.toFixed(2)}x an empty plan`);
    if (r.poolSpeedup !== undefined) console.log(`  property pool: ${r.poolThreads} threads, x${r.poolSpeedup.toFixed(2)} one thread${poolSize() >= 2 ? "" : ` (deep runs leave it off on this ${availableParallelism()}-core machine)`}`);
    console.log(`  where its time goes: ${limitsOf(r.product, r.breakdownMs)}`);
    console.log(`  target ${TARGET_PER_SECOND}/s: ${r.randomPlansPerSecond >= TARGET_PER_SECOND ? "met" : `not met (${((r.randomPlansPerSecond / TARGET_PER_SECOND) * 100).toFixed(1)}% of it)`}`);
  }

}
