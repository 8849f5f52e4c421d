import type { Host } from "../../sim/host/index.ts";
import { serveReal, type Binding, type RealServer } from "../../sim/iis/index.ts";
import { isLabError, LabError } from "../../sim/kernel/index.ts";
import type { Lab } from "../../sim/lab.ts";
import { startAprRealFront, type AprRealFront } from "./apr-real-front.ts";
import { pageNames } from "./page-names.ts";
import type { RealAprServer } from "./real-apr-servers.ts";

export interface ServePagesOptions {
  /** The first site's port; each further site takes the next. 0 (default): any free ports. */
  readonly port?: number;
  /** The lab host the browser plays: names resolve from it, handlers see it as the client. Default: defaultClient(lab). */
  readonly client?: string;
}

/** A certificate a served site presents, with its dates (a real browser checks them against the host's clock). */
export interface ServedCertificate {
  readonly thumbprint: string;
  readonly dnsNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface ServedSite {
  readonly host: string;
  readonly site: string;
  readonly protocol: "http" | "https";
  readonly port: number;
  /** The names a browser on the client reaches this host by. */
  readonly names: readonly string[];
  /** The site's application paths ("/", "/pwreset", ...). */
  readonly applications: readonly string[];
  readonly certificates: readonly ServedCertificate[];
  /** Whose time requests run in: "lab" (the handler waits on the simulated network, which moves the lab clock) or "host". */
  readonly time: "lab" | "host";
}

export interface UnservedSite {
  readonly host: string;
  readonly site: string;
  readonly code: string;
  readonly reason: string;
}

export interface PagesServer {
  readonly client?: string;
  readonly sites: readonly ServedSite[];
  /** Sites that could not be served (an https binding without a usable certificate: the browser would see a reset). */
  readonly unserved: readonly UnservedSite[];
  /** The APR Servers now also on real UDP. */
  readonly apr: readonly RealAprServer[];
  /** Every name of every served site: for the browser's host resolver rules. */
  readonly names: readonly string[];
  /**
   * The real address of a page the lab knows by its lab address
   * (`https://reset.corp.example/SpecopsPasswordReset/` ->
   * `https://reset.corp.example:40123/SpecopsPasswordReset/`): the name
   * is kept, the port is the served site's.
   */
  url(labUrl: string): string;
  close(): Promise<void>;
}

/**
 * Serves every IIS site of the lab over real HTTP(S) on 127.0.0.1 (serveReal:
 * the bound certificates with their real keys, the same pipeline and
 * handlers), and puts Netwrix Password Reset on real UDP (startAprRealFront).
 * Sites whose pages wait on the simulated network (the Specops Web asks its
 * Server over the lab's streams) run each request under lab.network.run, so
 * lab time moves for them; the APR Web Interface waits in host time and
 * leaves the lab clock alone.
 */
export async function servePages(lab: Lab, options: ServePagesOptions = {}): Promise<PagesServer> {
  const client = options.client ?? defaultClient(lab)?.name;
  if (client !== undefined) lab.host(client);
  const firstPort = options.port ?? 0;
  if (!Number.isInteger(firstPort) || firstPort < 0 || firstPort > 65535) throw new LabError({ code: "BAD_ARGUMENT", message: `port ${firstPort} is not between 0 and 65535 (0 = any free ports)` });

  const apr = await startAprRealFront(lab);
  const running: { served: ServedSite; real: RealServer; bindings: readonly Binding[] }[] = [];
  const unserved: UnservedSite[] = [];
  try {
    let nextPort = firstPort;
    for (const host of lab.hosts()) {
      const iis = lab.iis(host.name);
      if (!iis) continue;
      const time = apr.webHosts.includes(host.name) ? "host" : "lab";
      const names = pageNames(lab, host, client ?? host.name);
      for (const site of iis.sites()) {
        const port = firstPort === 0 ? 0 : nextPort++;
        try {
          const real = await serveReal(iis, site.name, {
            port,
            ...(client !== undefined ? { clientHost: client } : {}),
            ...(time === "lab" ? { run: <T>(work: Promise<T>) => lab.network.run(work) } : {}),
          });
          const served: ServedSite = {
            host: host.name,
            site: site.name,
            protocol: real.protocol,
            port: real.port,
            names,
            applications: site.applications.map((a) => a.path),
            certificates: certificatesOf(host, site.bindings),
            time,
          };
          running.push({ served, real, bindings: site.bindings });
        } catch (error) {
          if (!isLabError(error) || error.code !== "IIS_CERT_UNUSABLE") throw error;
          unserved.push({ host: host.name, site: site.name, code: error.code, reason: error.message });
        }
      }
    }
  } catch (error) {
    await Promise.all(running.map((r) => r.real.close()));
    apr.close();
    throw error;
  }

  return {
    ...(client !== undefined ? { client } : {}),
    sites: running.map((r) => r.served),
    unserved,
    apr: apr.servers,
    names: [...new Set(running.flatMap((r) => r.served.names))].sort(),
    url: (labUrl) => realUrl(lab, client, running, labUrl),
    close: async () => {
      await Promise.all(running.map((r) => r.real.close()));
      apr.close();
    },
  };
}

/** The browsing host a lab suggests: a joined internal workstation, else any workstation. */
export function defaultClient(lab: Lab): Host | undefined {
  const clients = lab.hosts().filter((h) => h.os.kind === "client");
  return clients.find((h) => h.joined && h.zone === "internal") ?? clients[0];
}

function certificatesOf(host: Host, bindings: readonly Binding[]): ServedCertificate[] {
  const thumbprints = new Set(bindings.flatMap((b) => (b.protocol === "https" && b.certificateThumbprint ? [b.certificateThumbprint] : [])));
  return [...thumbprints].flatMap((t) => {
    const cert = host.certs.existing("LocalMachine", "My")?.get(t)?.certificate;
    return cert ? [{ thumbprint: cert.thumbprint, dnsNames: cert.dnsNames, notBefore: cert.notBefore, notAfter: cert.notAfter }] : [];
  });
}

function realUrl(lab: Lab, client: string | undefined, running: readonly { served: ServedSite; bindings: readonly Binding[] }[], labUrl: string): string {
  let url: URL;
  try {
    url = new URL(labUrl);
  } catch {
    throw new LabError({ code: "BAD_ARGUMENT", message: `"${labUrl}" is not an absolute URL (e.g. https://web01.corp.example/pwreset/)` });
  }
  const protocol = url.protocol.replace(":", "");
  const name = url.hostname.toLowerCase();
  const labPort = url.port === "" ? (protocol === "https" ? 443 : 80) : Number(url.port);
  const onHost = running.filter((r) => r.served.names.includes(name));
  if (onHost.length === 0) {
    const resolved = client ? lab.network.resolve(client, name) : undefined;
    const why = resolved && !resolved.ok ? resolved.detail : `no served site's host is known as ${name}`;
    throw new LabError({ code: "PAGES_NO_SITE", message: `${labUrl}: ${why}; served names: ${running.flatMap((r) => r.served.names).join(", ") || "none"}` });
  }
  const listens = (r: (typeof running)[number]) => r.bindings.some((b) => b.protocol === protocol && b.port === labPort && (b.hostName === "" || b.hostName === name));
  const site = onHost.find(listens);
  if (!site) {
    const what = onHost.map((r) => r.served.site).join(", ");
    throw new LabError({ code: "PAGES_NO_SITE", message: `${labUrl}: no site of ${onHost[0]!.served.host} listens on ${protocol} port ${labPort} for ${name}; its sites: ${what}` });
  }
  if (site.served.protocol !== protocol) {
    throw new LabError({
      code: "PAGES_NO_SITE",
      message: `${labUrl}: site "${site.served.site}" of ${site.served.host} is served over ${site.served.protocol} only (one real port per site; a site with an https binding is served over https)`,
      remedy: `Ask for ${site.served.protocol}://${name}/${url.pathname.replace(/^\//, "")}`,
    });
  }
  url.port = String(site.served.port);
  return url.toString();
}
