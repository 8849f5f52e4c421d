import type { JsonReportResult } from "../../sim/scenario/index.ts";
import type { CatalogRule, CatalogScenario } from "./api-types.ts";
import { el } from "./dom.ts";
import { estateStory, type ResultWithEstate } from "./estate-view.ts";
import { renderEstate, type HostMarks } from "./render-estate.ts";
import { renderTimeline, verdictLines } from "./render-timeline.ts";

export interface ResultActions {
  /** The scenario as the catalog lists it, when it is there (its remedy). */
  readonly scenario?: CatalogScenario;
  /** Runs the remedied variant at the same seed; absent when there is no remedy to apply. */
  readonly applyRemedy?: () => void;
  /** Runs the scenario's own plan again (from the remedied view). */
  readonly runPlan?: () => void;
  /** The products' rules by id: a finding's statement. */
  readonly rules?: ReadonlyMap<string, CatalogRule>;
}

const STATE_WORDS: Readonly<Record<string, string>> = { healthy: "The estate is healthy", degraded: "The estate is degraded", broken: "The estate is broken" };

/** One run: what it was, how the estate ends, whether the scenario's expectation held, then the estate and the plan. */
export function renderResult(r: JsonReportResult, actions: ResultActions = {}): HTMLElement {
  const problems = verdictLines(r);
  const remedy = actions.scenario?.remedy;
  return el(
    "article",
    { class: `result ${r.status}`, "data-status": r.status, "data-final": r.final ?? "", "data-variant": r.variant },
    el("header", { class: "result-head" },
      el("h2", {}, r.name, " ", el("small", {}, r.variant === "remedy" ? "with the remedy applied · " : "", `seed ${r.seed}`)),
      el("div", { class: `outcome ${r.final ?? "none"}`, "data-outcome": r.final ?? "none" }, r.final ? STATE_WORDS[r.final] : r.status === "error" ? "The run stopped" : "No final state"),
      el("div", { class: `expectation ${r.status}` }, r.status === "passed" ? "As the scenario expects" : r.status === "failed" ? "Not as the scenario expects" : "The scenario could not finish"),
    ),
    r.description ? el("p", { class: "desc" }, r.description) : null,
    el(
      "dl",
      { class: "meta" },
      el("dt", {}, "Faults"),
      el("dd", {}, r.faults.length ? r.faults.map((f) => el("code", { class: "fault" }, f.name, Object.keys(f.params).length ? ` (${Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(", ")})` : "")) : "none"),
      el("dt", {}, "Replay"),
      el("dd", {}, el("code", { class: "replay" }, r.replay)),
      el("dt", {}, "Trace"),
      el("dd", {}, el("code", {}, r.traceHash.slice(0, 16)), ` · ${r.traceEvents} events`),
    ),
    problems.length ? el("pre", { class: "problems" }, problems.join("\n")) : null,
    remedyPanel(r, actions, remedy),
    renderEstate(estateStory(r as ResultWithEstate), hostMarks(r)),
    renderTimeline(r, actions.rules),
  );
}

function remedyPanel(r: JsonReportResult, actions: ResultActions, remedy: CatalogScenario["remedy"]): HTMLElement | null {
  if (r.variant === "remedy") {
    return el(
      "div",
      { class: "remedy-panel applied" },
      el("div", {}, el("b", {}, "Remedy applied"), remedy?.description ? `: ${remedy.description}` : ""),
      actions.runPlan ? el("button", { type: "button", "data-action": "run-plan", onclick: actions.runPlan }, "Run the original plan again") : null,
    );
  }
  if (!remedy || !actions.applyRemedy) return null;
  const remedies = [...new Set(r.findings.map((f) => f.remedy))];
  return el(
    "div",
    { class: "remedy-panel" },
    el("div", {}, el("b", {}, "The documented remedy"), remedy.description ? `: ${remedy.description}` : ""),
    remedies.length ? el("ul", {}, remedies.map((text) => el("li", {}, text))) : null,
    el("button", { type: "button", class: "primary", "data-action": "apply-remedy", onclick: actions.applyRemedy }, "Apply the remedy and run again"),
  );
}

/** Each host's findings, once per rule and severity. */
function hostMarks(r: JsonReportResult): HostMarks {
  const marks = new Map<string, { severity: string; rule: string }[]>();
  for (const f of r.findings) {
    if (!f.host) continue;
    const list = marks.get(f.host) ?? [];
    if (!list.some((m) => m.rule === f.rule && m.severity === f.severity)) list.push({ severity: f.severity, rule: f.rule });
    marks.set(f.host, list);
  }
  return marks;
}
