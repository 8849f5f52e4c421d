import type { LabCertificate } from "../certs/index.ts";
import type { WebRequest, WebResponse } from "./web-request.ts";

/**
 * What a browser and IIS exchange over a simulated stream: a TLS hello
 * (the lab's stand-in for the handshake: the server answers with its
 * certificate and chain), then HTTP requests. Objects travel by reference;
 * the transport around them is sim/net's. The server takes the client's
 * host and address from the connection, never from the message.
 */
export type IisWireRequest =
  | { readonly kind: "client-hello"; readonly serverName: string }
  | { readonly kind: "http"; readonly secure: boolean; readonly request: Omit<WebRequest, "clientHost" | "clientIp"> };

export type IisWireReply =
  | { readonly kind: "server-hello"; readonly certificate: LabCertificate; readonly intermediates: readonly LabCertificate[] }
  | { readonly kind: "tls-alert"; readonly reason: string }
  | { readonly kind: "http-response"; readonly response: WebResponse }
  | { readonly kind: "reset"; readonly reason: string };
