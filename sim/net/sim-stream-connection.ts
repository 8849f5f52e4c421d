import { LabError } from "../kernel/index.ts";
import { formatEndpoint, type Endpoint } from "./endpoint.ts";
import type { RegisteredNode } from "./node-table.ts";
import type { ExchangeResult, StreamConnection, StreamConnectionInfo, StreamFailure, StreamHandler, StreamListener } from "./stream-transport.ts";
import type { Drop } from "./wire.ts";

/** The last drop a connection suffered: why a timeout happened. */
export type LastDrop = Drop & { readonly traceId: number };

/** What the connection needs of its transport (kept narrow so the two files do not knot). */
export interface StreamEngine {
  exchange(connection: SimStreamConnection, message: unknown, settle: (result: ExchangeResult<unknown>) => void): void;
  release(connection: SimStreamConnection): void;
}

/** A listening socket of the simulated network. */
export class SimStreamListener implements StreamListener {
  readonly local: Endpoint;
  #open = true;

  constructor(
    readonly node: RegisteredNode,
    port: number,
    readonly handler: StreamHandler<unknown, unknown>,
    readonly program: string | undefined,
    private readonly onClose: (listener: SimStreamListener) => void,
  ) {
    this.local = Object.freeze({ address: node.address, port });
  }

  get host(): string {
    return this.node.name;
  }

  get open(): boolean {
    return this.#open;
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.onClose(this);
  }
}

/** The client end of a simulated connection; the server end is its listener. */
export class SimStreamConnection implements StreamConnection {
  #info: StreamConnectionInfo | undefined;
  #open = false;
  #nextRequest = 1;
  readonly pending = new Map<number, (result: ExchangeResult<unknown>) => void>();
  lastDrop: LastDrop | undefined;
  listener: SimStreamListener | undefined;
  server: RegisteredNode | undefined;

  constructor(
    private readonly engine: StreamEngine,
    readonly id: number,
    readonly node: RegisteredNode,
    readonly port: number,
    readonly toIp: number,
    readonly toPort: number,
    readonly serverName: string,
  ) {}

  get info(): StreamConnectionInfo {
    if (!this.#info) throw new LabError({ code: "NET_STREAM_NOT_CONNECTED", message: `connection ${this.id} is not established` });
    return this.#info;
  }

  get open(): boolean {
    return this.#open;
  }

  /** @internal The handshake completed. */
  establish(server: RegisteredNode, listener: SimStreamListener): void {
    this.server = server;
    this.listener = listener;
    this.#open = true;
    this.#info = Object.freeze({
      id: this.id,
      client: Object.freeze({ address: this.node.address, port: this.port }),
      server: listener.local,
      clientHost: this.node.name,
      serverHost: server.name,
      serverName: this.serverName,
    });
  }

  nextRequestId(): number {
    return this.#nextRequest++;
  }

  request<Res = unknown>(message: unknown): Promise<ExchangeResult<Res>> {
    if (!this.#open) return Promise.resolve(closedFailure(this));
    return new Promise((resolve) => this.engine.exchange(this, message, resolve as (r: ExchangeResult<unknown>) => void));
  }

  close(): void {
    // Nearly every close has nothing waiting: no failure to describe.
    if (this.pending.size === 0) {
      this.engine.release(this);
      this.#open = false;
      return;
    }
    this.fail(closedFailure(this));
  }

  /** @internal Ends the connection; every request still waiting gets `failure`. */
  fail(failure: StreamFailure): void {
    this.engine.release(this);
    this.#open = false;
    // Each settle function removes itself from `pending`.
    for (const settle of [...this.pending.values()]) settle(failure);
    this.pending.clear();
  }
}

function closedFailure(connection: SimStreamConnection): StreamFailure {
  const where = connection.listener ? formatEndpoint(connection.listener.local) : `port ${connection.toPort}`;
  return { ok: false, symptom: "reset", reason: "closed", detail: `connection ${connection.id} to ${where} is closed` };
}
