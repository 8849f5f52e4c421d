import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LabError } from "../sim/kernel/index.ts";
import type { ProductRegistry, Scenario } from "../sim/scenario/index.ts";
import { CatalogCache } from "./catalog-cache.ts";
import { ClientModules } from "./client-modules.ts";
import { routeHash } from "./client/route.ts";
import { createRoutes } from "./dashboard-routes.ts";

/** `lab serve`'s port unless told otherwise ("TEST" on a phone keypad). */
export const DEFAULT_PORT = 7357;
/** Loopback by default: the dashboard runs scenarios for whoever reaches it. */
export const DEFAULT_HOST = "127.0.0.1";

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Whether only this machine can reach an address. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

export interface DashboardOptions {
  readonly registry: ProductRegistry;
  /** The scenario catalog directory, read again whenever one of its files changes. */
  readonly catalogDir: string;
  /** Where `lab run` writes its reports (GET /api/report reads the JSON one). */
  readonly reportsDir: string;
  /** Scenario files are named relative to this (as replay commands show them). */
  readonly cwd: string;
  readonly host?: string;
  /** 0 = any free port. */
  readonly port?: number;
  /** Scenarios given by file rather than found in the catalog (`lab demo path.yaml --open`). */
  readonly extraScenarios?: readonly Scenario[];
  /** Where internal errors go, with their stack (the page only sees the message). */
  readonly log?: (line: string) => void;
}

export interface DashboardServer {
  /** `http://127.0.0.1:7357/` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Settles once the server has stopped. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
  /** The page opened at a scenario, which it runs at once (what `lab demo --open` prints). */
  scenarioUrl(scenario: string, options?: { seed?: number; remedy?: boolean }): string;
}

/** Starts the dashboard; refuses, with the way out, a port that is taken or a host that is not this machine's. */
export async function startDashboard(options: DashboardOptions): Promise<DashboardServer> {
  const host = options.host ?? DEFAULT_HOST;
  const loopback = isLoopbackHost(host);
  const routes = createRoutes({
    registry: options.registry,
    catalog: new CatalogCache(options.catalogDir, options.registry, options.cwd),
    reportsDir: options.reportsDir,
    cwd: options.cwd,
    extraScenarios: options.extraScenarios ?? [],
    client: new ClientModules(),
    ...(loopback ? { allowedHosts: LOOPBACK_HOSTS } : {}),
    log: options.log ?? ((line) => void process.stderr.write(`${line}\n`)),
  });
  const server = createServer((req, res) => void routes(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, host, options.port ?? DEFAULT_PORT)));
    server.listen(options.port ?? DEFAULT_PORT, host.replace(/^\[|\]$/g, ""), () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  return {
    url,
    host,
    port,
    closed,
    async close() {
      if (server.listening) {
        server.close();
        // A browser keeps its connections open; they must not hold the server up.
        server.closeAllConnections();
      }
      await closed;
    },
    scenarioUrl: (scenario, o = {}) => `${url}${routeHash({ kind: "run", scenario, remedy: o.remedy ?? false, ...(o.seed !== undefined ? { seed: o.seed } : {}) })}`,
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): LabError {
  if (error.code === "EADDRINUSE") {
    return new LabError({ code: "PORT_IN_USE", message: `port ${port} on ${host} is in use (another lab serve?): choose another with --port N, or --port 0 for any free port`, remedy: "Choose another with --port N, or --port 0 for any free port." });
  }
  if (error.code === "EACCES") {
    return new LabError({ code: "PORT_DENIED", message: `port ${port} on ${host} needs privileges this user lacks: choose a port above 1023 with --port N`, remedy: "Choose a port above 1023 with --port N." });
  }
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") {
    return new LabError({ code: "HOST_UNAVAILABLE", message: `${host} is not an address of this machine: leave --host out (loopback), or give one of its addresses`, remedy: "Leave --host out (loopback), or give one of this machine's addresses." });
  }
  return new LabError({ code: "SERVE_FAILED", message: `cannot listen on ${host}:${port}: ${error.message}` });
}
