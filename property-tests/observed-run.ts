import { isLabError, redactSecrets, traceHash, withLazy } from "../sim/kernel/index.ts";
import type { Lab } from "../sim/lab.ts";
import type { FinalState, Finding, FindingInput, ProductModule, StepContext } from "../sim/product/index.ts";
import { FindingCollector, prepareLab, type PlanStep, type ProductRegistry, type Scenario } from "../sim/scenario/index.ts";

/** A step that threw: a LabError (the step refused) or anything else (a bug). */
export interface ObservedError {
  readonly kind: "lab" | "internal";
  readonly code: string;
  readonly message: string;
  readonly step: number;
}

/**
 * A run the property can look into afterwards: the runner's findings and
 * final state, and the lab itself (what `runScenario` does not hand out),
 * to read the estate's data and configuration.
 */
export interface ObservedRun {
  readonly lab: Lab;
  readonly product: ProductModule;
  readonly findings: readonly Finding[];
  readonly final?: FinalState;
  readonly error?: ObservedError;
  readonly traceHash: string;
  /** The run's findings so far, to go on with `continueRun`. */
  readonly collector: FindingCollector;
  /** Steps run so far (the next one is numbered steps + 1). */
  readonly steps: number;
}

export interface ObserveOptions {
  readonly registry: ProductRegistry;
  readonly seed?: number;
  /** Skip the final judgement (a phase of a longer run). */
  readonly skipFinal?: boolean;
}

/**
 * Runs a validated scenario as sim/scenario's runner does (same markers in
 * the trace, same finding collection; observed-run.test.ts holds it to the
 * same trace hash) and keeps the lab. `continueRun` runs more steps on it.
 */
export async function runObserved(scenario: Scenario, options: ObserveOptions): Promise<ObservedRun> {
  const product = productOf(scenario, options.registry);
  const lab = await prepareLab(scenario, options.registry, options.seed ?? scenario.seed);
  return continueRun(lab, product, scenario.plan, options, new FindingCollector(product), 0);
}

/**
 * Runs `steps` on a lab that already ran a plan (a second pass, a remedy
 * phase); step numbers go on from `firstStep`, findings join `collector`.
 */
export async function continueRun(
  lab: Lab,
  product: ProductModule,
  steps: readonly PlanStep[],
  options: Omit<ObserveOptions, "seed">,
  collector: FindingCollector = new FindingCollector(product),
  firstStep = 0,
): Promise<ObservedRun> {
  const verbs = options.registry.verbsFor(product);
  const context = (step: number, mark: number): StepContext => ({
    lab,
    step,
    product,
    traceMark: mark,
    raise: (input: FindingInput) => collector.raise(step, input, lastEvent(lab, mark)),
    checked: (rule: string) => collector.checked(rule),
  });
  let current = firstStep;
  let final: FinalState | undefined;
  let error: ObservedError | undefined;
  try {
    for (const step of steps) {
      current++;
      const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.step", data: { step: current, verb: step.verb, args: redactSecrets(step.args) } });
      const verb = verbs.get(step.verb);
      if (!verb) throw new Error(`verb "${step.verb}" is not known to ${product.id}`);
      await verb.run(context(current, marker.id), step.args);
    }
    if (!options.skipFinal) {
      current++;
      const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.final", data: { step: current } });
      final = await product.judgeFinal(context(current, marker.id));
    }
  } catch (thrown) {
    error = isLabError(thrown)
      ? { kind: "lab", code: thrown.code, message: thrown.message, step: current }
      : { kind: "internal", code: "INTERNAL", message: thrown instanceof Error ? `${thrown.message}\n${thrown.stack ?? ""}` : String(thrown), step: current };
    if (isLabError(thrown) && thrown.ruleId && collector.has(thrown.ruleId)) {
      collector.raise(current, { rule: thrown.ruleId, message: thrown.message, ...(thrown.remedy ? { remedy: thrown.remedy } : {}) }, lastEvent(lab, 0));
    }
  }
  // The hash of the trace as it stands now, computed when first read (most properties never read it); later steps on the lab do not change it.
  const length = lab.trace.length;
  let hash: string | undefined;
  const run = {
    lab,
    product,
    findings: [...collector.findings],
    ...(final !== undefined ? { final } : {}),
    ...(error ? { error } : {}),
  };
  // withLazy, not a literal getter: that would keep the run's lab alive through young GCs (see sim/kernel/lazy-property.ts).
  return Object.assign(
    withLazy(run, "traceHash", () => (hash ??= lab.trace.length === length ? lab.trace.hash() : traceHash(lab.trace.events.slice(0, length)))),
    { collector, steps: firstStep + steps.length },
  );
}

/** Judges the lab as it stands (the product's final verifications), as one more step. */
export async function judgeNow(lab: Lab, product: ProductModule, step: number, collector: FindingCollector = new FindingCollector(product)): Promise<{ final: FinalState; findings: readonly Finding[] }> {
  const marker = lab.trace.record({ host: "lab", component: "scenario", kind: "scenario.final", data: { step } });
  const final = await product.judgeFinal({
    lab,
    step,
    product,
    traceMark: marker.id,
    raise: (input: FindingInput) => collector.raise(step, input, lastEvent(lab, marker.id)),
    checked: (rule: string) => collector.checked(rule),
  });
  return { final, findings: collector.findings.filter((f) => f.step === step) };
}

function productOf(scenario: Scenario, registry: ProductRegistry): ProductModule {
  const product = registry.product(scenario.product);
  if (!product) throw new Error(`product "${scenario.product}" is not in the registry`);
  return product;
}

/** The runner's fallback evidence: the step's latest event. */
function lastEvent(lab: Lab, mark: number): number[] {
  const last = lab.trace.since(mark).at(-1);
  return last ? [last.id] : [];
}
