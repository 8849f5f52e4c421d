import type { Host } from "../../host/index.ts";
import { DEFAULT_SITE } from "../../iis/index.ts";
import { isLabError, LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";

export interface BindRequest {
  site?: string | undefined;
  port?: number | undefined;
  ip?: string | undefined;
  hostName?: string | undefined;
  sni?: boolean | undefined;
}

/**
 * IIS Manager's "Edit Site Binding": the site's https binding on that port
 * (and host name) gets the certificate, or a new https binding is added.
 * IIS's refusals (certificate not in My, no private key, a conflicting
 * binding) are traced by IIS and end the bind without an error.
 */
export function bindCertificate(lab: Lab, host: Host, thumbprint: string, request: BindRequest): void {
  const iis = lab.iis(host.name);
  if (!iis) throw new LabError({ code: "IIS_NOT_INSTALLED", message: `IIS is not installed on ${host.name}`, remedy: "add it first: `feature: { host, add: iis }` or features: [iis] in the lab" });
  const siteName = request.site ?? DEFAULT_SITE;
  const site = iis.site(siteName);
  if (!site) throw new LabError({ code: "IIS_SITE_UNKNOWN", message: `no site "${siteName}" on ${host.name}; sites: ${iis.sites().map((s) => s.name).join(", ") || "none"}` });
  const port = request.port ?? 443;
  const hostName = request.hostName?.trim().toLowerCase();
  const matches = site.bindings.filter((b) => b.protocol === "https" && b.port === port && (hostName === undefined || b.hostName === hostName) && (request.ip === undefined || b.ip === request.ip));
  if (matches.length > 1) {
    throw new LabError({ code: "IIS_BINDING_AMBIGUOUS", message: `site "${site.name}" has ${matches.length} https bindings on port ${port}; name the hostName (or ip)` });
  }
  try {
    if (matches.length === 1) {
      const b = matches[0]!;
      iis.setBindingCertificate(site.name, { protocol: "https", ip: b.ip, port: b.port, hostName: b.hostName }, thumbprint);
    } else {
      iis.addBinding(site.name, {
        protocol: "https",
        port,
        certificateThumbprint: thumbprint,
        ...(request.ip !== undefined ? { ip: request.ip } : {}),
        ...(hostName !== undefined ? { hostName } : {}),
        ...(request.sni ? { sni: true } : {}),
      });
    }
  } catch (error) {
    // A malformed binding is the scenario's mistake, not something IIS Manager would let through.
    if (!isLabError(error) || !error.code.startsWith("IIS_") || error.code === "IIS_BINDING_INVALID") throw error;
    host.record("estate", "cert.bind-failed", { site: site.name, port, thumbprint, code: error.code, message: error.message });
  }
}
