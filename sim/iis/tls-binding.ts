import type { Binding } from "./binding.ts";
import { bindingScore, normaliseHostHeader, type BindingCandidate } from "./binding-selection.ts";

/**
 * The https binding whose certificate http.sys presents for a TLS
 * connection: an SNI binding (IIS 8 and later) for the server name the
 * client sent, else the IP:port binding, specific IP before "All
 * Unassigned". Without SNI, http.sys keeps one certificate per IP:port
 * whatever the host name, which is why IIS reassigns it across sites.
 */
export function selectTlsBinding<S>(
  candidates: readonly BindingCandidate<S>[],
  connection: { localIp: string; port: number; serverName?: string | undefined },
): BindingCandidate<S> | undefined {
  const https = candidates.filter((c) => c.binding.protocol === "https" && c.binding.port === connection.port);
  const serverName = normaliseHostHeader(connection.serverName);
  if (serverName !== "") {
    let best: BindingCandidate<S> | undefined;
    let bestScore = 1; // must match the name (a score of 2 or more)
    for (const candidate of https) {
      if (!candidate.binding.sni) continue;
      const score = bindingScore(candidate.binding, { protocol: "https", localIp: connection.localIp, port: connection.port }, serverName);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best) return best;
  }
  const ipPort = https.filter((c) => !c.binding.sni && (c.binding.ip === connection.localIp || c.binding.ip === "*"));
  return ipPort.find((c) => c.binding.ip === connection.localIp) ?? ipPort[0];
}

/** Whether two non-SNI https bindings share http.sys's IP:port certificate slot. */
export function sharesCertificateSlot(a: Binding, b: Binding): boolean {
  return a.protocol === "https" && b.protocol === "https" && !a.sni && !b.sni && a.ip === b.ip && a.port === b.port;
}
