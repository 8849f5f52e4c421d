import type { Host } from "../host/index.ts";
import { isLabError, type LabContext } from "../kernel/index.ts";
import type { AppPoolInfo } from "./app-pool.ts";
import { selectBinding, type BindingCandidate, type ConnectionInfo } from "./binding-selection.ts";
import { CLR_FEATURE, clrInstalled } from "./clr.ts";
import { errorPage } from "./error-page.ts";
import type { PathMapping } from "./path-mapping.ts";
import type { RegisteredHandler } from "./request-handler.ts";
import { applicationInfo, type Site } from "./site.ts";
import { serveStatic } from "./static-content.ts";
import type { WebRequest, WebResponse } from "./web-request.ts";

/** What the pipeline needs of its server. */
export interface PipelineDeps {
  readonly host: Host;
  readonly context: LabContext;
  running(): boolean;
  candidates(startedOnly: boolean): readonly BindingCandidate<Site>[];
  /** mapRequestPath for the site, remembered until the server's sites change. */
  mapPath(site: Site, path: string): PathMapping | undefined;
  pool(name: string): AppPoolInfo | undefined;
  handler(id: string): RegisteredHandler | undefined;
  startWorker(pool: string): { ok: true } | { ok: false; reason: string };
}

export type RequestTarget = ConnectionInfo | { readonly pinned: Site; readonly secure: boolean };

export interface DispatchResult {
  readonly response: WebResponse;
  readonly site?: string;
  /** The application path that served it. */
  readonly application?: string;
  /** Why IIS answered with an error, with its sub-status. */
  readonly reason?: string;
}

/**
 * One request through IIS: binding, site state, application (longest
 * path), pool state and worker, then the application's handler or the
 * static file handler. Every request leaves one trace event with method,
 * URL (without its query), status and client; never the body, which may
 * hold a password.
 */
export async function runRequest(deps: PipelineDeps, request: WebRequest, target: RequestTarget): Promise<DispatchResult> {
  const result = await serve(deps, request, target);
  // Built field by field for this event alone: the trace keeps it rather than a copy.
  const query = request.url.indexOf("?");
  const data: Record<string, unknown> = {
    method: request.method,
    url: query < 0 ? request.url : request.url.slice(0, query),
    status: result.response.status,
    client: request.clientHost,
    clientIp: request.clientIp,
  };
  if (result.site !== undefined) data.site = result.site;
  if (result.application !== undefined) data.application = result.application;
  if (result.reason !== undefined) data.reason = result.reason;
  deps.context.trace.recordOwn({ host: deps.host.name, component: "iis", kind: "iis.request", data });
  return result;
}

async function serve(deps: PipelineDeps, request: WebRequest, target: RequestTarget): Promise<DispatchResult> {
  if (!deps.running()) return fail(503, "503", "the World Wide Web Publishing Service (W3SVC) is not running");
  let site: Site;
  let secure: boolean;
  if ("pinned" in target) {
    site = target.pinned;
    secure = target.secure;
  } else {
    const chosen = selectBinding(deps.candidates(true), target) ?? selectBinding(deps.candidates(false), target);
    if (!chosen) {
      const reason = `400 no binding for host "${target.hostName}" on ${target.protocol} ${target.localIp}:${target.port} (invalid hostname)`;
      return { response: errorPage(400, "400", "Bad Request - Invalid Hostname"), reason };
    }
    site = chosen.site;
    secure = target.protocol === "https";
  }
  if (site.state !== "Started") return fail(503, "503", `site "${site.name}" is stopped`, site.name);

  const mapping = deps.mapPath(site, request.path);
  if (!mapping) return fail(404, "404.0", `no application or virtual directory serves ${request.path}`, site.name);
  const { application } = mapping;
  const at = { site: site.name, application: application.path };

  const pool = deps.pool(application.applicationPool);
  if (!pool) return fail(503, "503", `application pool "${application.applicationPool}" does not exist`, site.name, application.path);
  if (pool.state !== "Started") {
    return fail(503, "503", `application pool "${pool.name}" is stopped${pool.lastError ? `: ${pool.lastError}` : ""}`, site.name, application.path);
  }
  const worker = deps.startWorker(pool.name);
  if (!worker.ok) return fail(503, "503", worker.reason, site.name, application.path);

  if (application.handler === undefined) {
    try {
      const result = serveStatic(deps.host.fs, request.path, mapping.applicationPath, mapping.physicalPath);
      return { response: result.response, ...at, ...(result.reason !== undefined ? { reason: result.reason } : {}) };
    } catch (error) {
      if (isLabError(error)) return fail(404, "404.0", `the path does not map to a file: ${error.message}`, site.name, application.path);
      throw error;
    }
  }

  const registered = deps.handler(application.handler);
  if (!registered) {
    return fail(500, "500.21", `handler "${application.handler}" of ${site.name}${application.path} is not registered on this server (module not installed)`, site.name, application.path);
  }
  const runtime = pool.managedRuntimeVersion;
  if (runtime !== "No Managed Code" && !clrInstalled(deps.host, runtime)) {
    return fail(503, "503", `application pool "${pool.name}" asks for CLR ${runtime}, which is not installed (${CLR_FEATURE[runtime]})`, site.name, application.path);
  }
  const wanted = registered.options.clr;
  if (wanted !== undefined && wanted !== runtime) {
    return fail(500, "500.0", `"${registered.id}" is built for CLR ${wanted}; application pool "${pool.name}" runs ${runtime}`, site.name, application.path);
  }

  try {
    const response = await registered.handler(request, {
      host: deps.host,
      site: site.name,
      application: applicationInfo(site, application),
      physicalPath: mapping.physicalPath,
      applicationPath: mapping.applicationPath,
      secure,
    });
    if (!response || typeof response.status !== "number" || typeof response.body !== "string") {
      return fail(500, "500.0", `handler "${registered.id}" returned no response`, site.name, application.path);
    }
    return { response, ...at };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(500, "500.0", `handler "${registered.id}" failed: ${message}`, site.name, application.path);
  }
}

function fail(status: number, subStatus: string, reason: string, site?: string, application?: string): DispatchResult {
  return {
    response: errorPage(status, subStatus, reason),
    reason: `${subStatus} ${reason}`,
    ...(site !== undefined ? { site } : {}),
    ...(application !== undefined ? { application } : {}),
  };
}
