import type { JsonReport, JsonReportResult } from "../../sim/scenario/index.ts";
import { fetchCatalog, fetchReport, runScenario } from "./api.ts";
import type { CatalogRule, CatalogScenario, CatalogView } from "./api-types.ts";
import { el, replaceChildren } from "./dom.ts";
import { renderReportList } from "./render-report-list.ts";
import { renderResult } from "./render-result.ts";
import { parseRoute, routeHash, type Route } from "./route.ts";

// The page's controller: the catalog on the left, a run (or the last report)
// on the right, the address saying which (so a link opens a scenario).

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const catalogPane = byId<HTMLElement>("catalog");
const view = byId<HTMLElement>("view");
const status = byId<HTMLElement>("status");
const form = byId<HTMLFormElement>("run-form");
const chosen = byId<HTMLElement>("chosen");
const seedInput = byId<HTMLInputElement>("seed");
const runButton = byId<HTMLButtonElement>("run");

let catalog: CatalogView = { products: [], invalid: [] };
let rules: ReadonlyMap<string, CatalogRule> = new Map();
let selected: string | undefined;
let shown = 0; // answers to an older request than the last one are dropped

const scenarioNamed = (name: string): CatalogScenario | undefined => catalog.products.flatMap((p) => p.scenarios).find((s) => s.name === name);

function go(route: Route): void {
  const hash = routeHash(route);
  if (location.hash === hash) void show(route);
  else location.hash = hash;
}

function say(text: string, kind: "info" | "error" = "info"): void {
  status.className = kind;
  status.textContent = text;
}

function select(name: string | undefined): void {
  selected = name;
  chosen.textContent = name ?? "Choose a scenario";
  runButton.disabled = name === undefined;
  catalogPane.querySelectorAll<HTMLElement>("[data-scenario]").forEach((b) => b.classList.toggle("on", b.dataset.scenario === name));
}

function renderCatalog(): void {
  const count = catalog.products.reduce((n, p) => n + p.scenarios.length, 0);
  replaceChildren(
    catalogPane,
    el("h2", {}, "Catalog"),
    count > 0 ? el("input", { id: "filter", type: "search", placeholder: `Filter ${count} scenarios`, "aria-label": "filter the scenarios", oninput: (e: Event) => filterCatalog((e.target as HTMLInputElement).value) }) : null,
    count === 0 ? el("p", { class: "dim" }, "The catalog is empty: no scenario yet.") : null,
    catalog.products
      .filter((p) => p.scenarios.length > 0)
      .map((p) =>
        el(
          "section",
          { class: "product", "data-product": p.id },
          el("h3", {}, p.title),
          el(
            "ul",
            {},
            p.scenarios.map((s) =>
              el(
                "li",
                {},
                el(
                  "button",
                  { type: "button", class: "scenario", "data-scenario": s.name, title: s.file ?? "", onclick: () => go({ kind: "run", scenario: s.name, remedy: false }) },
                  el("span", { class: "name" }, s.name),
                  s.remedy ? el("span", { class: "tag", title: "has a documented remedy" }, "remedy") : null,
                  s.description ? el("span", { class: "about" }, s.description.split("\n")[0] ?? "") : null,
                ),
              ),
            ),
          ),
        ),
      ),
    catalog.invalid.length ? el("section", { class: "invalid" }, el("h3", {}, "Invalid files"), el("ul", {}, catalog.invalid.map((m) => el("li", {}, el("pre", {}, m))))) : null,
  );
  select(selected);
}

/** Hides the scenarios (and products) whose name and description do not contain every word typed. */
function filterCatalog(text: string): void {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  catalogPane.querySelectorAll<HTMLElement>("section.product").forEach((section) => {
    let shownHere = 0;
    section.querySelectorAll<HTMLElement>("[data-scenario]").forEach((button) => {
      const haystack = (button.textContent ?? "").toLowerCase();
      const show = words.every((w) => haystack.includes(w));
      button.parentElement!.hidden = !show;
      if (show) shownHere++;
    });
    section.hidden = shownHere === 0;
  });
}

function showResult(result: JsonReportResult, seed: number): void {
  const scenario = scenarioNamed(result.name);
  replaceChildren(
    view,
    renderResult(result, {
      rules,
      ...(scenario ? { scenario } : {}),
      ...(scenario?.remedy ? { applyRemedy: () => go({ kind: "run", scenario: result.name, seed, remedy: true }) } : {}),
      ...(scenario ? { runPlan: () => go({ kind: "run", scenario: result.name, seed, remedy: false }) } : {}),
    }),
  );
}

async function show(route: Route): Promise<void> {
  const ticket = ++shown;
  if (route.kind === "home") {
    select(selected);
    say("");
    replaceChildren(view, el("div", { class: "welcome" }, el("h2", {}, "Run a scenario"), el("p", {}, "Choose a scenario on the left: the lab builds its estate, runs its plan step by step, and shows what broke, why (the rule and the document's section), the evidence in the trace, and the documented remedy. A seed replays the same run, byte for byte.")));
    return;
  }
  if (route.kind === "report") return showReport(route.index, ticket);

  select(route.scenario);
  seedInput.value = route.seed === undefined || Number.isNaN(route.seed) ? "" : String(route.seed);
  document.body.dataset.busy = "true";
  runButton.disabled = true;
  say(`Running ${route.scenario}${route.remedy ? " with the remedy applied" : ""}${route.seed !== undefined ? ` at seed ${route.seed}` : ""}…`);
  try {
    const result = await runScenario({ scenario: route.scenario, remedy: route.remedy, ...(route.seed !== undefined ? { seed: route.seed } : {}) });
    if (ticket !== shown) return;
    seedInput.value = String(result.seed);
    document.title = `${result.name}${result.variant === "remedy" ? " (remedied)" : ""} · lab`;
    say(`${result.name}${result.variant === "remedy" ? " with the remedy applied" : ""}, seed ${result.seed}: the estate ends ${result.final ?? "undetermined"}.`);
    showResult(result, result.seed);
  } catch (error) {
    if (ticket !== shown) return;
    say(error instanceof Error ? error.message : String(error), "error");
    replaceChildren(view);
  } finally {
    if (ticket === shown) {
      delete document.body.dataset.busy;
      runButton.disabled = selected === undefined;
    }
  }
}

async function showReport(index: number | undefined, ticket: number): Promise<void> {
  say("Reading the last report…");
  let report: JsonReport;
  try {
    report = await fetchReport();
  } catch (error) {
    if (ticket === shown) {
      say(error instanceof Error ? error.message : String(error), "error");
      replaceChildren(view);
    }
    return;
  }
  if (ticket !== shown) return;
  const s = report.summary;
  say(`The last report: ${s.total} runs, ${s.passed} passed, ${s.failed} failed, ${s.error} errors.`);
  const picked = index === undefined ? undefined : report.results[index];
  if (picked) {
    select(scenarioNamed(picked.name) ? picked.name : undefined);
    showResult(picked, picked.seed);
    return;
  }
  replaceChildren(view, renderReportList(report, (index) => go({ kind: "report", index })));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (selected === undefined) return;
  const text = seedInput.value.trim();
  go({ kind: "run", scenario: selected, remedy: false, ...(text ? { seed: Number(text) } : {}) });
});
window.addEventListener("hashchange", () => void show(parseRoute(location.hash)));

try {
  catalog = await fetchCatalog();
  rules = new Map(catalog.products.flatMap((p) => p.rules.map((r) => [r.id, r] as const)));
} catch (error) {
  say(error instanceof Error ? error.message : String(error), "error");
}
renderCatalog();
await show(parseRoute(location.hash));
document.body.dataset.ready = "true";
