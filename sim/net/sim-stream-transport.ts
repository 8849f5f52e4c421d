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
import type { Packet, TransmitOptions, Wire } from "./wire.ts";

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

  connect(fromHost: string, toName: string, port: number): Promise<ConnectResult> {
    // Not an async function: it answers with the handshake's own promise instead of one wrapping it
    // (two fewer promise jobs per connection); a refusal still arrives as a rejection.
    try {
      return this.#connect(fromHost, toName, port);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #connect(fromHost: string, toName: string, port: number): Promise<ConnectResult> {
    const from = this.nodes.lookup(fromHost);
    checkDestinationPort(port);
    const resolution = this.resolver.resolve(from.name, toName);
    if (!resolution.ok) {
      const traceId = this.wire.unresolved(from, toName, "tcp", port, resolution.detail);
      return Promise.resolve({ ok: false, symptom: "unresolved", reason: "unresolved", detail: resolution.detail, traceId });
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
    // The exchange's state is one record and its steps are methods: per request, no named closures.
    const pending: PendingExchange = { connection, id: connection.nextRequestId(), started: clock.now(), settle, timeoutId: 0 };
    pending.timeoutId = clock.schedule(
      this.timing.requestTimeoutMs,
      () => this.#finishExchange(pending, timedOut(connection.lastDrop, `no response within ${this.timing.requestTimeoutMs} ms`)),
      "net.request-timeout",
    ).id;
    connection.pending.set(pending.id, (result) => this.#finishExchange(pending, result));
    const packet = this.#segment(connection.node, connection.port, connection.toIp, connection.toPort, "request", sizeOf(message));
    this.#sendReliably(connection, packet, (server) => this.#serve(pending, server, packet, message), 0);
  }

  #finishExchange(pending: PendingExchange, result: ExchangeResult<unknown>): void {
    if (!pending.connection.pending.delete(pending.id)) return;
    this.context.clock.cancel(pending.timeoutId);
    pending.settle(result);
  }

  #handshake(connection: SimStreamConnection, settle: (result: ConnectResult) => void): void {
    const { clock } = this.context;
    const syn = this.#segment(connection.node, connection.port, connection.toIp, connection.toPort, "syn", 0);
    const attempt: ConnectAttempt = { connection, syn, settle, done: false, timers: [] };
    this.#sendSyn(attempt);
    for (const at of this.timing.synRetransmitAtMs) attempt.timers.push(clock.schedule(at, () => this.#sendSyn(attempt), "net.syn-retransmit").id);
    attempt.timers.push(
      clock.schedule(
        this.timing.connectTimeoutMs,
        () => this.#finishConnect(attempt, timedOut(connection.lastDrop, `no answer to the connection attempt within ${this.timing.connectTimeoutMs} ms`)),
        "net.connect-timeout",
      ).id,
    );
  }

  #sendSyn(attempt: ConnectAttempt): void {
    if (attempt.done) return;
    const sent = this.wire.transmit(attempt.syn, NOT_SCRAMBLED, (server) => {
      if (!attempt.done) this.#synArrives(attempt, server);
    });
    if (!sent.sent) attempt.connection.lastDrop = sent;
  }

  #finishConnect(attempt: ConnectAttempt, result: ConnectResult): void {
    if (attempt.done) return;
    attempt.done = true;
    for (const id of attempt.timers) this.context.clock.cancel(id);
    if (!result.ok) this.release(attempt.connection);
    attempt.settle(result);
  }

  #synArrives(attempt: ConnectAttempt, server: RegisteredNode): void {
    const { connection, syn } = attempt;
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
      const sent = this.wire.transmit(rst, NOT_SCRAMBLED, () => this.#finishConnect(attempt, { ok: false, symptom: "refused", ...refused, traceId }));
      if (!sent.sent) connection.lastDrop = sent;
      return;
    }
    const synAck = this.#segment(server, syn.destinationPort, syn.from.ip, syn.sourcePort, "syn-ack", 0);
    const sent = this.wire.transmit(synAck, NOT_SCRAMBLED, () => {
      // A late SYN-ACK (after a retransmitted SYN, or after the attempt gave up) changes nothing.
      if (attempt.done || !listener.open) return;
      connection.establish(server, listener);
      this.context.trace.recordOwn({
        host: connection.node.name,
        component: "net",
        kind: "net.connect",
        data: { connection: connection.id, from: `${connection.node.address}:${connection.port}`, to: `${server.address}:${syn.destinationPort}`, fromHost: connection.node.name, toHost: server.name, serverName: connection.serverName },
      });
      this.#finishConnect(attempt, { ok: true, connection });
    });
    if (!sent.sent) connection.lastDrop = sent;
  }

  #serve(pending: PendingExchange, server: RegisteredNode, packet: Packet, message: unknown): void {
    const { connection, id } = pending;
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
        this.#sendReliably(
          connection,
          back,
          () => {
            if (!connection.open) return;
            this.wire.delivered(back, connection.node, { connection: connection.id, request: id });
            this.#finishExchange(pending, { ok: true, response, elapsedMs: this.context.clock.now() - pending.started });
          },
          0,
        );
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
    const sent = this.wire.transmit(rst, NOT_SCRAMBLED, () => connection.fail(failure));
    if (!sent.sent) connection.lastDrop = sent;
  }

  /** Sends a segment (attempt `n`); on a drop, retransmits after the RTO (doubling) and gives up after the last one. */
  #sendReliably(connection: SimStreamConnection, packet: Packet, arrive: (to: RegisteredNode) => void, n: number): void {
    if (!connection.open) return;
    const sent = this.wire.transmit(packet, NOT_SCRAMBLED, arrive);
    if (sent.sent) return;
    connection.lastDrop = sent;
    if (n >= this.timing.maxDataRetransmissions) {
      connection.fail(timedOut(sent, `${packet.segment} dropped ${n + 1} times; the connection gave up`));
      return;
    }
    this.context.clock.schedule(this.timing.dataRtoMs * 2 ** n, () => this.#sendReliably(connection, packet, arrive, n + 1), `net.retransmit ${packet.segment}`);
  }

  #unlisten(listener: SimStreamListener): void {
    if (this.ports.owner(listener.node.name, listener.local.port) === listener) this.ports.release(listener.node.name, listener.local.port);
  }

  #segment(from: RegisteredNode, sourcePort: number, to: number, destinationPort: number, segment: string, bytes: number): Packet {
    return { protocol: "tcp", from, sourcePort, to, destinationPort, bytes, segment };
  }
}

/** One request on a connection, waiting for its response. */
interface PendingExchange {
  readonly connection: SimStreamConnection;
  readonly id: number;
  readonly started: number;
  readonly settle: (result: ExchangeResult<unknown>) => void;
  timeoutId: number;
}

/** One connection attempt: the SYN, its retransmission and timeout timers, and whether it has settled. */
interface ConnectAttempt {
  readonly connection: SimStreamConnection;
  readonly syn: Packet;
  readonly settle: (result: ConnectResult) => void;
  done: boolean;
  readonly timers: number[];
}

const NOT_SCRAMBLED: TransmitOptions = Object.freeze({ scramble: false });

function timedOut(drop: LastDrop | undefined, detail: string): StreamFailure {
  if (!drop) return { ok: false, symptom: "timeout", reason: "no-response", detail };
  return { ok: false, symptom: "timeout", reason: drop.reason, ...(drop.rule !== undefined ? { rule: drop.rule } : {}), detail: `${detail}: ${drop.detail}`, traceId: drop.traceId };
}

function sizeOf(message: unknown): number {
  if (message instanceof Uint8Array) return message.byteLength;
  if (typeof message === "string") return Buffer.byteLength(message, "utf8");
  return 0;
}
