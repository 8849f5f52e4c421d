import { redactSecrets } from "../../sim/kernel/index.ts";
import type { Lab } from "../../sim/lab.ts";
import type { FinalState, Finding, StepContext } from "../../sim/product/index.ts";
import { FindingCollector, prepareLab, type ProductRegistry, type Scenario } from "../../sim/scenario/index.ts";

/** A scenario run whose lab is kept: the estate its plan left, to be served to a real browser. */
export interface ScenarioLab {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly lab: Lab;
  /** What the lab diagnosed on the way (the simulated browsers' refusals among them). */
  readonly findings: readonly Finding[];
  readonly final?: FinalState;
}

export interface ScenarioLabOptions {
  readonly registry: ProductRegistry;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Run the final checks too (default true); they leave test users and audit rows behind. */
  readonly final?: boolean;
  /** When the lab clock starts (default the lab's epoch, as `lab run`). */
  readonly epochMs?: number;
}

/**
 * Runs a scenario's plan as `lab run` does (same lab, same verbs, same
 * findings, the same trace to the byte: its test holds it to runScenario)
 * but hands back the lab instead of a report: runScenario keeps its lab to
 * itself, and the pages need the estate it left. A step that throws ends
 * the run with its error (a LabError is bad input to the CLI).
 */
export async function runScenarioLab(scenario: Scenario, options: ScenarioLabOptions): Promise<ScenarioLab> {
  const { registry } = options;
  const product = registry.product(scenario.product);
  if (!product) throw new Error(`runScenarioLab: product "${scenario.product}" is not in the registry (validate the scenario first)`);
  const seed = options.seed ?? scenario.seed;
  const lab = await prepareLab(scenario, registry, seed, options.epochMs !== undefined ? { epochMs: options.epochMs } : {});
  const collector = new FindingCollector(product);
  const context = (step: number, traceMark: number): StepContext => ({
    lab,
    step,
    product,
    traceMark,
    raise: (input) => void collector.raise(step, input, lastEventSince(lab, traceMark)),
    checked: (rule) => collector.checked(rule),
  });
  const verbs = registry.verbsFor(product);
  for (const [i, step] of scenario.plan.entries()) {
    const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.step", data: { step: i + 1, verb: step.verb, args: redactSecrets(step.args) } });
    const verb = verbs.get(step.verb);
    if (!verb) throw new Error(`verb "${step.verb}" is not known to ${product.id} (validate the scenario first)`);
    await verb.run(context(i + 1, marker.id), step.args);
  }
  let final: FinalState | undefined;
  if (options.final !== false) {
    const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.final", data: { step: scenario.plan.length + 1 } });
    final = await product.judgeFinal(context(scenario.plan.length + 1, marker.id));
  }
  return { scenario, seed, lab, findings: [...collector.findings], ...(final !== undefined ? { final } : {}) };
}

function lastEventSince(lab: Lab, mark: number): number[] {
  const last = lab.trace.since(mark).at(-1);
  return last ? [last.id] : [];
}
