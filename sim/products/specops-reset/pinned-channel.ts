import type { LabCertificate } from "../../certs/index.ts";
import { normalizeThumbprint } from "../../certs/index.ts";
import type { Trace } from "../../kernel/index.ts";
import type { StreamHandler, StreamTransport } from "../../net/index.ts";
import { SERVER_PORT } from "./paths.ts";

/**
 * The Web-to-Server channel (the lab's protocol; the document only says the
 * Web talks to the Server and that the Server's certificate must stay the
 * same). The Server presents the certificate named in its config file; the
 * Web goes on only when its thumbprint equals the one the Web pinned.
 */

export interface ChannelHello {
  readonly kind: "spr-hello";
}
export interface ChannelServerHello {
  readonly kind: "spr-server-hello";
  readonly certificate: LabCertificate;
}
export interface ChannelRequest<Op = unknown> {
  readonly kind: "spr-request";
  readonly webVersion: string;
  readonly op: Op;
}
export interface ChannelReply<Reply = unknown> {
  readonly kind: "spr-reply";
  readonly reply: Reply;
}
/** The Server could not take part (its certificate is missing): it closes the handshake. */
export interface ChannelAbort {
  readonly kind: "spr-abort";
  readonly reason: string;
}

export type PinVerdict = { readonly ok: true } | { readonly ok: false; readonly pinned: string; readonly presented: string };

/** The check itself: the presented certificate's thumbprint against the pinned one. */
export function checkPin(pinned: string, presented: LabCertificate): PinVerdict {
  const want = pinned.trim() === "" ? "" : normalizeThumbprint(pinned);
  return want === presented.thumbprint ? { ok: true } : { ok: false, pinned: want, presented: presented.thumbprint };
}

export type ChannelFailureStage = "connect" | "handshake" | "pin" | "exchange";

export type ChannelResult<Reply> =
  | { readonly ok: true; readonly reply: Reply; readonly thumbprint: string }
  | {
      readonly ok: false;
      readonly stage: ChannelFailureStage;
      /** The network's reason ("unresolved", "refused", "perimeter-rule" ...), or "pin-mismatch", "aborted". */
      readonly reason: string;
      readonly detail: string;
      readonly evidence: readonly number[];
      readonly pinned?: string;
      readonly presented?: string;
    };

export interface ChannelClientDeps {
  readonly transport: Pick<StreamTransport, "connect">;
  readonly trace: Trace;
  /** The Web's host. */
  readonly fromHost: string;
}

/** One request over a fresh pinned connection from a Web to its Reset Server. */
export async function callPinned<Op, Reply>(deps: ChannelClientDeps, target: { serverName: string; pinned: string; webVersion: string }, op: Op): Promise<ChannelResult<Reply>> {
  const record = (kind: string, data: Record<string, unknown>) => deps.trace.record({ host: deps.fromHost, component: "spr-web", kind, data });
  const connected = await deps.transport.connect(deps.fromHost, target.serverName, SERVER_PORT);
  if (!connected.ok) {
    const e = record("spr:channel.connect-failed", { server: target.serverName, port: SERVER_PORT, symptom: connected.symptom, reason: connected.reason });
    return { ok: false, stage: "connect", reason: connected.reason, detail: connected.detail, evidence: [...(connected.traceId !== undefined ? [connected.traceId] : []), e.id] };
  }
  const connection = connected.connection;
  try {
    const hello = await connection.request<ChannelServerHello | ChannelAbort>({ kind: "spr-hello" } satisfies ChannelHello);
    if (!hello.ok || hello.response.kind !== "spr-server-hello") {
      const why = !hello.ok ? hello.detail : (hello.response as ChannelAbort).reason;
      const e = record("spr:channel.handshake-failed", { server: target.serverName, reason: why });
      return { ok: false, stage: "handshake", reason: hello.ok ? "aborted" : hello.reason, detail: why, evidence: [e.id] };
    }
    const presented = hello.response.certificate;
    const verdict = checkPin(target.pinned, presented);
    if (!verdict.ok) {
      const e = record("spr:channel.pin-mismatch", { server: target.serverName, pinned: verdict.pinned, presented: verdict.presented });
      return {
        ok: false,
        stage: "pin",
        reason: "pin-mismatch",
        detail: `the Server presented certificate ${verdict.presented}; the Web pins ${verdict.pinned || "(nothing)"}`,
        evidence: [e.id],
        pinned: verdict.pinned,
        presented: verdict.presented,
      };
    }
    const exchange = await connection.request<ChannelReply<Reply>>({ kind: "spr-request", webVersion: target.webVersion, op } satisfies ChannelRequest<Op>);
    if (!exchange.ok) {
      const e = record("spr:channel.exchange-failed", { server: target.serverName, reason: exchange.reason });
      return { ok: false, stage: "exchange", reason: exchange.reason, detail: exchange.detail, evidence: [e.id] };
    }
    return { ok: true, reply: exchange.response.reply, thumbprint: presented.thumbprint };
  } finally {
    connection.close();
  }
}

export interface ChannelServerDeps<Op, Reply> {
  /** The certificate the Server presents now (from its config and LocalMachine\My); undefined aborts the handshake. */
  presentCertificate(): LabCertificate | undefined;
  handle(request: ChannelRequest<Op>, clientHost: string): Reply | Promise<Reply>;
}

/** The Server's side: answer the hello with its certificate, then requests. */
export function channelServerHandler<Op, Reply>(deps: ChannelServerDeps<Op, Reply>): StreamHandler<ChannelHello | ChannelRequest<Op>, ChannelServerHello | ChannelAbort | ChannelReply<Reply>> {
  return async (message, info) => {
    if (message.kind === "spr-hello") {
      const certificate = deps.presentCertificate();
      if (!certificate) return { kind: "spr-abort", reason: "the Server's certificate (thumbprint in its config file) is not in LocalMachine\\My" };
      return { kind: "spr-server-hello", certificate };
    }
    return { kind: "spr-reply", reply: await deps.handle(message, info.clientHost) };
  };
}

/**
 * "Click Select and enter the name of your Reset Server": the setup connects
 * and reads the certificate the Server presents, without a pin (trust on
 * first use: this is where a new Web's pin comes from).
 */
export async function fetchServerCertificate(deps: ChannelClientDeps, serverName: string): Promise<{ ok: true; certificate: LabCertificate } | { ok: false; reason: string; detail: string; evidence: readonly number[] }> {
  const connected = await deps.transport.connect(deps.fromHost, serverName, SERVER_PORT);
  if (!connected.ok) {
    const e = deps.trace.record({ host: deps.fromHost, component: "spr-setup", kind: "spr:setup.server-unreachable", data: { server: serverName, port: SERVER_PORT, reason: connected.reason } });
    return { ok: false, reason: connected.reason, detail: connected.detail, evidence: [...(connected.traceId !== undefined ? [connected.traceId] : []), e.id] };
  }
  try {
    const hello = await connected.connection.request<ChannelServerHello | ChannelAbort>({ kind: "spr-hello" } satisfies ChannelHello);
    if (!hello.ok || hello.response.kind !== "spr-server-hello") {
      const detail = hello.ok ? (hello.response as ChannelAbort).reason : hello.detail;
      const e = deps.trace.record({ host: deps.fromHost, component: "spr-setup", kind: "spr:setup.server-unreachable", data: { server: serverName, reason: detail } });
      return { ok: false, reason: hello.ok ? "aborted" : hello.reason, detail, evidence: [e.id] };
    }
    return { ok: true, certificate: hello.response.certificate };
  } finally {
    connected.connection.close();
  }
}
