import { CertificateStores, evaluateTrust, type LabCertificate, type RevocationList } from "../certs/index.ts";
import { memoPure, type LabContext } from "../kernel/index.ts";
import type { Network, StreamConnection, StreamFailure } from "../net/index.ts";
import { DEFAULT_PORT } from "./binding.ts";
import type { ClientFailure, ClientResult, ClientStage } from "./client-result.ts";
import { statusText } from "./error-page.ts";
import { iisError } from "./iis-error.ts";
import type { IisWireReply, IisWireRequest } from "./iis-wire.ts";
import { encodeForm } from "./request-body.ts";
import { createWireRequest, lowerCaseHeaders, type HttpMethod, type WireWebRequest } from "./web-request.ts";

export interface WebClientDeps {
  readonly context: LabContext;
  readonly network: Pick<Network, "connect" | "run">;
  /** The client's certificate stores (a Host has them). A client the lab does not know trusts no lab certificate. */
  readonly hostOf: (name: string) => { readonly certs: CertificateStores } | undefined;
  /** The revocation lists a client can reach (a CA's CRL distribution point). */
  readonly revocations?: () => readonly RevocationList[];
}

export interface ClientRequestInit {
  method?: HttpMethod;
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded, as a browser posts a form. */
  form?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  body?: string;
  /**
   * Moves the lab clock until the answer is in (default true). A handler
   * that calls another site while it serves passes false and lets the outer
   * driver move the clock.
   */
  driveClock?: boolean;
}

/**
 * A browser on a lab host: resolves the name from the client host, connects
 * across the simulated network and firewalls, checks the server's
 * certificate against the CLIENT's stores and the requested name, then sends
 * the request. The result says at which stage it failed and why.
 */
export class WebClient {
  constructor(private readonly deps: WebClientDeps) {}

  request(clientHost: string, url: string, init: ClientRequestInit = {}): Promise<ClientResult> {
    const promise = this.#request(clientHost, url, init);
    return init.driveClock === false ? promise : this.deps.network.run(promise);
  }

  async #request(clientHost: string, url: string, init: ClientRequestInit): Promise<ClientResult> {
    const target = parseClientUrl(url);
    const connected = await this.deps.network.connect(clientHost, target.hostname, target.port);
    if (!connected.ok) return this.#fail(clientHost, target.display, streamFailure(connected, connected.symptom === "unresolved" ? "dns" : "network"));
    const connection = connected.connection;
    try {
      let certificate: LabCertificate | undefined;
      if (target.secure) {
        const tls = await this.#handshake(connection, clientHost, target.hostname);
        if (!tls.ok) return this.#fail(clientHost, target.display, tls);
        certificate = tls.certificate;
      }
      const request = buildRequest(url, target, init);
      const exchange = await connection.request<IisWireReply>({ kind: "http", secure: target.secure, request } satisfies IisWireRequest);
      if (!exchange.ok) return this.#fail(clientHost, target.display, streamFailure(exchange, "network"));
      const reply = exchange.response;
      if (reply.kind !== "http-response") {
        return this.#fail(clientHost, target.display, { ok: false, stage: "network", reason: "reset", detail: `the server reset the connection: ${"reason" in reply ? reply.reason : reply.kind}` });
      }
      const response = reply.response;
      if (response.status >= 400) {
        return this.#fail(clientHost, target.display, { ok: false, stage: "http", reason: String(response.status), detail: `HTTP ${response.status} ${statusText(response.status)}`, response });
      }
      return { ok: true, response, ...(certificate ? { certificate } : {}) };
    } finally {
      connection.close();
    }
  }

  async #handshake(connection: StreamConnection, clientHost: string, serverName: string) {
    const hello = await connection.request<IisWireReply>({ kind: "client-hello", serverName } satisfies IisWireRequest);
    if (!hello.ok) return streamFailure(hello, "network");
    const reply = hello.response;
    if (reply.kind !== "server-hello") {
      const why = "reason" in reply ? reply.reason : "the server did not answer the TLS hello";
      return { ok: false, stage: "tls", reason: "handshake-failed", detail: why } satisfies ClientFailure;
    }
    const stores = this.deps.hostOf(clientHost)?.certs ?? new CertificateStores(clientHost);
    const trust = await evaluateTrust(reply.certificate, {
      stores,
      now: this.deps.context.clock.date(),
      dnsName: serverName,
      intermediates: reply.intermediates,
      ...(this.deps.revocations ? { revocations: this.deps.revocations() } : {}),
    });
    if (!trust.ok) return { ok: false, stage: "tls", reason: trust.reason, detail: trust.detail, trust } satisfies ClientFailure;
    return { ok: true as const, certificate: reply.certificate };
  }

  #fail(clientHost: string, url: string, failure: ClientFailure): ClientFailure {
    this.deps.context.trace.recordOwn({
      host: clientHost,
      component: "web-client",
      kind: "web.request.failed",
      data: { url, stage: failure.stage, reason: failure.reason, ...(failure.rule !== undefined ? { rule: failure.rule } : {}) },
    });
    return failure;
  }
}

interface ClientUrl {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  /** scheme://host[:port]/path, without the query: what traces show. */
  readonly display: string;
}

/** Memoised (a pure function; results frozen): a browser asks the same few URLs, and each parse builds a URL object. */
const parseClientUrl = memoPure(parseClientUrlUncached);

function parseClientUrlUncached(url: string): ClientUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw iisError("IIS_URL_INVALID", `"${url}" is not an absolute URL (e.g. https://web01.corp.example/pwreset/)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw iisError("IIS_URL_INVALID", `"${url}": only http and https URLs are modelled`);
  const secure = parsed.protocol === "https:";
  const port = parsed.port === "" ? DEFAULT_PORT[secure ? "https" : "http"] : Number(parsed.port);
  return Object.freeze({ secure, hostname: parsed.hostname, port, display: `${parsed.protocol}//${parsed.host}${parsed.pathname}` });
}

function buildRequest(url: string, target: ClientUrl, init: ClientRequestInit): WireWebRequest {
  // Lower-cased here (the request would lower-case them anyway) and handed over as they are.
  const headers = init.headers === undefined ? {} : lowerCaseHeaders(init.headers);
  const given = init.headers === undefined ? NO_HEADERS : new Set(Object.keys(init.headers).map((h) => h.toLowerCase()));
  if (!given.has("host")) headers["host"] = target.port === DEFAULT_PORT[target.secure ? "https" : "http"] ? target.hostname : `${target.hostname}:${target.port}`;
  let body = init.body;
  let fields: Record<string, string> | undefined;
  if (init.form !== undefined) {
    body = encodeForm(init.form);
    if (!given.has("content-type")) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      fields = formFields(init.form);
    }
  } else if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!given.has("content-type")) headers["content-type"] = "application/json";
  }
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  return createWireRequest({ method, url, headers, ...(body !== undefined ? { body } : {}) }, fields, true);
}

const NO_HEADERS: ReadonlySet<string> = new Set();
/** A lone surrogate does not survive urlencoding (it becomes U+FFFD); a paired one matches no \p{Surrogate} in u mode. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The fields the server would parse out of `encodeForm(form)`: the same
 * strings, when every name and value is a well-formed string (urlencoding
 * round-trips those exactly); undefined otherwise, and the body is parsed.
 */
function formFields(form: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    // "__proto__" would set the prototype by assignment where parsing makes a field of it.
    if (typeof value !== "string" || name === "__proto__" || LONE_SURROGATE.test(name) || LONE_SURROGATE.test(value)) return undefined;
    fields[name] = value;
  }
  return fields;
}

function streamFailure(failure: StreamFailure, stage: ClientStage): ClientFailure {
  return {
    ok: false,
    stage,
    reason: failure.reason,
    detail: failure.detail,
    ...(failure.rule !== undefined ? { rule: failure.rule } : {}),
    ...(failure.traceId !== undefined ? { traceId: failure.traceId } : {}),
  };
}
