import type { Network, StreamConnectionInfo, StreamListener } from "../net/index.ts";
import type { IisServer } from "./iis-server.ts";
import type { DispatchResult } from "./request-pipeline.ts";
import { withClient } from "./web-request.ts";
import type { IisWireReply, IisWireRequest } from "./iis-wire.ts";
import { serverIntermediates } from "./server-chain.ts";

/** The process that owns IIS's sockets: http.sys, in the kernel, which Windows Firewall's IIS rules name as "System". */
export const IIS_PROGRAM = "System";

export interface IisNetworkAttachment {
  /** TCP ports IIS listens on now. */
  ports(): number[];
  /** Closes every listener and stops following binding changes. */
  detach(): void;
}

/**
 * Puts an IIS on the simulated network: a stream listener on every port its
 * bindings use, kept in step as bindings change. Each message is a TLS
 * hello or an HTTP request (see iis-wire.ts), answered by the server.
 */
export function attachIisToNetwork(iis: IisServer, network: Pick<Network, "listen">): IisNetworkAttachment {
  const listeners = new Map<number, StreamListener>();
  const sync = (): void => {
    const wanted = new Set(iis.listeningPorts().map((p) => p.port));
    for (const [port, listener] of listeners) {
      if (!wanted.has(port)) {
        listener.close();
        listeners.delete(port);
      }
    }
    for (const port of wanted) {
      if (listeners.has(port)) continue;
      listeners.set(port, network.listen<IisWireRequest, IisWireReply>(iis.host.name, port, (message, info) => answer(iis, message, info), { program: IIS_PROGRAM }));
    }
  };
  sync();
  const unsubscribe = iis.onBindingsChange(sync);
  return {
    ports: () => [...listeners.keys()].sort((a, b) => a - b),
    detach: () => {
      unsubscribe();
      for (const listener of listeners.values()) listener.close();
      listeners.clear();
    },
  };
}

/**
 * Not an async function: an HTTP request answers with the pipeline's promise
 * mapped once, instead of an async frame around it; a throw still arrives as
 * a rejection, as the transport expects of a handler.
 */
function answer(iis: IisServer, message: IisWireRequest, info: StreamConnectionInfo): Promise<IisWireReply> {
  try {
    return reply(iis, message, info);
  } catch (error) {
    return Promise.reject(error);
  }
}

function reply(iis: IisServer, message: IisWireRequest, info: StreamConnectionInfo): Promise<IisWireReply> {
  const port = info.server.port;
  const protocol = iis.protocolOn(port);
  if (message?.kind === "client-hello") {
    if (protocol !== "https") return Promise.resolve({ kind: "tls-alert", reason: `${iis.host.name} answers in plain HTTP on port ${port} (no https binding there)` });
    const bound = iis.serverCertificate({ localIp: info.server.address, port, serverName: message.serverName });
    if (!bound.ok) {
      iis.host.recordOwn("iis", "iis.tls.failed", { port, serverName: message.serverName, client: info.clientHost, reason: bound.reason });
      return Promise.resolve({ kind: "tls-alert", reason: bound.reason });
    }
    const certificate = bound.entry.certificate;
    return Promise.resolve({ kind: "server-hello", certificate, intermediates: serverIntermediates(iis.host.certs, certificate) });
  }
  if (message?.kind !== "http") return Promise.resolve({ kind: "reset", reason: "not an HTTP message" });
  if (protocol === "https" && !message.secure) return Promise.resolve({ kind: "reset", reason: `a plain HTTP request on https port ${port}` });
  const request = withClient(message.request, info.clientHost, info.client.address);
  const hostName = request.headers["host"] ?? info.serverName;
  return iis.dispatch(request, { protocol: message.secure ? "https" : "http", localIp: info.server.address, port, hostName }).then(httpResponse);
}

function httpResponse(result: DispatchResult): IisWireReply {
  return { kind: "http-response", response: result.response };
}

