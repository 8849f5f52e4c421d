import type { Lab } from "../../lab.ts";
import { IIS_HANDLER_ID } from "./apr-layout.ts";

/** One published Web Interface: a host, an IIS site and the application's virtual directory. */
export interface WebTarget {
  readonly host: string;
  readonly site: string;
  /** The application path without slashes ("pwreset"; "" for a site root). */
  readonly vdir: string;
  readonly folder: string;
  readonly baseUrl: string;
}

/** Every Web Interface IIS serves in the lab, found the way IIS finds them: applications with APR's handler. */
export function webTargets(lab: Lab): WebTarget[] {
  const out: WebTarget[] = [];
  for (const host of lab.hosts()) {
    const iis = lab.iis(host.name);
    if (!iis) continue;
    for (const site of iis.sites()) {
      const http = site.bindings.find((b) => b.protocol === "http") ?? site.bindings[0];
      if (!http) continue;
      for (const app of site.applications) {
        if (app.handler !== IIS_HANDLER_ID) continue;
        const root = app.virtualDirectories.find((v) => v.path === "/")!.physicalPath;
        const vdir = app.path.replace(/^\/+|\/+$/g, "");
        const hostPart = http.hostName || host.ip;
        const port = (http.protocol === "http" && http.port === 80) || (http.protocol === "https" && http.port === 443) ? "" : `:${http.port}`;
        out.push({ host: host.name, site: site.name, vdir, folder: root, baseUrl: `${http.protocol}://${hostPart}${port}/${vdir ? `${vdir}/` : ""}` });
      }
    }
  }
  return out;
}

/**
 * Where a user of that Web Interface browses from: the Internet for a web in
 * the DMZ (a host in the external zone, when the lab has one), else another
 * host of the web's own zone, else the web server itself.
 */
export function browserFor(lab: Lab, target: WebTarget): string {
  const web = lab.host(target.host);
  const hosts = lab.hosts();
  if (web.zone === "dmz") {
    const outside = hosts.find((h) => h.zone === "external");
    if (outside) return outside.name;
  }
  const sameZone = hosts.find((h) => h.zone === web.zone && h.name !== web.name && !h.isDomainController && h.os.kind === "client")
    ?? hosts.find((h) => h.zone === web.zone && h.name !== web.name && !h.isDomainController);
  return sameZone?.name ?? web.name;
}
