import type { LabCertificate, TrustResult } from "../certs/index.ts";
import type { WebResponse } from "./web-request.ts";

export type ClientStage = "dns" | "network" | "tls" | "http";

/**
 * Why a browser did not get its page: the name did not resolve, the network
 * did not carry the connection (with the rule that dropped it), TLS failed
 * (with the trust evaluation: untrusted-root, expired, name-mismatch ...), or
 * the server answered with an HTTP error (with the response).
 */
export interface ClientFailure {
  readonly ok: false;
  readonly stage: ClientStage;
  /** A short code: "unresolved", "perimeter-rule", "untrusted-root", "handshake-failed", "503" ... */
  readonly reason: string;
  readonly detail: string;
  readonly rule?: string;
  readonly trust?: TrustResult;
  readonly response?: WebResponse;
  /** The trace event that shows the cause, when there is one. */
  readonly traceId?: number;
}

export type ClientResult =
  | { readonly ok: true; readonly response: WebResponse; /** The server's certificate, over https. */ readonly certificate?: LabCertificate }
  | ClientFailure;
