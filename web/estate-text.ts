import { renderTable } from "../sim/scenario/index.ts";
import { describeRule, type EstateView } from "./client/estate-view.ts";

/**
 * The estate as a terminal table (what `lab demo` shows before and after):
 * one row per host, by zone, with its membership and installed versions;
 * then the perimeter rules in order.
 */
export function estateText(view: EstateView): string[] {
  const rows = view.zones.flatMap((z) =>
    z.hosts.map((h) => [
      z.zone,
      h.name + (h.role ? ` (${h.role})` : ""),
      osLabel(h.os),
      h.joined ? (view.domain?.name ?? "joined") : "workgroup",
      h.installed.map((i) => `${i.component} ${i.version}`).join(", ") || "-",
    ]),
  );
  const lines = rows.length ? renderTable(["zone", "host", "os", "domain", "installed"], rows, [9, 22, 16, 22, 48]).split("\n") : ["(no host)"];
  if (view.domain) lines.push(`Domain ${view.domain.name}: ${view.domain.dcs} domain controller${view.domain.dcs === 1 ? "" : "s"}.`);
  if (view.rules.length === 0) lines.push("Perimeter firewall: no rule, so nothing crosses between zones.");
  else {
    lines.push("Perimeter firewall (first match wins; anything else between zones is dropped):");
    for (const [i, r] of view.rules.entries()) lines.push(`  ${i + 1}. ${r.name}: ${describeRule(r)}`);
  }
  return lines;
}

/** `windows-server-2012-r2` → `Server 2012 R2`, `windows-11` → `Windows 11`. */
function osLabel(os: string): string {
  const server = /^windows-server-(.+)$/.exec(os);
  if (server) return `Server ${server[1]!.replace(/-r2$/, " R2")}`;
  const client = /^windows-(.+)$/.exec(os);
  return client ? `Windows ${client[1]!.toUpperCase() === "XP" ? "XP" : client[1]!.replace(/^vista$/, "Vista")}` : os;
}
