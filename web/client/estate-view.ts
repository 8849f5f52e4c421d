import type { JsonReportResult } from "../../sim/scenario/index.ts";

// The estate as the dashboard and the demo draw it: hosts by zone, domain
// membership, what is installed at which version, and the perimeter rules
// between zones. Pure data from a report result; shared by the page (served
// as a module) and the terminal demo.

type LabSpec = JsonReportResult["lab"];
type HostSpec = LabSpec["hosts"][number];
type RuleSpec = NonNullable<NonNullable<LabSpec["network"]>["rules"]>[number];

export type ZoneName = "external" | "dmz" | "internal";

/** Left to right as an architecture diagram reads: the Internet, the DMZ, the internal network. */
export const ZONE_ORDER: readonly ZoneName[] = ["external", "dmz", "internal"];

export interface EstateHost {
  readonly name: string;
  readonly os: string;
  readonly zone: ZoneName;
  readonly role?: string;
  readonly ip?: string;
  readonly joined: boolean;
  readonly installed: readonly { readonly component: string; readonly version: string }[];
  readonly features: readonly string[];
  /** The host firewall's state when the lab says so; undefined = the OS default. */
  readonly firewall?: boolean;
}

export interface EstateRule {
  readonly name: string;
  readonly action: "allow" | "deny";
  readonly protocol: string;
  readonly from: string;
  readonly to: string;
  /** "5100", "5000-5100", or undefined for any port. */
  readonly port?: string;
  readonly sourcePort?: string;
}

export interface EstateView {
  readonly domain?: { readonly name: string; readonly dcs: number };
  /** Always the three zones, in ZONE_ORDER (an empty zone is drawn empty). */
  readonly zones: readonly { readonly zone: ZoneName; readonly hosts: readonly EstateHost[] }[];
  /** In order: the first match wins; traffic between zones that no rule allows is dropped. */
  readonly rules: readonly EstateRule[];
}

/**
 * The estate a result shows. `source: "spec"`: drawn from the scenario's lab
 * (the report v1 has nothing else), so `after` is absent. `source: "run"`:
 * the report carries `estate: { before, after }` (both a fully resolved lab:
 * see the lead's note on the report schema), so the change is visible.
 */
export interface EstateStory {
  readonly source: "spec" | "run";
  readonly before: EstateView;
  readonly after?: EstateView;
  readonly changes: readonly string[];
}

/** A report result, with the estate snapshots the report may carry (a proposed addition to lab-report v1). */
export type ResultWithEstate = JsonReportResult & { readonly estate?: { readonly before: LabSpec; readonly after: LabSpec } };

export function estateStory(result: ResultWithEstate): EstateStory {
  if (!result.estate) return { source: "spec", before: estateFromLab(result.lab), changes: [] };
  const before = estateFromLab(result.estate.before);
  const after = estateFromLab(result.estate.after);
  return { source: "run", before, after, changes: estateChanges(before, after) };
}

/**
 * The picture of a lab description. A resolved lab states everything; a
 * scenario's own may leave out the zone (internal) and, inside a domain, the
 * membership of internal hosts (joined), as the lab builder assumes.
 */
export function estateFromLab(lab: LabSpec): EstateView {
  const hosts = lab.hosts.map((h) => toHost(h, lab.domain !== undefined));
  const namedDcs = hosts.filter((h) => h.role === "dc" || h.role === "rodc").length;
  return {
    ...(lab.domain ? { domain: { name: lab.domain.name, dcs: Math.max(lab.domain.dcs ?? 1, namedDcs) } } : {}),
    zones: ZONE_ORDER.map((zone) => ({ zone, hosts: hosts.filter((h) => h.zone === zone) })),
    rules: (lab.network?.rules ?? []).map(toRule),
  };
}

function toHost(h: HostSpec, inDomain: boolean): EstateHost {
  const zone = h.zone ?? "internal";
  const isDc = h.role === "dc" || h.role === "rodc";
  return {
    name: h.name,
    os: h.os,
    zone,
    ...(h.role ? { role: h.role } : {}),
    ...(h.ip ? { ip: h.ip } : {}),
    joined: isDc || (h.joined ?? (inDomain && zone === "internal")),
    installed: Object.entries(h.installed ?? {})
      .map(([component, v]) => ({ component, version: typeof v === "string" ? v : v.version }))
      .sort((a, b) => a.component.localeCompare(b.component)),
    features: [...(h.features ?? [])],
    ...(h.firewall?.enabled !== undefined ? { firewall: h.firewall.enabled } : {}),
  };
}

function toRule(r: RuleSpec): EstateRule {
  return {
    name: r.name,
    action: r.action,
    protocol: r.protocol,
    from: r.from,
    to: r.to,
    ...(r.port !== undefined ? { port: portText(r.port) } : {}),
    ...(r.sourcePort !== undefined ? { sourcePort: portText(r.sourcePort) } : {}),
  };
}

function portText(port: number | readonly [number, number]): string {
  return typeof port === "number" ? String(port) : `${port[0]}-${port[1]}`;
}

/** `udp 5100 dmz → internal` (`from port 5100` for reply rules). */
export function describeRule(r: EstateRule): string {
  const ports = [r.port ? `port ${r.port}` : "", r.sourcePort ? `from port ${r.sourcePort}` : ""].filter(Boolean).join(", ");
  return `${r.action} ${r.protocol}${ports ? ` ${ports}` : ""} ${r.from} → ${r.to}`;
}

/** The rules whose ends are these two zones (either way round, or "any"), for the gap between two columns. */
export function rulesBetween(rules: readonly EstateRule[], a: ZoneName, b: ZoneName): EstateRule[] {
  const is = (end: string, zone: ZoneName) => end === zone || end === "any";
  return rules.filter((r) => (is(r.from, a) && is(r.to, b)) || (is(r.from, b) && is(r.to, a))).filter((r) => !(r.from === "any" && r.to === "any"));
}

/** What differs between two pictures of one estate, one line each: versions, membership, zones, rules. */
export function estateChanges(before: EstateView, after: EstateView): string[] {
  const lines: string[] = [];
  const hostsOf = (v: EstateView) => new Map(v.zones.flatMap((z) => z.hosts).map((h) => [h.name, h]));
  const was = hostsOf(before);
  const now = hostsOf(after);
  for (const [name, h] of now) {
    const old = was.get(name);
    if (!old) {
      lines.push(`${name}: new host (${h.os}, ${h.zone})`);
      continue;
    }
    if (old.zone !== h.zone) lines.push(`${name}: moved from ${old.zone} to ${h.zone}`);
    if (old.joined !== h.joined) lines.push(`${name}: ${h.joined ? "joined the domain" : "left the domain"}`);
    const oldVersions = new Map(old.installed.map((i) => [i.component, i.version]));
    const newVersions = new Map(h.installed.map((i) => [i.component, i.version]));
    for (const [component, version] of newVersions) {
      const previous = oldVersions.get(component);
      if (previous === undefined) lines.push(`${name}: ${component} ${version} installed`);
      else if (previous !== version) lines.push(`${name}: ${component} ${previous} → ${version}`);
    }
    for (const [component, version] of oldVersions) if (!newVersions.has(component)) lines.push(`${name}: ${component} ${version} removed`);
  }
  for (const name of was.keys()) if (!now.has(name)) lines.push(`${name}: gone`);
  const ruleKey = (r: EstateRule) => describeRule(r);
  const oldRules = new Set(before.rules.map(ruleKey));
  const newRules = new Set(after.rules.map(ruleKey));
  for (const r of after.rules) if (!oldRules.has(ruleKey(r))) lines.push(`perimeter: rule ${r.name} added (${describeRule(r)})`);
  for (const r of before.rules) if (!newRules.has(ruleKey(r))) lines.push(`perimeter: rule ${r.name} removed (${describeRule(r)})`);
  return lines;
}
