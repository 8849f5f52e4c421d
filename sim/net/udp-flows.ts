/**
 * What a host's stateful Windows Firewall remembers of the datagrams it sent:
 * a datagram back from the same remote address and port to the same local
 * port within the timeout passes without an inbound rule. (The lab's
 * timeout; Windows keeps UDP state for a comparable minute.)
 */
export class UdpFlows {
  readonly #lastSent = new Map<string, number>();

  constructor(readonly timeoutMs: number) {}

  noteSent(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): void {
    this.#lastSent.set(key(hostIp, localPort, remoteIp, remotePort), now);
  }

  isReply(hostIp: number, localPort: number, remoteIp: number, remotePort: number, now: number): boolean {
    const k = key(hostIp, localPort, remoteIp, remotePort);
    const sent = this.#lastSent.get(k);
    if (sent === undefined) return false;
    if (now - sent > this.timeoutMs) {
      this.#lastSent.delete(k);
      return false;
    }
    return true;
  }
}

function key(hostIp: number, localPort: number, remoteIp: number, remotePort: number): string {
  return `${hostIp}:${localPort}|${remoteIp}:${remotePort}`;
}
