import { LabError, type LabContext } from "../kernel/index.ts";
import { checkBindPort, checkDestinationPort } from "./endpoint.ts";
import { parseIpv4 } from "./ipv4.ts";
import type { NameResolver } from "./name-resolver.ts";
import type { NetCounters } from "./net-stats.ts";
import type { NodeTable, RegisteredNode } from "./node-table.ts";
import type { PortTable } from "./port-table.ts";
import { SimStreamConnection, SimStreamListener, type LastDrop, type StreamEngine } from "./sim-stream-connection.ts";
import type { StreamTiming } from "./stream-timing.ts";
import type { ConnectResult, ExchangeResult, ListenOptions, StreamFailure, StreamHandler, StreamListener, StreamTransport } from "./stream-transport.ts";
import type { Packet, Wire } from "./wire.ts";

export type TcpSocket = SimStreamListener | SimStreamConnection;

/**
 * TCP-like streams on the simulated network. Segments cross the same wire
 * as datagrams (routing, partition, perimeter rules, loss, delay); the SYN
 * also meets the server's Windows Firewall. TCP hides duplication and
 * reordering, so those faults do not touch streams; loss costs
 * retransmissions. The perimeter is stateless, so every reply segment needs
 * the reply rule too; the host firewalls are stateful.
 */
export class SimStreamTransport implements StreamTransport, StreamEngine {
  #nextConnection = 1;

  constructor(
    private readonly context: LabContext,
    private readonly nodes: NodeTable,
    private readonly resolver: NameResolver,
    private readonly wire: Wire,
    private readonly ports: PortTable<TcpSocket>,
    private readonly counters: NetCounters,
    private readonly timing: StreamTiming,
  ) {}

  listen<Req = unknown, Res = unknown>(host: string, port: number, handler: StreamHandler<Req, Res>, options: ListenOptions = {}): StreamListener {
    const node = this.nodes.lookup(host);
    checkBindPort(port);
    if (typeof handler !== "function") throw new LabError({ code: "NET_HANDLER_INVALID", message: `listen on ${node.name}:${port} needs a handler function` });
    return this.ports.claim(
      node.name,
      port,
      (bound) => new SimStreamListener(node, bound, handler as StreamHandler<unknown, unknown>, options.program, (l) => this.#unlisten(l)),
    );
  }

  async connect(fromHost: string, toName: string, port: number): Promise<ConnectResult> {
    const from = this.nodes.lookup(fromHost);
    checkDestinationPort(port);
    const resolution = this.resolver.resolve(from.name, toName);
    if (!resolution.ok) {
      const traceId = this.wire.unresolved(from, toName, "tcp", port, resolution.detail);
      return { ok: false, symptom: "unresolved", reason: "unresolved", detail: resolution.detail, traceId };
    }
    const toIp = parseIpv4(resolution.address);
    const connection = this.ports.claim(from.name, 0, (p) => new SimStreamConnection(this, this.#nextConnection++, from, p, toIp, port, toName));
    return new Promise((resolve) => this.#handshake(connection, resolve));
  }

  /** @internal */ release(connection: SimStreamConnection): void {
    if (this.ports.owner(connection.node.name, connection.port) === connection) this.ports.release(connection.node.name, connection.port);
  }

  /** @internal One request out, its response back, each segment retransmitted on a drop. */
  exchange(connection: SimStreamConnection, message: unknown, settle: (result: ExchangeResult<unknown>) => void): void {
    const { clock } = this.context;
    const id = connection.nextRequestId();
    const started = clock.now();
    const timeout = clock.schedule(this.timing.requestTimeoutMs, () => finish(timedOut(connection.lastDrop, `no response within ${this.timing.requestTimeoutMs} ms`)), "net.request-timeout");
    const finish = (result: ExchangeResult<unknown>): void => {
      if (!connection.pending.delete(id)) return;
      clock.cancel(timeout.id);
      settle(result);
    };
    connection.pending.set(id, finish);
    const packet = this.#segment(connection.node, connection.port, connection.toIp, connection.toPort, "request", sizeOf(message));
    this.#sendReliably(connection, packet, (server) => this.#serve(connection, server, packet, message, id, started, finish));
  }

  #handshake(connection: SimStreamConnection, settle: (result: ConnectResult) => void): void {
    const { clock } = this.context;
    const timers: number[] = [];
    let done = false;
    const finish = (result: ConnectResult): void => {
      if (done) return;
      done = true;
      for (const id of timers) clock.cancel(id);
      if (!result.ok) this.release(connection);
      settle(result);
    };
    const syn = this.#segment(connection.node, connection.port, connection.toIp, connection.toPort, "syn", 0);
    const sendSyn = (): void => {
      if (done) return;
      const sent = this.wire.transmit(syn, { scramble: false }, (server) => {
        if (!done) this.#synArrives(connection, server, syn, finish, () => done);
      });
      if (!sent.sent) connection.lastDrop = sent;
    };
    sendSyn();
    for (const at of this.timing.synRetransmitAtMs) timers.push(clock.schedule(at, sendSyn, "net.syn-retransmit").id);
    timers.push(
      clock.schedule(this.timing.connectTimeoutMs, () => finish(timedOut(connection.lastDrop, `no answer to the connection attempt within ${this.timing.connectTimeoutMs} ms`)), "net.connect-timeout").id,
    );
  }

  #synArrives(connection: SimStreamConnection, server: RegisteredNode, syn: Packet, finish: (result: ConnectResult) => void, settled: () => boolean): void {
    const owner = this.ports.owner(server.name, syn.destinationPort);
    const listener = owner instanceof SimStreamListener ? owner : undefined;
    const inbound = this.wire.checkInbound(syn, server, listener?.program, false);
    if (!inbound.ok) {
      connection.lastDrop = { ...inbound, traceId: this.wire.drop(syn, inbound, server.name) };
      return;
    }
    if (!listener) {
      const refused = { reason: "no-listener" as const, detail: `nothing listens on tcp ${syn.destinationPort} of ${server.name}` };
      const traceId = this.wire.drop(syn, refused, server.name);
      connection.lastDrop = { ...refused, traceId };
      const rst = this.#segment(server, syn.destinationPort, syn.from.ip, syn.sourcePort, "rst", 0);
      const sent = this.wire.transmit(rst, { scramble: false }, () => finish({ ok: false, symptom: "refused", ...refused, traceId }));
      if (!sent.sent) connection.lastDrop = sent;
      return;
    }
    const synAck = this.#segment(server, syn.destinationPort, syn.from.ip, syn.sourcePort, "syn-ack", 0);
    const sent = this.wire.transmit(synAck, { scramble: false }, () => {
      // A late SYN-ACK (after a retransmitted SYN, or after the attempt gave up) changes nothing.
      if (settled() || !listener.open) return;
      connection.establish(server, listener);
      this.context.trace.record({
        host: connection.node.name,
        component: "net",
        kind: "net.connect",
        data: { connection: connection.id, from: `${connection.node.address}:${connection.port}`, to: `${server.address}:${syn.destinationPort}`, fromHost: connection.node.name, toHost: server.name, serverName: connection.serverName },
      });
      finish({ ok: true, connection });
    });
    if (!sent.sent) connection.lastDrop = sent;
  }

  #serve(connection: SimStreamConnection, server: RegisteredNode, packet: Packet, message: unknown, id: number, started: number, finish: (r: ExchangeResult<unknown>) => void): void {
    const listener = connection.listener!;
    if (!connection.pending.has(id)) return;
    if (!listener.open) {
      const gone = { reason: "no-listener" as const, detail: `the listener on ${server.name}:${listener.local.port} was closed` };
      const traceId = this.wire.drop(packet, gone, server.name);
      this.#reset(connection, server, { ok: false, symptom: "reset", ...gone, traceId });
      return;
    }
    this.wire.delivered(packet, server, { connection: connection.id, request: id });
    let result: unknown;
    try {
      result = listener.handler(message, connection.info);
    } catch (error) {
      this.#handlerFailed(connection, server, error);
      return;
    }
    Promise.resolve(result).then(
      (response) => {
        const back = this.#segment(server, listener.local.port, connection.node.ip, connection.port, "response", sizeOf(response));
        this.#sendReliably(connection, back, () => {
          if (!connection.open) return;
          this.wire.delivered(back, connection.node, { connection: connection.id, request: id });
          finish({ ok: true, response, elapsedMs: this.context.clock.now() - started });
        });
      },
      (error: unknown) => this.#handlerFailed(connection, server, error),
    );
  }

  #handlerFailed(connection: SimStreamConnection, server: RegisteredNode, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.counters.handlerErrors++;
    const traceId = this.context.trace.record({
      host: server.name,
      component: "net",
      kind: "net.handler-error",
      data: { connection: connection.id, port: connection.toPort, message },
    }).id;
    this.#reset(connection, server, { ok: false, symptom: "reset", reason: "handler-error", detail: `the server's handler failed: ${message}`, traceId });
  }

  /** The server answers with RST; the client learns of it when the RST arrives (if it does). */
  #reset(connection: SimStreamConnection, server: RegisteredNode, failure: StreamFailure): void {
    const rst = this.#segment(server, connection.toPort, connection.node.ip, connection.port, "rst", 0);
    const sent = this.wire.transmit(rst, { scramble: false }, () => connection.fail(failure));
    if (!sent.sent) connection.lastDrop = sent;
  }

  /** Sends a segment; on a drop, retransmits after the RTO (doubling) and gives up after the last one. */
  #sendReliably(connection: SimStreamConnection, packet: Packet, arrive: (to: RegisteredNode) => void): void {
    const attempt = (n: number): void => {
      if (!connection.open) return;
      const sent = this.wire.transmit(packet, { scramble: false }, (to) => arrive(to));
      if (sent.sent) return;
      connection.lastDrop = sent;
      if (n >= this.timing.maxDataRetransmissions) {
        connection.fail(timedOut(sent, `${packet.segment} dropped ${n + 1} times; the connection gave up`));
        return;
      }
      this.context.clock.schedule(this.timing.dataRtoMs * 2 ** n, () => attempt(n + 1), `net.retransmit ${packet.segment}`);
    };
    attempt(0);
  }

  #unlisten(listener: SimStreamListener): void {
    if (this.ports.owner(listener.node.name, listener.local.port) === listener) this.ports.release(listener.node.name, listener.local.port);
  }

  #segment(from: RegisteredNode, sourcePort: number, to: number, destinationPort: number, segment: string, bytes: number): Packet {
    return { protocol: "tcp", from, sourcePort, to, destinationPort, bytes, segment };
  }
}

function timedOut(drop: LastDrop | undefined, detail: string): StreamFailure {
  if (!drop) return { ok: false, symptom: "timeout", reason: "no-response", detail };
  return { ok: false, symptom: "timeout", reason: drop.reason, ...(drop.rule !== undefined ? { rule: drop.rule } : {}), detail: `${detail}: ${drop.detail}`, traceId: drop.traceId };
}

function sizeOf(message: unknown): number {
  if (message instanceof Uint8Array) return message.byteLength;
  if (typeof message === "string") return Buffer.byteLength(message, "utf8");
  return 0;
}
