/**
 * What a host's stateful Windows Firewall remembers of the datagrams it sent:
 * a datagram back from the same remote address and port to the same local
 * port within the timeout passes without an inbound rule. (The lab's
 * timeout; Windows keeps UDP state for a comparable minute.)
 */
export class UdpFlows {
  /** Last send time by local endpoint, then remote endpoint (each ip * 65536 + port: exact in a double, no key string per datagram). */
  readonly #lastSent = new Map<number, Map<number, number>>();

  constructor(readonly timeoutMs: number) {}

  noteSent(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): void {
    const local = endpointKey(hostIp, localPort);
    let remotes = this.#lastSent.get(local);
    if (!remotes) this.#lastSent.set(local, (remotes = new Map()));
    remotes.set(endpointKey(remoteIp, remotePort), now);
  }

  isReply(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): boolean {
    const remotes = this.#lastSent.get(endpointKey(hostIp, localPort));
    if (!remotes) return false;
    const remote = endpointKey(remoteIp, remotePort);
    const sent = remotes.get(remote);
    if (sent === undefined) return false;
    if (now - sent > this.timeoutMs) {
      remotes.delete(remote);
      return false;
    }
    return true;
  }
}

function endpointKey(ip: number, port: number): number {
  return ip * 65536 + port;
}
