import { LabError, type LabContext } from "../kernel/index.ts";
import type { BindOptions, Datagram, DatagramSocket, DatagramTransport } from "./datagram-transport.ts";
import { checkBindPort, checkDestination, formatEndpoint, type Endpoint } from "./endpoint.ts";
import { parseIpv4 } from "./ipv4.ts";
import type { NetCounters } from "./net-stats.ts";
import type { NodeTable, RegisteredNode } from "./node-table.ts";
import type { PortTable } from "./port-table.ts";
import type { UdpFlows } from "./udp-flows.ts";
import type { Packet, Wire } from "./wire.ts";

/** UDP on the simulated network: every datagram crosses the wire and arrives on the lab clock. */
export class SimDatagramTransport implements DatagramTransport {
  constructor(
    private readonly context: LabContext,
    private readonly nodes: NodeTable,
    private readonly wire: Wire,
    private readonly ports: PortTable<SimDatagramSocket>,
    private readonly flows: UdpFlows,
    private readonly counters: NetCounters,
  ) {}

  /** `host` is a host name or its address. */
  async bind(host: string, port: number, options: BindOptions = {}): Promise<DatagramSocket> {
    return this.bindNow(host, port, options);
  }

  /** The same, synchronously, for simulated code that cannot await. */
  bindNow(host: string, port: number, options: BindOptions = {}): SimDatagramSocket {
    const node = this.nodes.lookup(host);
    checkBindPort(port);
    return this.ports.claim(node.name, port, (bound) => new SimDatagramSocket(this, node, bound, options.program));
  }

  /** @internal */ send(socket: SimDatagramSocket, to: Endpoint, payload: Uint8Array): void {
    checkDestination(to);
    // A copy, so the sender may reuse its buffer: a slice of Node's buffer pool, which costs a third of a
    // Uint8Array with its own backing store, and is what a real socket hands out (a Buffer).
    const bytes = copyOf(payload);
    const toIp = parseIpv4(to.address);
    const from = socket.node;
    this.flows.noteSent(from.ip, socket.local.port, toIp, to.port, this.context.clock.now());
    const packet: Packet = { protocol: "udp", from, sourcePort: socket.local.port, to: toIp, destinationPort: to.port, bytes: bytes.length, segment: "datagram" };
    this.wire.transmit(packet, { scramble: true }, (dest, copy) => this.#arrive(packet, dest, bytes, copy));
  }

  /** @internal */ unbind(socket: SimDatagramSocket): void {
    if (this.ports.owner(socket.node.name, socket.local.port) === socket) this.ports.release(socket.node.name, socket.local.port);
  }

  #arrive(packet: Packet, dest: RegisteredNode, bytes: Uint8Array, copy: { duplicate: boolean; latencyMs: number }): void {
    const socket = this.ports.owner(dest.name, packet.destinationPort);
    const now = this.context.clock.now();
    const isReply = this.flows.isReply(dest.ip, packet.destinationPort, packet.from.ip, packet.sourcePort, now);
    const inbound = this.wire.checkInbound(packet, dest, socket?.program, isReply);
    if (!inbound.ok) {
      this.wire.drop(packet, inbound, dest.name);
      return;
    }
    if (!socket) {
      this.wire.drop(packet, { reason: "no-listener", detail: `nothing listens on udp ${packet.destinationPort} of ${dest.name}` }, dest.name);
      return;
    }
    this.wire.delivered(packet, dest, copy.duplicate ? { latencyMs: copy.latencyMs, duplicate: true } : { latencyMs: copy.latencyMs });
    const datagram: Datagram = { from: { address: packet.from.address, port: packet.sourcePort }, to: socket.local, payload: bytes };
    socket.dispatch(datagram, (error) => {
      this.counters.handlerErrors++;
      this.context.trace.record({
        host: dest.name,
        component: "net",
        kind: "net.handler-error",
        data: { socket: formatEndpoint(socket.local), message: error instanceof Error ? error.message : String(error) },
      });
    });
  }
}

export class SimDatagramSocket implements DatagramSocket {
  readonly local: Endpoint;
  readonly #handlers: ((datagram: Datagram) => void)[] = [];
  #open = true;

  constructor(
    private readonly transport: SimDatagramTransport,
    readonly node: RegisteredNode,
    port: number,
    readonly program: string | undefined,
  ) {
    this.local = Object.freeze({ address: node.address, port });
  }

  get open(): boolean {
    return this.#open;
  }

  send(to: Endpoint, payload: Uint8Array): void {
    if (!this.#open) throw new LabError({ code: "NET_SOCKET_CLOSED", message: `socket ${formatEndpoint(this.local)} on ${this.node.name} is closed` });
    this.transport.send(this, to, payload);
  }

  onMessage(handler: (datagram: Datagram) => void): void {
    this.#handlers.push(handler);
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.transport.unbind(this);
  }

  /** @internal A handler's exception must not unwind the lab clock: it is reported, the others still run. */
  dispatch(datagram: Datagram, onError: (error: unknown) => void): void {
    for (const handler of this.#handlers) {
      try {
        handler({ from: datagram.from, to: datagram.to, payload: copyOf(datagram.payload) });
      } catch (error) {
        onError(error);
      }
    }
  }
}

/** A copy of a datagram's bytes as a Buffer (a real socket's type), from the pool when small. */
function copyOf(payload: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafe(payload.length);
  copy.set(payload, 0);
  return copy;
}
