import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { FindingInput } from "../../product/index.ts";
import type { Route } from "./flows.ts";
import { discoverInternal, externalWebs } from "./web-discovery.ts";

/** The workstation the internal tests run on: the first joined client OS, else the first joined member. */
export function internalClient(lab: Lab): Host | undefined {
  const joined = lab.hosts().filter((h) => h.joined && !h.isDomainController);
  return joined.find((h) => h.os.kind === "client") ?? joined[0];
}

export function externalClient(lab: Lab): Host | undefined {
  return lab.hosts().find((h) => h.zone === "external");
}

/** The internal route (found through the SCP), or the finding that says why there is none. */
export function internalRoute(lab: Lab): { ok: true; route: Route } | { ok: false; finding: FindingInput } {
  const client = internalClient(lab);
  if (!client) {
    const e = lab.trace.record({ host: "lab", component: "spr-test", kind: "spr:test.no-internal-client", data: {} });
    return { ok: false, finding: { rule: "spr.post.flows", message: "The lab has no domain-joined computer to test from the internal network.", evidence: [e.id] } };
  }
  const found = discoverInternal(lab, client);
  if (!found.ok) return { ok: false, finding: { rule: "spr.web.scp", host: client.name, component: "spr-client", message: `${found.detail}: internal clients cannot find the Web.`, evidence: found.evidence } };
  return { ok: true, route: { client, url: found.url, web: found.web, internal: true } };
}

/** One route per DMZ web, from the lab's external host (none without one). */
export function externalRoutes(lab: Lab): Route[] {
  const client = externalClient(lab);
  if (!client) return [];
  return externalWebs(lab).map(({ web, url }) => ({ client, url, web, internal: false }));
}
