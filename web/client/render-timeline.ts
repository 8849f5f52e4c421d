import type { JsonReportResult } from "../../sim/scenario/index.ts";
import type { CatalogRule } from "./api-types.ts";
import { el } from "./dom.ts";
import { argsText, eventText, labTime } from "./format.ts";

type Finding = JsonReportResult["findings"][number];
type Expected = JsonReportResult["expect"]["findings"][number];
type Ref = { rule: string; step: number; severity: string; host?: string };

/**
 * The plan as a timeline: each step with what it changed and the findings it
 * raised (rule, seed section, remedy, trace evidence); then the final checks.
 */
export function renderTimeline(r: JsonReportResult, rules: ReadonlyMap<string, CatalogRule> = new Map()): HTMLElement {
  const at = (step: number) => r.findings.filter((f) => f.step === step).map((f) => renderFinding(f, rules.get(f.rule)));
  const finalStep = r.steps.length + 1;
  const built = at(0);
  return el(
    "section",
    { class: "plan" },
    el("h3", {}, "The plan"),
    el(
      "ol",
      { class: "timeline" },
      built.length ? el("li", { class: "step", "data-step": 0 }, el("div", { class: "head" }, el("span", { class: "num" }, "0"), " Lab build"), built) : null,
      r.steps.map((s) =>
        el(
          "li",
          { class: `step${r.findings.some((f) => f.step === s.index) ? " has-findings" : ""}`, "data-step": s.index },
          el("div", { class: "head" }, el("span", { class: "num" }, s.index), " ", el("code", { class: "verb" }, s.verb), " ", el("code", { class: "args" }, argsText(s.args))),
          s.note ? el("p", { class: "note" }, s.note) : null,
          el("div", { class: "changed" }, el("span", { class: "label" }, "What it changed"), el("ul", {}, s.summary.length ? s.summary.map((l) => el("li", {}, el("code", {}, l))) : el("li", { class: "dim" }, "nothing observable"))),
          el(
            "details",
            { class: "events" },
            el("summary", {}, `Trace events #${s.trace.from + 1}–#${s.trace.to} (${s.trace.to - s.trace.from})`),
            el("ul", {}, s.events.map((e) => el("li", {}, el("span", { class: "time" }, labTime(e.time)), " ", el("code", {}, eventText(e))))),
            s.eventsOmitted ? el("p", { class: "dim" }, `… ${s.eventsOmitted} more in the trace`) : null,
          ),
          at(s.index),
        ),
      ),
      r.error
        ? el("li", { class: "step error" }, el("div", { class: "head" }, el("span", { class: "num" }, "!"), ` The run stopped ${errorPlace(r.error.step, r.steps.length)}: `, el("code", {}, r.error.code), ` ${r.error.message}`), r.error.remedy ? el("div", { class: "remedy" }, `Remedy: ${r.error.remedy}`) : null)
        : null,
      r.final !== undefined || at(finalStep).length
        ? el(
            "li",
            { class: "step final", "data-step": finalStep },
            el("div", { class: "head" }, el("span", { class: "num" }, "✓"), " Final checks: the estate ends ", el("b", { class: `state ${r.final ?? ""}` }, r.final ?? "undetermined"), r.expect.final ? ` (the scenario expects ${r.expect.final})` : ""),
            at(finalStep),
          )
        : null,
    ),
  );
}

/** A finding: what happened, why (the rule's statement, the seed file and section), the remedy, the trace evidence. */
export function renderFinding(f: Finding, rule?: CatalogRule): HTMLElement {
  return el(
    "div",
    { class: `finding ${f.severity}`, "data-rule": f.rule },
    el("div", {}, el("span", { class: "sev" }, f.severity), " ", el("code", { class: "rule-id" }, f.rule), f.host ? [" on ", el("b", {}, f.host)] : null, f.component ? ` (${f.component})` : "", `: ${f.message}`, f.inference ? el("span", { class: "inference", title: "the lab's inference, not the vendor's statement" }, "lab inference") : null),
    el("div", { class: "source" }, "Why: ", rule ? el("span", { class: "statement" }, `“${rule.statement}”`) : null, rule ? " — " : null, el("span", { class: "seed-file" }, f.source.file), `, section “${f.source.section}”`),
    f.inference && rule?.inference ? el("div", { class: "inference-note" }, `Lab inference: ${rule.inference}`) : null,
    el("div", { class: "remedy" }, "Remedy: ", el("span", { class: "remedy-text" }, f.remedy)),
    el(
      "details",
      { class: "evidence" },
      el("summary", {}, `Trace evidence ${f.evidence.map((id) => `#${id}`).join(", ") || "(none)"}`),
      el("ul", {}, f.evidenceEvents.map((e) => el("li", {}, el("span", { class: "time" }, labTime(e.time)), " ", el("code", {}, eventText(e))))),
    ),
  );
}

/** Expected against actual, when the result is not what the scenario says. */
export function verdictLines(r: JsonReportResult): string[] {
  const v = r.verdict;
  if (!v || v.ok) return [];
  const lines: string[] = [];
  for (const m of v.missing) lines.push(`missing: ${expectedText(m.expected)}${m.near.length ? `; found instead: ${m.near.map(refText).join(", ")}` : ""}`);
  for (const f of v.unexpected) lines.push(`unexpected: ${refText(f)}`);
  for (const f of v.forbidden) lines.push(`must be absent: ${refText(f)}`);
  if (v.final && v.final.actual !== v.final.expected) lines.push(`final: expected ${v.final.expected}, got ${v.final.actual ?? "nothing"}`);
  return lines;
}

function refText(f: Ref): string {
  return `${f.severity} ${f.rule} at step ${f.step}${f.host ? ` on ${f.host}` : ""}`;
}

function expectedText(e: Expected): string {
  return `${e.severity ? `${e.severity} ` : ""}${e.rule}${e.step !== undefined ? ` at step ${e.step}` : ""}${e.host ? ` on ${e.host}` : ""}`;
}

function errorPlace(step: number, stepsRun: number): string {
  if (step === 0) return "while building the lab";
  if (step === stepsRun + 1) return "during the final checks";
  return `at step ${step}`;
}
