import type { Lab } from "../lab.ts";
import type { HostSpec, LabSpec, PerimeterRuleSpec } from "../lab-spec.ts";

/**
 * The estate as it is now, in the scenario's own `lab:` shape with every
 * default resolved: generated DCs listed, zones, addresses, membership,
 * features, installed product versions (from each host's installed-products
 * table) and the perimeter rules. Reports show it before and after a run.
 */
export function snapshotEstate(lab: Lab): LabSpec {
  const hosts: HostSpec[] = lab.hosts().map((host) => {
    const installed: Record<string, string> = {};
    for (const row of host.products.list()) if (row.component) installed[row.component] = row.version;
    return {
      name: host.name,
      os: host.os.id,
      arch: host.arch,
      zone: host.zone,
      ip: host.ip,
      joined: host.joined,
      role: host.role,
      features: host.features(),
      ie: host.ie,
      firewall: { enabled: host.firewall.enabled },
      ...(Object.keys(installed).length ? { installed } : {}),
    };
  });
  const rules: PerimeterRuleSpec[] = lab.network.perimeterRules().map((r) => ({
    name: r.name,
    action: r.action,
    protocol: r.protocol,
    from: r.from,
    to: r.to,
    ...(r.port !== undefined ? { port: r.port as PerimeterRuleSpec["port"] } : {}),
    ...(r.sourcePort !== undefined ? { sourcePort: r.sourcePort as PerimeterRuleSpec["sourcePort"] } : {}),
  }));
  return {
    ...(lab.spec.domain ? { domain: { name: lab.spec.domain.name } } : {}),
    hosts,
    ...(rules.length ? { network: { rules } } : {}),
  };
}
