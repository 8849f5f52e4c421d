import { decodeJson, encodeJson, parseReply, parseWireError, type AprReply, type AprRequest } from "./apr-messages.ts";
import { versionOfProtocol } from "./apr-versions.ts";
import type { Endpoint } from "./handle-datagram.ts";
import { latin1Key, parseHeader, WIRE_KIND, type WireCodec } from "./wire-format.ts";

/** The part of a datagram socket the Web Interface uses (sim/net's DatagramSocket fits, simulated or real). */
export interface DatagramPort {
  send(to: Endpoint, payload: Uint8Array): void;
  onMessage(handler: (datagram: { from: Endpoint; payload: Uint8Array }) => void): void;
  close(): void;
}

/**
 * Where waiting happens: the lab clock in the simulation (a timer is a clock
 * event; whoever awaits drives the clock), host time on a real socket. The
 * one difference between the two transports, behind one small interface.
 */
export interface ReplyTimers {
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export type ExchangeOutcome =
  | { readonly ok: true; readonly reply: AprReply; readonly attempts: number }
  | { readonly ok: false; readonly failure: "timeout"; readonly attempts: number; readonly detail: string }
  | { readonly ok: false; readonly failure: "version-mismatch"; readonly attempts: number; readonly serverVersion: string; readonly requestVersion: string; readonly detail: string }
  | { readonly ok: false; readonly failure: "expired"; readonly attempts: number; readonly skewMs: number; readonly detail: string };

export interface RequesterOptions {
  readonly protocol: number;
  readonly codec: WireCodec;
  readonly requestIds: () => Uint8Array;
  /** ms since 1970, as the Web Interface's host sees it. */
  readonly now: () => number;
  readonly retryMs?: number;
  readonly attempts?: number;
}

/** One request in flight: what a retransmission resends and how the caller's promise settles. */
interface Exchange {
  readonly key: string;
  readonly server: Endpoint;
  readonly payload: Uint8Array;
  readonly resolve: (outcome: ExchangeOutcome) => void;
  attempts: number;
  cancel: (() => void) | undefined;
}

/**
 * The Web Interface's side of the protocol: seals a request, sends it from
 * its socket (any port) to the server's port 5100, retransmits the same
 * datagram (same request id) on timeout, and matches replies by request id.
 * Many requests may be in flight on one socket.
 */
export class AprRequester {
  readonly #pending = new Map<string, Exchange>();
  readonly #retryMs: number;
  readonly #attempts: number;

  constructor(
    private readonly socket: DatagramPort,
    private readonly timers: ReplyTimers,
    private readonly options: RequesterOptions,
  ) {
    this.#retryMs = options.retryMs ?? 1500;
    this.#attempts = options.attempts ?? 4;
    socket.onMessage((d) => this.#receive(d.payload));
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  send(server: Endpoint, request: AprRequest): Promise<ExchangeOutcome> {
    const { codec, protocol } = this.options;
    const requestId = this.options.requestIds();
    const payload = codec.seal({ kind: WIRE_KIND.request, protocol, requestId, timestampMs: this.options.now() }, encodeJson(request));
    const key = latin1Key(requestId);
    // The exchange is a plain record and its steps are methods: per request, only the promise and one timer callback are created.
    return new Promise<ExchangeOutcome>((resolve) => {
      const exchange: Exchange = { key, server, payload, resolve, attempts: 0, cancel: undefined };
      this.#pending.set(key, exchange);
      this.#transmit(exchange);
    });
  }

  close(): void {
    // Nearly always nothing waits: the exchange settled before its page closed the requester.
    if (this.#pending.size > 0) for (const p of [...this.#pending.values()]) this.#settle(p, { ok: false, failure: "timeout", attempts: p.attempts, detail: "the Web Interface closed its socket" });
    this.socket.close();
  }

  #receive(payload: Uint8Array): void {
    const parsed = parseHeader(payload);
    if (!parsed.ok) return;
    const key = latin1Key(parsed.header.requestId);
    const pending = this.#pending.get(key);
    if (!pending) return; // a late duplicate of an answered request
    const opened = this.options.codec.open(payload, parsed.header);
    if (!opened.ok) return; // not from the server: keep waiting
    const body = decodeJson(opened.plaintext);
    if (parsed.header.kind === WIRE_KIND.error) {
      const error = parseWireError(body);
      if (!error) return;
      if (error.code === "VERSION_MISMATCH") {
        this.#settle(pending, {
          ok: false,
          failure: "version-mismatch",
          attempts: pending.attempts,
          serverVersion: error.serverVersion,
          requestVersion: error.requestVersion,
          detail: `server version mismatch: the Password Reset Server runs ${error.serverVersion}, this Web Interface ${versionOfProtocol(this.options.protocol)}`,
        });
      } else {
        this.#settle(pending, { ok: false, failure: "expired", attempts: pending.attempts, skewMs: error.skewMs, detail: `the server refused the request as expired (clocks ${Math.round(error.skewMs / 1000)} s apart)` });
      }
      return;
    }
    if (parsed.header.kind !== WIRE_KIND.reply) return;
    const reply = parseReply(body);
    if (reply) this.#settle(pending, { ok: true, reply, attempts: pending.attempts });
  }

  /** Sends (again) and waits `retryMs` for the reply; out of attempts, the exchange times out. */
  #transmit(exchange: Exchange): void {
    if (exchange.attempts >= this.#attempts) {
      const { server, attempts } = exchange;
      this.#settle(exchange, { ok: false, failure: "timeout", attempts, detail: `no answer from the Password Reset Server at ${server.address}:${server.port} after ${attempts} attempts` });
      return;
    }
    exchange.attempts++;
    this.socket.send(exchange.server, exchange.payload);
    exchange.cancel = this.timers.after(this.#retryMs, () => this.#transmit(exchange));
  }

  #settle(exchange: Exchange, outcome: ExchangeOutcome): void {
    exchange.cancel?.();
    exchange.cancel = undefined;
    this.#pending.delete(exchange.key);
    exchange.resolve(outcome);
  }
}
