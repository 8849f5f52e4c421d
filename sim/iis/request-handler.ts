import type { Host } from "../host/index.ts";
import type { ManagedRuntimeVersion } from "./app-pool.ts";
import type { ApplicationInfo } from "./site.ts";
import type { WebRequest, WebResponse } from "./web-request.ts";

export interface HandlerContext {
  readonly host: Host;
  readonly site: string;
  readonly application: ApplicationInfo;
  /** Where the request path lands on disk (a page's file, for handlers that read their own files). */
  readonly physicalPath: string;
  /** The request path relative to the application root. */
  readonly applicationPath: string;
  /** Whether the request came over https. */
  readonly secure: boolean;
}

/**
 * An application's code, as the lab plays it: a product's web pages are one
 * such function, run the same way by the simulated IIS and by the real
 * HTTPS server.
 */
export type RequestHandler = (request: WebRequest, context: HandlerContext) => Promise<WebResponse> | WebResponse;

export interface HandlerOptions {
  /**
   * The CLR the application is built for. A pool on another CLR (or "No
   * Managed Code") cannot load it: IIS answers 500, as ASP.NET does for an
   * assembly built by a newer runtime.
   */
  readonly clr?: Exclude<ManagedRuntimeVersion, "No Managed Code">;
}

export interface RegisteredHandler {
  readonly id: string;
  readonly handler: RequestHandler;
  readonly options: HandlerOptions;
}
