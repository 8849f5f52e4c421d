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

interface Pending {
  readonly settle: (outcome: ExchangeOutcome) => void;
  attempts: number;
}

/**
 * The Web Interface's side of the protocol: seals a request, sends it from
 * its socket (any port) to the server's port 5100, retransmits the same
 * datagram (same request id) on timeout, and matches replies by request id.
 * Many requests may be in flight on one socket.
 */
export class AprRequester {
  readonly #pending = new Map<string, Pending>();
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
    return new Promise<ExchangeOutcome>((resolve) => {
      let cancel: () => void = () => {};
      const pending: Pending = {
        attempts: 0,
        settle: (outcome) => {
          cancel();
          this.#pending.delete(key);
          resolve(outcome);
        },
      };
      const transmit = (): void => {
        if (pending.attempts >= this.#attempts) {
          pending.settle({
            ok: false,
            failure: "timeout",
            attempts: pending.attempts,
            detail: `no answer from the Password Reset Server at ${server.address}:${server.port} after ${pending.attempts} attempts`,
          });
          return;
        }
        pending.attempts++;
        this.socket.send(server, payload);
        cancel = this.timers.after(this.#retryMs, transmit);
      };
      this.#pending.set(key, pending);
      transmit();
    });
  }

  close(): void {
    for (const p of [...this.#pending.values()]) p.settle({ ok: false, failure: "timeout", attempts: p.attempts, detail: "the Web Interface closed its socket" });
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
        pending.settle({
          ok: false,
          failure: "version-mismatch",
          attempts: pending.attempts,
          serverVersion: error.serverVersion,
          requestVersion: error.requestVersion,
          detail: `server version mismatch: the Password Reset Server runs ${error.serverVersion}, this Web Interface ${versionOfProtocol(this.options.protocol)}`,
        });
      } else {
        pending.settle({ ok: false, failure: "expired", attempts: pending.attempts, skewMs: error.skewMs, detail: `the server refused the request as expired (clocks ${Math.round(error.skewMs / 1000)} s apart)` });
      }
      return;
    }
    if (parsed.header.kind !== WIRE_KIND.reply) return;
    const reply = parseReply(body);
    if (reply) pending.settle({ ok: true, reply, attempts: pending.attempts });
  }
}
