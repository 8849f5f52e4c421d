import type { JsonReport } from "../../sim/scenario/index.ts";
import { el } from "./dom.ts";

/** The runs of a report, one row each; `open(i)` shows the i-th. */
export function renderReportList(report: JsonReport, open: (index: number) => void): HTMLElement {
  return el(
    "section",
    { class: "report" },
    el("h2", {}, "The last report"),
    el(
      "table",
      { class: "report-list" },
      el("thead", {}, el("tr", {}, ["", "scenario", "variant", "seed", "ends", "findings"].map((t) => el("th", {}, t)))),
      el(
        "tbody",
        {},
        report.results.map((r, i) =>
          el(
            "tr",
            { class: r.status, "data-index": i, tabindex: 0, title: "show this run", onclick: () => open(i), onkeydown: (e: Event) => void ((e as KeyboardEvent).key === "Enter" && open(i)) },
            el("td", {}, el("span", { class: `badge ${r.status}` }, r.status)),
            el("td", {}, el("code", {}, r.name)),
            el("td", {}, r.variant === "remedy" ? "remedied" : "plan"),
            el("td", {}, r.seed),
            el("td", { class: `state ${r.final ?? ""}` }, r.final ?? "-"),
            el("td", {}, r.findings.map((f) => `${f.severity} ${f.rule}`).join(", ") || "none"),
          ),
        ),
      ),
    ),
  );
}
