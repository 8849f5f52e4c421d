import { memoPure } from "../kernel/index.ts";
import { wildcardHostMatches, type Binding, type BindingProtocol } from "./binding.ts";

/** Where a request arrived: the server's address and port, and the Host header (or TLS server name). */
export interface ConnectionInfo {
  readonly protocol: BindingProtocol;
  readonly localIp: string;
  readonly port: number;
  /** Host header without its port; "" when the client sent none. */
  readonly hostName: string;
}

export interface BindingCandidate<S> {
  readonly site: S;
  readonly binding: Binding;
}

/**
 * Picks the binding that serves a request, the way http.sys orders IIS's URL
 * registrations: a binding naming the host beats one with a wildcard host
 * name, which beats one without a host name; at equal host specificity a
 * binding on the server's own IP beats "All Unassigned". Earlier candidates
 * win ties (the caller lists sites by id).
 */
export function selectBinding<S>(candidates: readonly BindingCandidate<S>[], connection: ConnectionInfo): BindingCandidate<S> | undefined {
  const host = normaliseHostHeader(connection.hostName);
  let best: BindingCandidate<S> | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = bindingScore(candidate.binding, connection, host);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** -1 when the binding does not take the request, else higher is more specific. */
export function bindingScore(binding: Binding, connection: Omit<ConnectionInfo, "hostName">, host: string): number {
  if (binding.protocol !== connection.protocol || binding.port !== connection.port) return -1;
  if (binding.ip !== "*" && binding.ip !== connection.localIp) return -1;
  let hostScore: number;
  if (binding.hostName === "") hostScore = 0;
  else if (binding.hostName === host) hostScore = 4;
  else if (wildcardHostMatches(binding.hostName, host)) hostScore = 2;
  else return -1;
  return hostScore + (binding.ip === "*" ? 0 : 1);
}

/** "Web01.Corp.Example:8443" -> "web01.corp.example"; IPv6 literals are not modelled. */
export function normaliseHostHeader(value: string | undefined): string {
  return normalisedHost(value ?? "");
}

/** Memoised (a pure function): every request names one of the same few hosts. */
const normalisedHost = memoPure((value: string): string => value.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, ""));
