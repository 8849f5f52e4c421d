import type { Host } from "../../sim/host/index.ts";
import type { Lab } from "../../sim/lab.ts";

/**
 * The names a browser on `client` reaches `host` by: every name the lab
 * knows of (host names, DNS records of the scenario, https binding host
 * names, the DNS names of any certificate in a LocalMachine\My) that the
 * lab resolves, from the client, to that host's address. A real browser is
 * pointed at 127.0.0.1 for exactly these (Chromium's host resolver rules),
 * so it asks for a page by the name a user of the lab would type.
 */
export function pageNames(lab: Lab, host: Host, client: string = host.name): string[] {
  const candidates = new Set<string>();
  const add = (name: string | undefined): void => {
    const n = name?.trim().toLowerCase();
    if (n && n.includes(".") && !n.includes("*")) candidates.add(n);
  };
  for (const h of lab.hosts()) {
    add(h.domain ? `${h.name}.${h.domain}` : undefined);
    add(lab.network.domain ? `${h.name}.${lab.network.domain}` : undefined);
    for (const cert of h.certs.existing("LocalMachine", "My")?.certificates() ?? []) cert.dnsNames.forEach(add);
    for (const site of lab.iis(h.name)?.sites() ?? []) site.bindings.forEach((b) => add(b.hostName));
  }
  for (const record of lab.spec.network?.records ?? []) add(record.name);
  return [...candidates].filter((name) => {
    const resolved = lab.network.resolve(client, name);
    return resolved.ok && resolved.address === host.ip;
  }).sort();
}
