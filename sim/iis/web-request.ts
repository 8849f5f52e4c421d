import { LabError } from "../kernel/index.ts";
import { parseRequestBody } from "./request-body.ts";

export type HttpMethod = "GET" | "POST";

/**
 * One HTTP request as an application sees it, whether it came over the
 * simulated network or a real socket. Header names are lower-case.
 */
export interface WebRequest {
  readonly method: HttpMethod;
  /** As requested: "https://web01.corp.example/pwreset/reset?x=1". */
  readonly url: string;
  /** Decoded path, always starting with "/". */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Fields of an application/x-www-form-urlencoded body. */
  readonly form?: Readonly<Record<string, string>>;
  /** The parsed body of an application/json request. */
  readonly json?: unknown;
  readonly body?: string;
  readonly clientHost: string;
  readonly clientIp: string;
}

export interface WebResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebRequestInit {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  clientHost: string;
  clientIp: string;
}

export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST"];

export function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

/**
 * Builds a WebRequest from raw parts (a URL, headers, a body), so the
 * simulated client and the real server give applications the same shape.
 */
export function createWebRequest(init: WebRequestInit): WebRequest {
  const method = (init.method ?? "GET").toUpperCase();
  if (!isHttpMethod(method)) {
    throw new LabError({ code: "IIS_METHOD_UNSUPPORTED", message: `method ${init.method} is not modelled; the lab's applications take ${HTTP_METHODS.join(" and ")}` });
  }
  const parsed = parseUrl(init.url);
  const headers = lowerCaseHeaders(init.headers ?? {});
  const bodyParts = init.body === undefined ? {} : parseRequestBody(headers["content-type"], init.body);
  return {
    method,
    url: init.url,
    path: parsed.path,
    query: parsed.query,
    headers,
    ...bodyParts,
    ...(init.body !== undefined ? { body: init.body } : {}),
    clientHost: init.clientHost,
    clientIp: init.clientIp,
  };
}

function parseUrl(url: string): { path: string; query: Record<string, string> } {
  let parsed: URL;
  try {
    // A path-only URL ("/pwreset/?a=1") parses against a placeholder origin.
    parsed = new URL(url, "http://placeholder.invalid");
  } catch {
    throw new LabError({ code: "IIS_URL_INVALID", message: `"${url}" is not a URL` });
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    throw new LabError({ code: "IIS_URL_INVALID", message: `the path of "${url}" has a broken percent-encoding` });
  }
  return { path, query: Object.fromEntries(parsed.searchParams) };
}

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}
