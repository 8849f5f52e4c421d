import { el, type Child } from "./dom.ts";
import { ZONE_ORDER, describeRule, rulesBetween, type EstateHost, type EstateRule, type EstateStory, type EstateView, type ZoneName } from "./estate-view.ts";

const ZONE_TITLES: Readonly<Record<ZoneName, string>> = { external: "External", dmz: "DMZ", internal: "Internal" };

/** What the run found on a host, e.g. `broken test.runtime.ping`, marked on its card. */
export type HostMarks = ReadonlyMap<string, readonly { readonly severity: string; readonly rule: string }[]>;

/** The estate section: one picture (from the scenario's lab) or before and after with what changed. */
export function renderEstate(story: EstateStory, marks: HostMarks = new Map()): HTMLElement {
  if (!story.after) {
    return el("section", { class: "estate", "data-estate": "spec" }, el("h3", {}, "The estate"), picture(story.before, marks), el("p", { class: "dim" }, "As the scenario builds it, before the first step; a host's marks are what the run found there."));
  }
  return el(
    "section",
    { class: "estate", "data-estate": "run" },
    el("h3", {}, "The estate before the run"),
    picture(story.before, new Map()),
    el("h3", {}, "The estate after the run"),
    picture(story.after, marks),
    el("h4", {}, "What changed"),
    el("ul", { class: "changes" }, story.changes.length ? story.changes.map((c) => el("li", {}, c)) : el("li", {}, "nothing")),
  );
}

function picture(view: EstateView, marks: HostMarks): HTMLElement {
  const columns: Child[] = [];
  ZONE_ORDER.forEach((zone, i) => {
    if (i > 0) columns.push(gap(view.rules, ZONE_ORDER[i - 1]!, zone));
    columns.push(zoneColumn(view, zone, marks));
  });
  const across = rulesBetween(view.rules, "external", "internal");
  return el(
    "div",
    { class: "picture" },
    el("div", { class: "zones" }, columns),
    across.length ? el("p", { class: "across" }, "External ↔ internal: ", across.map((r) => el("span", { class: `rule ${r.action}` }, describeRule(r)))) : null,
    rulesTable(view.rules),
  );
}

function zoneColumn(view: EstateView, zone: ZoneName, marks: HostMarks): HTMLElement {
  const hosts = view.zones.find((z) => z.zone === zone)?.hosts ?? [];
  return el(
    "div",
    { class: `zone ${zone}`, "data-zone": zone },
    el("div", { class: "zone-title" }, ZONE_TITLES[zone]),
    zone === "internal" && view.domain ? el("div", { class: "domain" }, `Domain ${view.domain.name} · ${view.domain.dcs} DC${view.domain.dcs === 1 ? "" : "s"}`) : null,
    hosts.length ? hosts.map((h) => hostCard(h, view.domain?.name, marks.get(h.name) ?? [])) : el("div", { class: "empty-zone" }, "no host"),
  );
}

function hostCard(h: EstateHost, domain: string | undefined, found: readonly { severity: string; rule: string }[]): HTMLElement {
  const worst = ["blocked", "broken", "warning", "info"].find((s) => found.some((f) => f.severity === s));
  return el(
    "div",
    { class: `host${h.joined ? " joined" : ""}${worst ? ` marked ${worst}` : ""}`, "data-host": h.name },
    el("div", { class: "host-name" }, h.name, h.role ? el("span", { class: "tag" }, h.role) : null),
    el("div", { class: "host-os" }, h.os, h.ip ? ` · ${h.ip}` : ""),
    el("div", { class: "membership" }, h.joined ? `joined to ${domain ?? "the domain"}` : "workgroup (not joined)"),
    h.installed.length
      ? el("ul", { class: "installed" }, h.installed.map((i) => el("li", { "data-component": i.component }, el("code", {}, i.component), " ", el("b", {}, i.version))))
      : el("div", { class: "dim" }, "no product installed"),
    h.features.length ? el("div", { class: "features" }, h.features.join(", ")) : null,
    h.firewall === false ? el("div", { class: "tag warn" }, "host firewall off") : null,
    found.length ? el("ul", { class: "marks" }, found.map((f) => el("li", { class: f.severity }, `${f.severity} ${f.rule}`))) : null,
  );
}

function gap(rules: readonly EstateRule[], left: ZoneName, right: ZoneName): HTMLElement {
  const here = rulesBetween(rules, left, right);
  return el(
    "div",
    { class: "gap", "data-between": `${left}-${right}` },
    here.length
      ? here.map((r) => el("div", { class: `rule ${r.action}`, title: describeRule(r) }, `${arrow(r, left)} ${r.protocol}${r.port ? ` ${r.port}` : ""}${r.sourcePort ? ` (from ${r.sourcePort})` : ""}`))
      : el("div", { class: "rule deny", title: "no rule: traffic between these zones is dropped" }, "✕"),
  );
}

function arrow(r: EstateRule, left: ZoneName): string {
  const mark = r.action === "allow" ? "" : "✕ ";
  if (r.from === "any" || r.to === "any") return `${mark}⇄`;
  return `${mark}${r.from === left ? "→" : "←"}`;
}

function rulesTable(rules: readonly EstateRule[]): HTMLElement {
  return el(
    "details",
    { class: "rules" },
    el("summary", {}, `Perimeter firewall: ${rules.length} rule${rules.length === 1 ? "" : "s"} (first match wins; between zones, anything no rule allows is dropped; within a zone, traffic flows)`),
    rules.length
      ? el(
          "table",
          {},
          el("thead", {}, el("tr", {}, ["#", "name", "action", "protocol", "from", "to", "port", "source port"].map((t) => el("th", {}, t)))),
          el(
            "tbody",
            {},
            rules.map((r, i) => el("tr", { class: r.action }, [String(i + 1), r.name, r.action, r.protocol, r.from, r.to, r.port ?? "any", r.sourcePort ?? "any"].map((t) => el("td", {}, t)))),
          ),
        )
      : el("p", { class: "dim" }, "No rule: every packet between zones is dropped."),
  );
}
