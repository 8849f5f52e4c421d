import type { IncomingMessage, ServerResponse } from "node:http";
import { isLabError } from "../sim/kernel/index.ts";
import type { ProductRegistry, Scenario } from "../sim/scenario/index.ts";
import type { CatalogCache } from "./catalog-cache.ts";
import { catalogView } from "./catalog-view.ts";
import type { ClientModules } from "./client-modules.ts";
import { refusal, send, sendFailure, sendJson } from "./http-reply.ts";
import { readLastReport } from "./last-report.ts";
import { parseRunRequest, runRequested } from "./run-request.ts";

/** What the routes read: where the scenarios and the last report are, and the products to run them with. */
export interface RouteContext {
  readonly registry: ProductRegistry;
  readonly catalog: CatalogCache;
  readonly reportsDir: string;
  readonly cwd: string;
  readonly extraScenarios: readonly Scenario[];
  readonly client: ClientModules;
  /** When bound to loopback: the only names a request may address (DNS rebinding would bring others). */
  readonly allowedHosts?: ReadonlySet<string>;
  readonly log: (line: string) => void;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The dashboard's HTTP surface, thin: it parses, calls sim/scenario, and
 * answers with the report's own JSON. GET / and /client/*.ts are the page;
 * GET /api/catalog, POST /api/run, GET /api/report the data.
 */
export function createRoutes(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://dashboard.invalid");
      const hostName = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      if (ctx.allowedHosts && !ctx.allowedHosts.has(hostName)) {
        throw refusal(403, "HOST_REFUSED", `requests to this dashboard must address it by a loopback name, not ${hostName || "(no Host header)"}`);
      }
      const method = req.method ?? "GET";
      const only = (allowed: string) => {
        if (method !== allowed && !(allowed === "GET" && method === "HEAD")) {
          throw refusal(405, "METHOD_NOT_ALLOWED", `${method} ${url.pathname}: use ${allowed}`, { allow: allowed === "GET" ? "GET, HEAD" : allowed });
        }
      };
      const path = url.pathname;
      if (path === "/" || path === "/index.html") {
        only("GET");
        return send(res, 200, "text/html; charset=utf-8", await ctx.client.page());
      }
      if (path.startsWith("/client/")) {
        only("GET");
        const js = await ctx.client.module(path.slice("/client/".length));
        if (js === undefined) return send(res, 404, "text/plain; charset=utf-8", `not found: ${path}\n`);
        return send(res, 200, "text/javascript; charset=utf-8", js);
      }
      if (path === "/favicon.ico") {
        res.writeHead(204).end();
        return;
      }
      if (path === "/api/catalog") {
        only("GET");
        const { scenarios, invalid } = loadScenarios(ctx);
        return sendJson(res, 200, catalogView(scenarios, ctx.registry, invalid));
      }
      if (path === "/api/run") {
        only("POST");
        const request = parseRunRequest(await readJsonBody(req));
        return sendJson(res, 200, await runRequested(request, loadScenarios(ctx).scenarios, ctx.registry));
      }
      if (path === "/api/report") {
        only("GET");
        return sendJson(res, 200, readLastReport(ctx.reportsDir, ctx.cwd));
      }
      if (path.startsWith("/api/")) throw refusal(404, "NOT_FOUND", `no API at ${path}; there are GET /api/catalog, POST /api/run and GET /api/report`);
      send(res, 404, "text/plain; charset=utf-8", `not found: ${path}\n`);
    } catch (error) {
      if (!isLabError(error)) ctx.log(`lab serve: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendFailure(res, error);
    }
  };
}

/** The catalog as it is now (an edited scenario shows without a restart); scenarios given by file come first. */
function loadScenarios(ctx: RouteContext): { scenarios: Scenario[]; invalid: readonly string[] } {
  const catalog = ctx.catalog.current();
  const given = new Set(ctx.extraScenarios.map((s) => s.name));
  return { scenarios: [...ctx.extraScenarios, ...catalog.scenarios.filter((s) => !given.has(s.name))], invalid: catalog.invalid };
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  // Requiring JSON also makes a cross-site form post impossible: browsers preflight it, and no preflight is granted.
  if (type !== "application/json") throw refusal(415, "UNSUPPORTED_MEDIA_TYPE", `send the request as application/json, not ${type || "no content type"}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw refusal(413, "BODY_TOO_LARGE", `the request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw refusal(400, "BAD_REQUEST", `the body is not JSON: ${(error as Error).message}`);
  }
}
