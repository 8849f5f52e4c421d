import { LabError, memoPure } from "../kernel/index.ts";
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

/** A request as it travels from a client: the server adds the client's host and address from the connection. */
export type WireWebRequest = Omit<WebRequest, "clientHost" | "clientIp">;

/**
 * Builds a WebRequest from raw parts (a URL, headers, a body), so the
 * simulated client and the real server give applications the same shape.
 */
export function createWebRequest(init: WebRequestInit): WebRequest {
  return withClient(createWireRequest(init), init.clientHost, init.clientIp);
}

/**
 * The request without its client. `form`, when given, is what parsing the
 * urlencoded body gives (a client that encoded it from those fields knows
 * them): it is taken instead of parsing the body again.
 */
export function createWireRequest(
  init: Omit<WebRequestInit, "clientHost" | "clientIp">,
  form?: Readonly<Record<string, string>>,
  /** The headers are already lower-cased strings (a client that built them): taken as they are, not copied again. */
  headersLowerCase = false,
): WireWebRequest {
  const method = (init.method ?? "GET").toUpperCase();
  if (!isHttpMethod(method)) {
    throw new LabError({ code: "IIS_METHOD_UNSUPPORTED", message: `method ${init.method} is not modelled; the lab's applications take ${HTTP_METHODS.join(" and ")}` });
  }
  const parsed = parseUrl(init.url);
  const headers = headersLowerCase && init.headers !== undefined ? init.headers : lowerCaseHeaders(init.headers ?? {});
  // Built field by field (not with spreads): an object of one plain shape, which V8 copies fast when the server adds the client.
  const request: { -readonly [K in keyof WireWebRequest]: WireWebRequest[K] } = { method, url: init.url, path: parsed.path, query: parsed.query, headers };
  if (init.body !== undefined) {
    if (form !== undefined) request.form = form;
    else {
      const parts = parseRequestBody(headers["content-type"], init.body);
      if ("form" in parts) request.form = parts.form;
      if ("json" in parts) request.json = parts.json;
    }
    request.body = init.body;
  }
  return request;
}

/**
 * The request as the application sees it: the wire request and the client
 * the connection came from. Object.assign rather than a spread: V8 copies
 * these objects through a slow path when spread (about a microsecond each).
 * An own "__proto__" (a message some other client built) keeps the spread's
 * meaning: a field, where assigning it would set the prototype.
 */
export function withClient(request: WireWebRequest, clientHost: string, clientIp: string): WebRequest {
  if (Object.hasOwn(request, "__proto__")) return { ...request, clientHost, clientIp };
  const out = Object.assign({}, request) as { -readonly [K in keyof WebRequest]: WebRequest[K] };
  out.clientHost = clientHost;
  out.clientIp = clientIp;
  return out;
}

/**
 * The decoded path and query of a URL. Memoised (a pure function; the query
 * is frozen, so requests may share it): pages ask the same few URLs again and
 * again, and each parse builds a URL object.
 */
const parseUrl = memoPure(parseUrlUncached);

function parseUrlUncached(url: string): { readonly path: string; readonly query: Readonly<Record<string, string>> } {
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
  return Object.freeze({ path, query: Object.freeze(Object.fromEntries(parsed.searchParams)) });
}

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}
