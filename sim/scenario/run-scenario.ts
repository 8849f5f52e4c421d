import { isLabError, redactSecrets, traceHash, withLazy, type TraceEvent } from "../kernel/index.ts";
import { snapshotEstate } from "../estate/index.ts";
import { Lab } from "../lab.ts";
import type { LabSpec } from "../lab-spec.ts";
import type { FinalState, FindingInput, ProductModule, StepContext } from "../product/index.ts";
import { FindingCollector } from "./finding-collector.ts";
import { judge } from "./judge.ts";
import type { ProductRegistry } from "./product-registry.ts";
import { replayCommand } from "./replay-command.ts";
import type { Scenario, ScenarioVariant } from "./scenario.ts";
import type { RunError, ScenarioResult, StepRecord, Verdict } from "./scenario-result.ts";
import { summariseEvents } from "./step-summary.ts";

export interface RunOptions {
  readonly registry: ProductRegistry;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly variant?: ScenarioVariant;
}

/**
 * Runs one scenario: builds the lab, turns the faults on, seeds what is
 * installed, runs each step through its verb, runs the final checks, and
 * judges. Never throws for what a scenario does: a LabError is an error
 * result (with a finding when it names a rule), anything else an internal
 * error with its stack.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const { registry } = options;
  const seed = options.seed ?? scenario.seed;
  const product = registry.product(scenario.product);
  if (!product) throw new Error(`runScenario: product "${scenario.product}" is not in the registry (validate the scenario first)`);
  const collector = new FindingCollector(product);
  const steps: StepRecord[] = [];
  let lab: Lab | undefined;
  let final: FinalState | undefined;
  let current = 0;
  let error: RunError | undefined;
  let before: LabSpec | undefined;

  const context = (step: number, traceMark: number): StepContext => ({
    lab: lab!,
    step,
    product,
    traceMark,
    // Methods rather than arrow properties: tsx names every such arrow (a defineProperty each) at every step.
    raise(input: FindingInput) {
      collector.raise(step, input, fallbackEvidence(lab!.trace.since(traceMark)));
    },
    checked(ruleId: string) {
      collector.checked(ruleId);
    },
  });

  try {
    lab = await prepareLab(scenario, registry, seed);
    before = snapshotEstate(lab);

    const verbs = registry.verbsFor(product);
    for (const [i, step] of scenario.plan.entries()) {
      current = i + 1;
      // One redacted copy for the trace marker and the step record: nothing changes either after the step.
      const args = redactSecrets(step.args);
      const marker = lab.trace.recordOwn({ host: "lab", component: "scenario", kind: "scenario.step", data: { step: current, verb: step.verb, args } });
      const verb = verbs.get(step.verb);
      if (!verb) throw new Error(`verb "${step.verb}" is not known to ${product.id} (validate the scenario first)`);
      try {
        await verb.run(context(current, marker.id), step.args);
      } finally {
        steps.push(stepRecord(current, step, args, marker.id, lab.trace.events));
      }
    }
    current = scenario.plan.length + 1;
    const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.final", data: { step: current } });
    final = await product.judgeFinal(context(current, marker.id));
  } catch (thrown) {
    error = toRunError(thrown, current);
    if (isLabError(thrown) && thrown.ruleId && collector.has(thrown.ruleId)) {
      collector.raise(current, { rule: thrown.ruleId, message: thrown.message, ...(thrown.remedy ? { remedy: thrown.remedy } : {}) }, lab ? fallbackEvidence(lab.trace.events) : []);
    }
  }

  const outcome = error ? { status: "error" as const, error } : outcomeOf(judge(scenario.expect, collector.findings, final, scenario.plan.length));
  // The trace as the run left it: the hash, computed later, must not see an event recorded after this.
  const events = lab?.trace.events.slice();
  let hash: string | undefined;
  const result = {
    scenario: {
      name: scenario.name,
      product: scenario.product,
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      ...(scenario.file !== undefined ? { file: scenario.file } : {}),
    },
    variant: options.variant ?? "plan",
    seed,
    replay: replayCommand(scenario, seed),
  };
  // Hashing the whole trace costs as much as a good part of the run, and most callers (property runs) never read it:
  // computed on first read, from the events alone so the result does not keep its lab alive.
  return Object.assign(withLazy(result, "traceHash", () => (hash ??= events ? traceHash(events) : "")), {
    lab: scenario.lab,
    faults: lab?.faults.active() ?? scenario.faults,
    expect: scenario.expect,
    steps,
    findings: [...collector.findings],
    ...(final !== undefined ? { final } : {}),
    coverage: collector.coverage(),
    ...(lab && before ? { estate: { before, after: snapshotEstate(lab) } } : {}),
    trace: events ?? [],
    ...outcome,
  });
}

function outcomeOf(verdict: Verdict): { status: "passed"; verdict: Verdict } | { status: "failed"; verdict: Verdict } {
  return verdict.ok ? { status: "passed", verdict } : { status: "failed", verdict };
}

/** The lab a scenario starts from: built, faults on, installed components seeded (what `lab plan` plans against). */
export async function prepareLab(scenario: Scenario, registry: ProductRegistry, seed: number = scenario.seed, options: { readonly epochMs?: number } = {}): Promise<Lab> {
  const product = registry.product(scenario.product);
  if (!product) throw new Error(`prepareLab: product "${scenario.product}" is not in the registry (validate the scenario first)`);
  const lab = await Lab.build(scenario.lab, { seed, faultCatalog: registry.faultCatalog, ...(options.epochMs !== undefined ? { epochMs: options.epochMs } : {}) });
  for (const fault of scenario.faults) lab.faults.activate(fault.name, { ...fault.params });
  await product.applyFaults?.(lab);
  await seedInstalled(lab, scenario, registry);
  return lab;
}

async function seedInstalled(lab: Lab, scenario: Scenario, registry: ProductRegistry): Promise<void> {
  for (const host of scenario.lab.hosts) {
    for (const [id, entry] of Object.entries(host.installed ?? {})) {
      const owner = registry.component(id);
      if (!owner) throw new Error(`component "${id}" has no owner in the registry (validate the scenario first)`);
      const { version, ...options } = typeof entry === "string" ? { version: entry } : entry;
      await (owner.product as ProductModule).seedInstalled(lab, host.name, id, version, options);
    }
  }
}

function stepRecord(index: number, step: Scenario["plan"][number], args: Scenario["plan"][number]["args"], from: number, events: readonly TraceEvent[]): StepRecord {
  const to = events.length;
  let summary: readonly string[] | undefined;
  const record = {
    index,
    verb: step.verb,
    // What the operator typed, minus the secrets: the record feeds every report.
    args,
    ...(step.note !== undefined ? { note: step.note } : {}),
    trace: { from, to },
  };
  // Only reports read it; the trace only grows, so its (from, to] slice is the same when read later.
  return withLazy(record, "summary", () => (summary ??= summariseEvents(events.slice(from, to))));
}

/** Without evidence from the product, the latest event of the step is the likeliest witness. */
function fallbackEvidence(events: readonly TraceEvent[]): number[] {
  const last = events.at(-1);
  return last ? [last.id] : [];
}

function toRunError(thrown: unknown, step: number): RunError {
  if (isLabError(thrown)) {
    return {
      kind: "lab",
      code: thrown.code,
      message: thrown.message,
      step,
      ...(thrown.ruleId ? { ruleId: thrown.ruleId } : {}),
      ...(thrown.remedy ? { remedy: thrown.remedy } : {}),
    };
  }
  const e = thrown instanceof Error ? thrown : new Error(String(thrown));
  return { kind: "internal", code: "INTERNAL", message: e.message, step, ...(e.stack ? { stack: e.stack } : {}) };
}
