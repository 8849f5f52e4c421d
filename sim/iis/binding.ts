import { LabError } from "../kernel/index.ts";

export type BindingProtocol = "http" | "https";

/**
 * A site binding, as applicationHost.config holds it: protocol and
 * "ip:port:hostName" ("*:443:web01.corp.example"). An https binding names
 * its certificate by thumbprint (the http.sys SSL binding behind it); `sni`
 * is IIS 8's "Require Server Name Indication".
 */
export interface Binding {
  readonly protocol: BindingProtocol;
  /** An IPv4 address or "*" (All Unassigned). */
  readonly ip: string;
  readonly port: number;
  /** Host header; "" matches any. */
  readonly hostName: string;
  readonly certificateThumbprint?: string;
  readonly sni?: boolean;
}

export interface BindingInit {
  protocol: BindingProtocol;
  ip?: string;
  /** Defaults to 80 for http and 443 for https. */
  port?: number;
  hostName?: string;
  certificateThumbprint?: string;
  sni?: boolean;
}

/** Selects bindings of a site; absent fields match anything. */
export interface BindingMatch {
  protocol?: BindingProtocol;
  ip?: string;
  port?: number;
  hostName?: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*$/;

export const DEFAULT_PORT: Readonly<Record<BindingProtocol, number>> = { http: 80, https: 443 };

/** Validates a binding as IIS Manager's "Add Site Binding" dialog does; the certificate is checked by the server. */
export function normaliseBinding(init: BindingInit): Binding {
  if (init?.protocol !== "http" && init?.protocol !== "https") {
    throw invalid(`protocol must be "http" or "https", got ${JSON.stringify(init?.protocol)}`);
  }
  const ip = (init.ip ?? "*").trim();
  if (ip !== "*" && !IPV4.test(ip)) throw invalid(`IP address "${init.ip}" is neither "*" (All Unassigned) nor an IPv4 address`);
  const port = init.port ?? DEFAULT_PORT[init.protocol];
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(`port ${JSON.stringify(init.port)} is not between 1 and 65535`);
  const hostName = (init.hostName ?? "").trim().toLowerCase();
  if (hostName !== "" && !HOST_NAME.test(hostName)) throw invalid(`host name "${init.hostName}" is not a DNS name`);
  if (init.protocol === "http" && init.certificateThumbprint !== undefined) throw invalid("an http binding carries no certificate");
  if (init.sni && init.protocol !== "https") throw invalid("Server Name Indication applies to https bindings only");
  if (init.sni && hostName === "") throw invalid("Server Name Indication needs a host name");
  return Object.freeze({
    protocol: init.protocol,
    ip,
    port,
    hostName,
    ...(init.certificateThumbprint !== undefined ? { certificateThumbprint: init.certificateThumbprint } : {}),
    ...(init.sni ? { sni: true } : {}),
  });
}

/** "ip:port:hostName" as applicationHost.config and appcmd show it. */
export function bindingInformation(binding: Pick<Binding, "ip" | "port" | "hostName">): string {
  return `${binding.ip}:${binding.port}:${binding.hostName}`;
}

export function describeBinding(binding: Binding): string {
  return `${binding.protocol} ${bindingInformation(binding)}`;
}

/** Same protocol and binding information: two such bindings cannot both be served. */
export function sameBinding(a: Binding, b: Binding): boolean {
  return a.protocol === b.protocol && bindingInformation(a) === bindingInformation(b);
}

export function bindingMatches(binding: Binding, match: BindingMatch): boolean {
  return (
    (match.protocol === undefined || match.protocol === binding.protocol) &&
    (match.ip === undefined || match.ip.trim() === binding.ip) &&
    (match.port === undefined || match.port === binding.port) &&
    (match.hostName === undefined || match.hostName.trim().toLowerCase() === binding.hostName)
  );
}

/**
 * Whether a wildcard host name ("*.corp.example", IIS 10 and later) covers a
 * name. The lab takes one label for the star, like certificate wildcards.
 */
export function wildcardHostMatches(pattern: string, name: string): boolean {
  if (!pattern.startsWith("*.")) return false;
  const suffix = pattern.slice(1);
  return name.endsWith(suffix) && !name.slice(0, -suffix.length).includes(".") && name.length > suffix.length;
}

function invalid(message: string): LabError {
  return new LabError({ code: "IIS_BINDING_INVALID", message: `binding: ${message}` });
}
