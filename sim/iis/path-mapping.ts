import type { Application, Site, VirtualDirectory } from "./site.ts";
import { isWithin, joinPhysical, relativeTo } from "./virtual-path.ts";

export interface PathMapping {
  readonly application: Application;
  readonly virtualDirectory: VirtualDirectory;
  /** The request path relative to the application ("/" at its root). */
  readonly applicationPath: string;
  /** Where the request path lands on disk. */
  readonly physicalPath: string;
}

/**
 * Maps a request path to the application and virtual directory that serve
 * it, as IIS does: the longest application path that contains the request
 * path, then the longest virtual directory of that application.
 */
export function mapRequestPath(site: Site, requestPath: string): PathMapping | undefined {
  const application = longest(site.applications, (a) => a.path, requestPath);
  if (!application) return undefined;
  const applicationPath = relativeTo(application.path, requestPath);
  const virtualDirectory = longest(application.virtualDirectories, (v) => v.path, applicationPath);
  if (!virtualDirectory) return undefined;
  const physicalPath = joinPhysical(virtualDirectory.physicalPath, relativeTo(virtualDirectory.path, applicationPath));
  return { application, virtualDirectory, applicationPath, physicalPath };
}

function longest<T>(items: readonly T[], pathOf: (item: T) => string, path: string): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    const p = pathOf(item);
    if (isWithin(p, path) && (best === undefined || p.length > pathOf(best).length)) best = item;
  }
  return best;
}
