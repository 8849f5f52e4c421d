import { canonicalJson, type TraceEvent } from "../kernel/index.ts";
import type { Finding } from "../product/index.ts";
import { formatArgs } from "./format-args.ts";
import { errorPlace, formatProblems } from "./format-result.ts";
import type { ProductRegistry } from "./product-registry.ts";
import type { ScenarioResult } from "./scenario-result.ts";

/** One paragraph of the demo: shown together, with a pause before the next on a terminal. */
export interface NarrationSection {
  readonly title: string;
  readonly lines: readonly string[];
}

/** The remedied variant's result, and the scenario's words for the remedy. */
export interface RemedyRun {
  readonly result: ScenarioResult;
  readonly description?: string;
}

const MAX_ESTATE_LINES = 8;

/**
 * The demo's story of a run, in plain words: what the operator did, what the
 * estate did, what broke and where the trace shows it, why (the rule and the
 * seed section), the documented remedy; then, when given, the remedied run.
 */
export function narrate(result: ScenarioResult, registry: ProductRegistry, remedied?: RemedyRun): NarrationSection[] {
  const sections: NarrationSection[] = [intro(result, registry)];
  const atStep = (step: number) => result.findings.filter((f) => f.step === step).flatMap((f) => explain(f, result.trace, registry));

  const built = atStep(0);
  if (built.length) sections.push({ title: "While the lab was built", lines: built });
  for (const step of result.steps) {
    const estate = step.summary.length ? step.summary.slice(0, MAX_ESTATE_LINES).map((l) => `  ${l}`) : ["  (nothing observable)"];
    if (step.summary.length > MAX_ESTATE_LINES) estate.push(`  … ${step.summary.length - MAX_ESTATE_LINES} more lines in the trace`);
    const findings = atStep(step.index);
    sections.push({
      title: `Step ${step.index}: ${step.verb} ${formatArgs(step.args)}`,
      lines: [
        `The operator: ${step.note ?? `runs ${step.verb} ${formatArgs(step.args)}`}.`,
        "The estate:",
        ...estate,
        ...(findings.length ? findings : ["Nothing went wrong here."]),
      ],
    });
  }
  if (result.status === "error") {
    sections.push({
      title: `The run stopped ${errorPlace(result.error.step, result.steps.length)}`,
      lines: [`${result.error.code}: ${result.error.message}`, ...(result.error.remedy ? [`Remedy: ${result.error.remedy}`] : [])],
    });
  } else {
    const finalFindings = atStep(result.steps.length + 1);
    sections.push({ title: `Final checks: the estate ends ${result.final ?? "undetermined"}`, lines: finalFindings.length ? finalFindings : ["Every check passed."] });
  }
  sections.push(verdict(result));
  if (remedied) sections.push(remedySection(result, remedied));
  return sections;
}

/** The faults a run turned on, one line each: name, resolved parameters, what it does. */
export function faultLines(r: ScenarioResult, registry: ProductRegistry): string[] {
  return r.faults.map((f) => {
    const def = registry.faultCatalog.get(f.name);
    const params = Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(", ");
    return `  ${f.name}${params ? ` (${params})` : ""}${def ? `: ${def.description} ${def.mechanism}` : ""}`;
  });
}

function intro(r: ScenarioResult, registry: ProductRegistry): NarrationSection {
  const product = registry.product(r.scenario.product);
  const hosts = r.lab.hosts.map((h) => {
    const installed = Object.entries(h.installed ?? {}).map(([c, v]) => `${c} ${typeof v === "string" ? v : v.version}`);
    return `  ${h.name}: ${h.os}${h.zone ? `, ${h.zone}` : ""}${h.joined ? ", joined" : ""}${installed.length ? `; installed ${installed.join(", ")}` : ""}`;
  });
  const faults = faultLines(r, registry);
  return {
    title: `Scenario ${r.scenario.name} (${product?.title ?? r.scenario.product})`,
    lines: [
      ...(r.scenario.description ? [r.scenario.description] : []),
      "The estate:",
      ...hosts,
      ...(faults.length ? ["Faults turned on:", ...faults] : ["No fault is turned on."]),
      `Seed ${r.seed}; replay with: ${r.replay}`,
    ],
  };
}

function explain(f: Finding, trace: readonly TraceEvent[], registry: ProductRegistry): string[] {
  const rule = registry.rule(f.rule);
  const evidence = f.evidence.map((id) => trace[id - 1]).filter((e): e is TraceEvent => e !== undefined);
  return [
    `${f.severity.toUpperCase()} ${f.rule}${f.host ? ` on ${f.host}` : ""}: ${f.message}.`,
    ...evidence.map((e) => `  The trace shows it at #${e.id}: ${e.host} ${e.component} ${e.kind} ${canonicalJson(e.data)}`),
    `  Why: ${rule?.statement ?? f.message} (${f.source.file}, section "${f.source.section}")`,
    ...(rule?.inference ? [`  Lab inference: ${rule.inference}`] : []),
    `  Remedy: ${f.remedy}`,
  ];
}

function verdict(r: ScenarioResult): NarrationSection {
  if (r.status === "passed") return { title: "As the scenario expects", lines: ["Every expectation held."] };
  return { title: r.status === "failed" ? "Not as the scenario expects" : "The scenario could not finish", lines: formatProblems(r) };
}

function remedySection(original: ScenarioResult, remedy: RemedyRun): NarrationSection {
  const r = remedy.result;
  const faultsChanged = original.faults.map((f) => f.name).join() !== r.faults.map((f) => f.name).join();
  const outcome =
    r.status === "passed"
      ? [`The same estate, remedied, ends ${r.final ?? "healthy"}: the remedy holds.`]
      : ["The remedy does not hold:", ...formatProblems(r).map((l) => `  ${l}`)];
  return {
    title: "With the remedy applied",
    lines: [
      ...(remedy.description ? [remedy.description] : []),
      ...(faultsChanged ? [`Faults: ${r.faults.length ? r.faults.map((f) => f.name).join(", ") : "none"}.`] : []),
      "The plan:",
      ...r.steps.map((s) => `  ${s.index}. ${s.verb} ${formatArgs(s.args)}${s.note ? ` (${s.note})` : ""}`),
      ...r.findings.map((f) => `  finding: ${f.severity} ${f.rule} at step ${f.step}${f.host ? ` on ${f.host}` : ""}`),
      ...outcome,
    ],
  };
}
