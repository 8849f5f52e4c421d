import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { SPR_WEB } from "./components.ts";
import { hostsWith } from "./estate.ts";
import { SCP_KEYWORD } from "./paths.ts";
import { readWebConfig } from "./web-config.ts";
import { webUrl } from "./install-web.ts";

export type Discovery = { readonly ok: true; readonly url: string; readonly web: Host | undefined } | { readonly ok: false; readonly evidence: readonly number[]; readonly detail: string };

/** How an internal client finds the Web: the Service Connection Point, read as that computer. */
export function discoverInternal(lab: Lab, client: Host): Discovery {
  const scps = lab.directory?.findServiceConnectionPoints(SCP_KEYWORD, client.name) ?? [];
  const url = scps[0]?.serviceBindingInformation[0];
  if (!url) {
    const e = client.record("spr-client", "spr:client.scp-not-found", { keyword: SCP_KEYWORD, joined: client.joined });
    return { ok: false, evidence: [e.id], detail: `${client.name} found no Service Connection Point "${SCP_KEYWORD}" in the directory` };
  }
  client.record("spr-client", "spr:client.scp-found", { url, computer: scps[0]!.computer });
  return { ok: true, url, web: lab.findHost(scps[0]!.computer) };
}

/** Webs in the DMZ with the URL external users type (their first presented name). */
export function externalWebs(lab: Lab): { web: Host; url: string }[] {
  return hostsWith(lab, SPR_WEB)
    .filter((h) => h.zone === "dmz")
    .map((web) => ({ web, url: webUrl(readWebConfig(web.fs)?.names ?? [web.name.toLowerCase()]) }));
}
