import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createSecureContext, type SecureContext } from "node:tls";
import { isLabError } from "../kernel/index.ts";
import { checkBoundCertificate } from "./bound-certificate.ts";
import { errorPage } from "./error-page.ts";
import { iisError } from "./iis-error.ts";
import type { IisServer } from "./iis-server.ts";
import { MAX_BODY_BYTES } from "./request-body.ts";
import { createWebRequest, isHttpMethod, lowerCaseHeaders, type WebResponse } from "./web-request.ts";

export interface ServeRealOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Loopback only: the lab never listens on a real network. */
  host?: "127.0.0.1";
  /** The client host name handlers see (default "browser"). */
  clientHost?: string;
  /**
   * Wraps each request's handling, e.g. `(p) => network.run(p)` so a handler
   * that waits on the simulated network moves the lab clock. Without it, lab
   * time stands still while real requests are served.
   */
  run?: <T>(work: Promise<T>) => Promise<T>;
}

export interface RealServer {
  readonly port: number;
  readonly protocol: "http" | "https";
  /** "https://127.0.0.1:54321/" */
  readonly url: string;
  /** Thumbprint of the certificate served by default (https only). */
  readonly thumbprint?: string;
  close(): Promise<void>;
}

/**
 * Serves one site of a lab IIS over real HTTP(S) on loopback, through the
 * same pipeline and handlers as the simulated requests, for a browser or a
 * benchmark. An https site presents its bindings' real certificates and
 * keys from LocalMachine\My (SNI bindings by server name); a site with only
 * http bindings is served in plain HTTP. Lab time moves only through
 * `options.run`.
 */
export async function serveReal(iis: IisServer, siteName: string, options: ServeRealOptions = {}): Promise<RealServer> {
  const site = iis.site(siteName);
  if (!site) throw iisError("IIS_SITE_NOT_FOUND", `no site "${siteName}" on ${iis.host.name}; sites: ${iis.sites().map((s) => s.name).join(", ") || "none"}`);
  const address = options.host ?? "127.0.0.1";
  if (address !== "127.0.0.1") throw iisError("IIS_REAL_HOST_INVALID", `serveReal listens on 127.0.0.1 only, not ${String(address)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw iisError("IIS_REAL_PORT_INVALID", `port ${port} is not between 0 and 65535`);

  const https = site.bindings.filter((b) => b.protocol === "https");
  const bound = https.map((b) => checkBoundCertificate(iis.host.certs, site.name, b));
  const usable = bound.flatMap((b) => (b.ok ? [b] : []));
  if (https.length > 0 && usable.length === 0) {
    const reasons = bound.map((b) => (b.ok ? "" : b.reason)).join("; ");
    throw iisError("IIS_CERT_UNUSABLE", `site "${site.name}" has https bindings but no usable certificate: ${reasons}`, "Bind a certificate of LocalMachine\\My that has its private key.");
  }
  const secure = usable.length > 0;
  const clientHost = options.clientHost ?? "browser";
  const run = options.run ?? (<T>(work: Promise<T>) => work);
  const listener = (req: IncomingMessage, res: ServerResponse): void => void handle(iis, site.name, secure, clientHost, run, req, res);

  let server: Server;
  let thumbprint: string | undefined;
  if (secure) {
    const first = usable[0]!;
    thumbprint = first.entry.certificate.thumbprint;
    const byName = new Map<string, SecureContext>();
    for (const b of usable) {
      if (b.binding.sni && b.binding.hostName) byName.set(b.binding.hostName, createSecureContext({ cert: b.entry.certificate.toPem(), key: b.entry.privateKeyPem }));
    }
    server = createHttpsServer(
      {
        cert: first.entry.certificate.toPem(),
        key: first.entry.privateKeyPem,
        SNICallback: (servername, done) => done(null, byName.get(servername.toLowerCase())),
      },
      listener,
    );
  } else {
    server = createHttpServer(listener);
  }

  const actualPort = await listen(server, port, address);
  const protocol = secure ? "https" : "http";
  iis.host.record("iis", "iis.real.listening", { site: site.name, protocol, port: actualPort });
  return {
    port: actualPort,
    protocol,
    url: `${protocol}://${address}:${actualPort}/`,
    ...(thumbprint !== undefined ? { thumbprint } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE"
          ? iisError("IIS_REAL_PORT_IN_USE", `port ${port} on ${address} is already in use`, "Choose another port, or 0 for any free one.")
          : iisError("IIS_REAL_LISTEN_FAILED", `cannot listen on ${address}:${port}: ${error.message}`),
      );
    };
    server.once("error", onError);
    server.listen(port, address, () => {
      server.off("error", onError);
      const bound = server.address();
      resolve(typeof bound === "object" && bound ? bound.port : port);
    });
  });
}

async function handle(
  iis: IisServer,
  siteName: string,
  secure: boolean,
  clientHost: string,
  run: <T>(work: Promise<T>) => Promise<T>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const method = (req.method ?? "GET").toUpperCase();
    if (!isHttpMethod(method)) return send(res, { ...errorPage(405, "405.0", `method ${method} is not served`), headers: { allow: "GET, POST", "content-type": "text/html" } });
    const body = await readBody(req);
    if (body === undefined) return send(res, errorPage(413, "413.1", `request bodies are limited to ${MAX_BODY_BYTES} bytes`));
    const headers = lowerCaseHeaders(req.headers);
    let request;
    try {
      request = createWebRequest({
        method,
        url: `${secure ? "https" : "http"}://${headers["host"] ?? "127.0.0.1"}${req.url ?? "/"}`,
        headers,
        ...(method === "POST" ? { body } : {}),
        clientHost,
        clientIp: req.socket.remoteAddress ?? "127.0.0.1",
      });
    } catch (error) {
      if (isLabError(error)) return send(res, errorPage(400, "400", error.message));
      throw error;
    }
    const result = await run(iis.dispatchToSite(siteName, request, secure));
    send(res, result.response);
  } catch (error) {
    send(res, errorPage(500, "500.0", isLabError(error) ? error.message : "internal error"));
  }
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooBig ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: WebResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", ...(response.headers ?? {}) };
  res.writeHead(response.status, headers);
  res.end(response.body);
}
