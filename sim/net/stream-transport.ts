import type { DropReason } from "./drop-reason.ts";
import type { Endpoint } from "./endpoint.ts";

/** Who talks to whom on one connection; what a TLS-ish or HTTP layer above needs to know. */
export interface StreamConnectionInfo {
  readonly id: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly clientHost: string;
  readonly serverHost: string;
  /** The name the client connected to, as given: what TLS SNI and the HTTP Host header carry. */
  readonly serverName: string;
}

/** Answers one request; may be async. A throw or rejection resets the connection. */
export type StreamHandler<Req = unknown, Res = unknown> = (request: Req, info: StreamConnectionInfo) => Res | Promise<Res>;

export interface ListenOptions {
  /** The executable that owns the listening socket, for Windows Firewall program exceptions. */
  readonly program?: string;
}

export interface StreamListener {
  readonly host: string;
  readonly local: Endpoint;
  close(): void;
}

/**
 * What the client sees: the name did not resolve, the connection was
 * refused (RST: the port is reachable, nothing listens), nothing came back in
 * time (a firewall or partition dropped it silently, or loss outlasted the
 * retransmissions), or the connection was reset or closed.
 */
export type StreamSymptom = "unresolved" | "refused" | "timeout" | "reset";
/** A drop reason; or the handler failed; or the connection was closed; or nothing was dropped and still no answer came (a slow server). */
export type StreamFailureReason = DropReason | "handler-error" | "closed" | "no-response";

/** A failure: the symptom the client sees, and the network's reason (with rule and trace event) for the diagnosis. */
export interface StreamFailure {
  readonly ok: false;
  readonly symptom: StreamSymptom;
  readonly reason: StreamFailureReason;
  readonly rule?: string;
  readonly detail: string;
  /** The trace event of the drop that caused it, when one did. */
  readonly traceId?: number;
}

export type ConnectResult = { readonly ok: true; readonly connection: StreamConnection } | StreamFailure;

export type ExchangeResult<Res = unknown> = { readonly ok: true; readonly response: Res; readonly elapsedMs: number } | StreamFailure;

export interface StreamConnection {
  readonly info: StreamConnectionInfo;
  readonly open: boolean;
  /** Sends one request and waits for its response; requests may overlap. */
  request<Res = unknown>(message: unknown): Promise<ExchangeResult<Res>>;
  close(): void;
}

/**
 * A TCP-like request/response stream: connect through the same routing,
 * partition and firewall checks as datagrams, then exchange messages.
 * Messages are opaque: bytes, or objects passed by reference (HTTP and TLS
 * are the layers above).
 */
export interface StreamTransport {
  listen<Req = unknown, Res = unknown>(host: string, port: number, handler: StreamHandler<Req, Res>, options?: ListenOptions): StreamListener;
  connect(fromHost: string, toName: string, port: number): Promise<ConnectResult>;
}
