import { resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { LabError } from "../../sim/kernel/index.ts";
import { loadCatalog, parseInteger, type ProductRegistry, type Scenario } from "../../sim/scenario/index.ts";
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, openInBrowser, startDashboard, type DashboardServer } from "../../web/index.ts";
import { catalogDir, displayPath, loadRegistry } from "../cli-context.ts";
import type { CommandEnv } from "./command-env.ts";

/** For tests: the running server, once it listens (a test closes it to end the command). */
export interface ServeHooks {
  onListening?(server: DashboardServer): void;
}

export interface ServeOptions {
  readonly registry: ProductRegistry;
  readonly catalogDir: string;
  readonly reportsDir: string;
  readonly host: string;
  readonly port: number;
  readonly open: boolean;
  readonly extraScenarios?: readonly Scenario[];
  /** The address to print and open (default: the dashboard's home). */
  readonly at?: (server: DashboardServer) => string;
}

interface ServeFlags {
  port: string;
  host: string;
  catalog?: string;
  out: string;
  open?: boolean;
}

export function registerServe(program: Command, env: CommandEnv, hooks: ServeHooks = {}): void {
  program
    .command("serve")
    .description("the presales dashboard in a browser: the catalog by product, runs at any seed, the estate by zone, the plan as a timeline, the remedy")
    .option("--port <n>", "port to listen on (0 = any free port)", String(DEFAULT_PORT))
    .option("--host <address>", "address to listen on; anything but loopback lets others run scenarios here", DEFAULT_HOST)
    .option("--catalog <dir>", "the catalog directory (default: the package's scenarios/)")
    .option("--out <dir>", "where `lab run` writes its reports (the page shows the last one)", "reports")
    .option("--open", "open the page in the desktop's browser (xdg-open, when there is one)")
    .addHelpText("after", "\nThe page needs no network: everything it uses is served by this process. Ctrl-C stops it.")
    .action(async (flags: ServeFlags) => {
      const { io } = env;
      const registry = await loadRegistry(io);
      const dir = catalogDir(io, flags.catalog);
      const catalog = loadCatalog(dir, registry, io.cwd);
      io.stdout.write(
        `Catalog: ${catalog.scenarios.length} scenario${catalog.scenarios.length === 1 ? "" : "s"} from ${displayPath(io, dir)}${catalog.invalid.length ? ` (${catalog.invalid.length} invalid file${catalog.invalid.length === 1 ? "" : "s"}, listed on the page)` : ""}\n`,
      );
      await serveDashboard(env, { registry, catalogDir: dir, reportsDir: resolve(io.cwd, flags.out), host: flags.host, port: parsePort(flags.port), open: Boolean(flags.open) }, hooks);
    });
}

/**
 * Runs the dashboard until Ctrl-C (or until a test closes it): prints where
 * it is, opens a browser when asked and possible. Shared by `serve` and
 * `demo --open`.
 */
export async function serveDashboard(env: CommandEnv, options: ServeOptions, hooks: ServeHooks = {}): Promise<void> {
  const { io } = env;
  const c = pc.createColors(Boolean(io.stdout.isTTY));
  const server = await startDashboard({
    registry: options.registry,
    catalogDir: options.catalogDir,
    reportsDir: options.reportsDir,
    cwd: io.cwd,
    host: options.host,
    port: options.port,
    ...(options.extraScenarios ? { extraScenarios: options.extraScenarios } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const target = options.at?.(server) ?? server.url;
  io.stdout.write(`The dashboard: ${c.bold(c.cyan(target))}\n`);
  if (!isLoopbackHost(options.host)) {
    io.stdout.write(c.yellow(`Listening on ${options.host}: whoever reaches this machine can run scenarios here.\n`));
  }
  if (options.open) {
    const attempt = openInBrowser(target, io.env);
    io.stdout.write(attempt.opened ? `Opened it with ${attempt.with}.\n` : `Open it in a browser (not opened here: ${attempt.reason}).\n`);
  }
  io.stdout.write(c.dim("Ctrl-C stops it.\n"));
  const stop = () => void server.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    hooks.onListening?.(server);
    await server.closed;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  io.stdout.write("The dashboard stopped.\n");
}

export function parsePort(text: string): number {
  const port = parseInteger(text, "--port", 0);
  if (port > 65535) throw new LabError({ code: "BAD_ARGUMENT", message: `--port ${text}: expected a port from 0 to 65535 (0 = any free port)` });
  return port;
}
