import { validateScenario } from "../sim/scenario/index.ts";
import { continueRun, judgeNow, runObserved } from "./observed-run.ts";
import { toRawStep, type RawStep } from "./plan-steps.ts";
import type { PropertyContext } from "./property-context.ts";
import type { RawScenario } from "./raw-scenario.ts";

/** How long, at most, an estate may take to recover once the faults are gone (lab time). */
export const LIVENESS_BOUND_MS = 30 * 60_000;
const LIVENESS_POLL_MS = 5 * 60_000;

/**
 * Liveness: after the faulty phase (the swarm plan, faults on), the faults
 * are removed and the remedies applied (`lab plan` on the estate as it is,
 * run), and the estate must be healthy within LIVENESS_BOUND_MS of lab time,
 * judged every few minutes. Returns what went wrong, or the time it took.
 */
export async function convergesAfterFaults(raw: RawScenario, ctx: PropertyContext): Promise<{ problem?: string; recoveredInMs?: number }> {
  const scenario = validateScenario(raw, { registry: ctx.registry });
  const faulty = await runObserved(scenario, { registry: ctx.registry, skipFinal: true });
  if (faulty.error?.kind === "internal") return { problem: `internal error in the faulty phase: ${faulty.error.message}` };
  const { lab, product } = faulty;
  lab.faults.clear();
  const start = lab.clock.now();
  const remedy = await product.planUpgrade!(lab);
  if (remedy.blockers.length > 0) return { problem: `once the faults are gone, \`lab plan\` is blocked: ${remedy.blockers.map((b) => b.rule).join(", ")}` };
  const steps = validateScenario({ ...raw, faults: [], plan: remedy.steps.map((s) => asRaw(s as Record<string, unknown>)) }, { registry: ctx.registry }).plan;
  const fixed = await continueRun(lab, product, steps, { registry: ctx.registry, skipFinal: true }, faulty.collector, faulty.steps);
  if (fixed.error?.kind === "internal") return { problem: `internal error while applying the remedies: ${fixed.error.message}` };
  let step = fixed.steps;
  const seen: string[] = [];
  while (lab.clock.now() - start <= LIVENESS_BOUND_MS) {
    const judged = await judgeNow(lab, product, ++step);
    if (judged.final === "healthy") return { recoveredInMs: lab.clock.now() - start };
    seen.push(`${judged.final} at +${Math.round((lab.clock.now() - start) / 1000)} s (${judged.findings.filter((f) => f.severity !== "info").map((f) => f.rule).join(", ") || "no finding"})`);
    lab.clock.advance(LIVENESS_POLL_MS);
  }
  return { problem: `not healthy within ${LIVENESS_BOUND_MS / 60_000} min of lab time after the faults were removed: ${seen.join("; ")}` };
}

function asRaw(step: Record<string, unknown>): RawStep {
  if (typeof step["verb"] === "string" && "args" in step) return toRawStep({ verb: step["verb"], args: step["args"] });
  const { note: _note, ...rest } = step;
  return rest;
}
