import type { ServerResponse } from "node:http";
import { LabError, isLabError } from "../sim/kernel/index.ts";
import type { ApiErrorBody } from "./client/api-types.ts";

/** A refusal of the API: a LabError that knows its HTTP status (and any header the status calls for, e.g. Allow). */
export function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): LabError {
  return new LabError({ code, message, details: { status, headers } });
}

/** The status a refusal asked for; any other LabError is bad input (400). */
export function statusOf(error: LabError): number {
  const status = error.details.status;
  return typeof status === "number" ? status : 400;
}

// The page is served from this origin only; nothing else may be loaded or framed.
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
} as const;

export function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": contentType, "content-length": String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", `${JSON.stringify(body)}\n`);
}

/** Any thrown error as an API answer: a LabError with its code and message, anything else as a 500 naming no internals. */
export function sendFailure(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (isLabError(error)) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.message } };
    const headers = (error.details.headers ?? {}) as Record<string, string>;
    send(res, statusOf(error), "application/json; charset=utf-8", `${JSON.stringify(body)}\n`, headers);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const body: ApiErrorBody = { error: { code: "INTERNAL", message: `internal error: ${message}` } };
  send(res, 500, "application/json; charset=utf-8", `${JSON.stringify(body)}\n`);
}
