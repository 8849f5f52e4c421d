import type { Binding } from "./binding.ts";

/** A virtual directory of an application; its path is relative to the application ("/" is the application's root). */
export interface VirtualDirectory {
  readonly path: string;
  readonly physicalPath: string;
}

/**
 * An application of a site: a path, the pool it runs in, its virtual
 * directories and, for the lab, the id of the request handler that plays its
 * code (registered on the server, so the configuration stays plain data).
 * Without a handler it serves static files.
 */
export interface Application {
  readonly path: string;
  readonly applicationPool: string;
  readonly handler?: string;
  readonly virtualDirectories: readonly VirtualDirectory[];
}

export type SiteState = "Started" | "Stopped";

export interface Site {
  readonly id: number;
  readonly name: string;
  readonly bindings: readonly Binding[];
  /** Always holds the root application "/". */
  readonly applications: readonly Application[];
  readonly state: SiteState;
}

/** What a handler learns about the application that serves it. */
export interface ApplicationInfo {
  readonly site: string;
  readonly path: string;
  readonly applicationPool: string;
  /** The application's root folder. */
  readonly physicalPath: string;
  readonly handler?: string;
}

/** The root folder of an application: its "/" virtual directory. */
export function applicationRoot(application: Application): string {
  return application.virtualDirectories.find((v) => v.path === "/")!.physicalPath;
}

export function applicationInfo(site: Site, application: Application): ApplicationInfo {
  return {
    site: site.name,
    path: application.path,
    applicationPool: application.applicationPool,
    physicalPath: applicationRoot(application),
    ...(application.handler !== undefined ? { handler: application.handler } : {}),
  };
}
