/**
 * What a host's stateful Windows Firewall remembers of the datagrams it sent:
 * a datagram back from the same remote address and port to the same local
 * port within the timeout passes without an inbound rule. (The lab's
 * timeout; Windows keeps UDP state for a comparable minute.)
 */
export class UdpFlows {
  /** Last send time by local endpoint, then remote endpoint (each ip * 65536 + port: exact in a double, no key string per datagram). */
  readonly #lastSent = new Map<number, SentFrom>();

  constructor(readonly timeoutMs: number) {}

  noteSent(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): void {
    const local = endpointKey(hostIp, localPort);
    const remote = endpointKey(remoteIp, remotePort);
    const from = this.#lastSent.get(local);
    if (!from) this.#lastSent.set(local, { remote, at: now, others: undefined });
    else if (from.remote === remote || from.at === undefined) {
      from.remote = remote;
      from.at = now;
    } else (from.others ??= new Map()).set(remote, now);
  }

  isReply(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): boolean {
    const from = this.#lastSent.get(endpointKey(hostIp, localPort));
    if (!from) return false;
    const remote = endpointKey(remoteIp, remotePort);
    const sent = from.remote === remote ? from.at : from.others?.get(remote);
    if (sent === undefined) return false;
    if (now - sent > this.timeoutMs) {
      if (from.remote === remote) from.at = undefined;
      else from.others!.delete(remote);
      return false;
    }
    return true;
  }
}

/**
 * The sends of one local endpoint: nearly always to one remote (a web's
 * socket to its server), kept inline, so a socket costs one small record
 * rather than a Map of its own; any further remotes go to `others`.
 * `at` undefined: the inline remote's state has expired.
 */
interface SentFrom {
  remote: number;
  at: number | undefined;
  others: Map<number, number> | undefined;
}

function endpointKey(ip: number, port: number): number {
  return ip * 65536 + port;
}
