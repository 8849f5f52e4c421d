import { errorPage } from "./error-page.ts";
import type { WebResponse } from "./web-request.ts";

/** What static serving needs of a file system (sim/fs's FileSystem has it). */
export interface StaticFileSource {
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  readText(path: string): string | undefined;
}

/** IIS's default documents, in its default order. */
export const DEFAULT_DOCUMENTS = ["Default.htm", "Default.asp", "index.htm", "index.html", "iisstart.htm", "default.aspx"] as const;

/** Request filtering's default hidden segments: folders IIS never serves. */
const HIDDEN_SEGMENTS = new Set(["bin", "app_code", "app_data", "app_globalresources", "app_localresources", "app_webreferences", "app_browsers", "web.config"]);
const DENIED_EXTENSIONS = new Set([".config", ".cs", ".vb", ".mdb", ".mdf", ".ldf", ".sdf", ".csproj"]);

const MIME_TYPES: Readonly<Record<string, string>> = {
  ".htm": "text/html",
  ".html": "text/html",
  ".css": "text/css",
  ".js": "application/javascript",
  ".json": "application/json",
  ".txt": "text/plain",
  ".xml": "text/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".gif": "image/gif",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
};

export interface StaticResult {
  readonly response: WebResponse;
  /** Why it was refused, with IIS's sub-status ("404.3 no MIME type for .exe"). */
  readonly reason?: string;
}

/**
 * Serves a file as IIS's static file handler does: a folder gets a courtesy
 * redirect to its slash form, then its default document; request filtering
 * hides bin and App_Data; an extension without a MIME type is not served.
 */
export function serveStatic(files: StaticFileSource, requestPath: string, applicationPath: string, physicalPath: string): StaticResult {
  const segments = applicationPath.toLowerCase().split("/");
  const hidden = segments.find((s) => HIDDEN_SEGMENTS.has(s));
  if (hidden !== undefined) return refused(404, "404.8", `request filtering hides the segment "${hidden}"`);
  if (files.isDirectory(physicalPath)) {
    if (!requestPath.endsWith("/")) {
      return { response: { status: 301, headers: { location: `${requestPath}/`, "content-type": "text/html" }, body: "" } };
    }
    const document = DEFAULT_DOCUMENTS.find((d) => files.isFile(`${physicalPath}\\${d}`));
    if (!document) return refused(403, "403.14", "no default document and directory browsing is off");
    return serveFile(files, `${physicalPath}\\${document}`, document);
  }
  const extension = extensionOf(physicalPath);
  if (DENIED_EXTENSIONS.has(extension)) return refused(404, "404.7", `request filtering denies the extension ${extension}`);
  if (!files.isFile(physicalPath)) return refused(404, "404.0", `no file ${physicalPath}`);
  return serveFile(files, physicalPath, physicalPath);
}

function serveFile(files: StaticFileSource, path: string, name: string): StaticResult {
  const type = MIME_TYPES[extensionOf(name)];
  if (type === undefined) return refused(404, "404.3", `no MIME type for ${extensionOf(name) || "a file without extension"}`);
  return { response: { status: 200, headers: { "content-type": type }, body: files.readText(path) ?? "" } };
}

function refused(status: number, subStatus: string, reason: string): StaticResult {
  return { response: errorPage(status, subStatus, reason), reason: `${subStatus} ${reason}` };
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("\\") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot).toLowerCase();
}
