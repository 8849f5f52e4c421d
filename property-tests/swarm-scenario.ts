import type { ScenarioResult } from "../sim/scenario/index.ts";
import type { Finding } from "../sim/product/index.ts";
import { interleave } from "./interleave.ts";
import type { PropertyContext } from "./property-context.ts";
import type { RawStep } from "./plan-steps.ts";
import type { ProductFixture } from "./product-fixture.ts";
import { runRaw } from "./run-raw.ts";
import { rawScenario, type RawScenario } from "./raw-scenario.ts";
import { formatSwarmOptions, type SwarmOptions } from "./swarm-options.ts";

/** The scenario a swarm run executes: the estate's documented plan with the restarts and clock jumps put in, the faults on. */
export async function swarmScenario(o: SwarmOptions, fixtures: readonly ProductFixture<unknown>[], ctx: PropertyContext): Promise<RawScenario> {
  const fixture = fixtures.find((f) => f.product === o.product);
  if (!fixture) throw new Error(`no fixture for ${o.product}`);
  const base = rawScenario({ name: `${fixture.short}-swarm-${o.seed >>> 0}`, product: o.product, seed: o.labSeed, lab: fixture.lab(o.estate), plan: [] });
  const documented = await ctx.plans.plan(base);
  const extras = [
    ...o.restarts.map((r) => ({ at: r.at, item: { restart: { host: r.host } } as RawStep })),
    ...o.clockJumps.map((j) => ({ at: j.at, item: { advance: { minutes: j.minutes } } as RawStep })),
  ];
  return {
    ...base,
    description: `Swarm run: ${formatSwarmOptions(o)}`,
    ...(o.faults.length > 0 ? { faults: o.faults.map((f) => ({ name: f.name, params: { ...f.params } })) } : {}),
    plan: interleave(documented.steps, extras),
  };
}

/**
 * What must hold whatever the faults do (safety): no crash, every finding
 * explained (a known rule, a remedy, evidence in the trace), an estate that
 * does not end healthy says why, and the run replays from its seed to the
 * same trace.
 */
export async function swarmProblems(raw: RawScenario, ctx: PropertyContext): Promise<{ result: ScenarioResult; problems: string[] }> {
  const result = await runRaw(raw, ctx.registry, "swarm run");
  const problems: string[] = [];
  if (result.status === "error" && result.error.kind === "internal") problems.push(`internal error at step ${result.error.step}: ${result.error.message}\n${result.error.stack ?? ""}`);
  for (const f of result.findings) problems.push(...findingProblems(f, result.trace.length, ctx));
  const finalStep = result.steps.length + 1;
  const explained = result.findings.some((f) => f.severity === "broken" || f.severity === "blocked" || (f.severity === "warning" && f.step === finalStep));
  if (result.final !== undefined && result.final !== "healthy" && !explained) problems.push(`the estate ended ${result.final} and no finding says why`);
  const again = await runRaw(raw, ctx.registry, "swarm replay");
  if (again.traceHash !== result.traceHash) problems.push(`the same seed replayed to another trace (${result.traceHash.slice(0, 12)} then ${again.traceHash.slice(0, 12)})`);
  return { result, problems };
}

function findingProblems(f: Finding, traceLength: number, ctx: PropertyContext): string[] {
  const out: string[] = [];
  const where = `${f.rule} at step ${f.step}`;
  if (!ctx.registry.rule(f.rule)) out.push(`${where}: unknown rule`);
  if (f.severity !== "info" && f.remedy.trim().length === 0) out.push(`${where}: no remedy`);
  if (f.severity !== "info" && f.evidence.length === 0) out.push(`${where}: no evidence`);
  for (const id of f.evidence) if (id < 1 || id > traceLength) out.push(`${where}: evidence #${id} is not in the trace (${traceLength} events)`);
  return out;
}
