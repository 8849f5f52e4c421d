import type { Host } from "../../host/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import type { SpsState } from "./sps-state.ts";
import { compareVersions, SPS_ADMIN, SPS_LATEST, SPS_PCN, SPS_SERVER } from "./versions.ts";

/** Writable DCs, in the directory's order (the ones whose notifiers see changes). */
export function writableDcs(lab: Lab): Host[] {
  return lab.domain().domainControllers().filter((d) => !d.readOnly).map((d) => lab.host(d.host));
}

/** The version the estate is being upgraded to: the newest installed anywhere (the latest when nothing is). */
export function targetVersion(lab: Lab): string {
  let best: string | undefined;
  for (const h of lab.hosts()) {
    for (const c of [SPS_PCN, SPS_SERVER, SPS_ADMIN]) {
      const v = h.products.byComponent(c)?.version;
      if (v && (!best || compareVersions(v, best) > 0)) best = v;
    }
  }
  return best ?? SPS_LATEST;
}

/** Components installed below the target version, as "component version on HOST". */
export function componentsBehind(lab: Lab, version: string): string[] {
  const out: string[] = [];
  for (const h of lab.hosts()) {
    for (const c of [SPS_PCN, SPS_SERVER, SPS_ADMIN]) {
      const v = h.products.byComponent(c)?.version;
      if (v && compareVersions(v, version) < 0) out.push(`${c} ${v} on ${h.name}`);
    }
  }
  return out;
}

/** The user the lab's checks change passwords for: the last one a step changed, else the first non-admin account of the lab. */
export function testUser(lab: Lab, state: SpsState): string {
  const last = state.changes.at(-1)?.user;
  if (last) return last;
  const directory = lab.domain();
  const account = (lab.spec.domain?.accounts ?? []).find((a) => !directory.isMemberOf(a.name, "Domain Admins") && !directory.isMemberOf(a.name, "Enterprise Admins"));
  if (!account) {
    throw new LabError({ code: "SPS_NO_TEST_USER", message: "the sync checks need a test user: add a non-admin account to lab.domain.accounts", remedy: "lab.domain.accounts: [{ name: jdoe, password: ..., ou: ... }]" });
  }
  return account.name;
}
