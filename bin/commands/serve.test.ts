import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CatalogView, DashboardServer } from "../../web/index.ts";
import { PACKAGE_ROOT } from "../cli-context.ts";
import type { CliIo } from "../cli-io.ts";
import { runCli } from "../program.ts";
import { registerServe } from "./serve.ts";

const EXTRA = "sim/scenario/test-product/index.ts";
const CATALOG = "sim/scenario/test-product/scenarios";

function io(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const value: CliIo = {
    stdout: { write: (t) => void (out.stdout += t), isTTY: false },
    stderr: { write: (t) => void (out.stderr += t), isTTY: false },
    cwd: PACKAGE_ROOT,
    env: { LAB_EXTRA_PRODUCTS: EXTRA, PATH: "", ...env },
    sleep: async () => undefined,
  };
  return { io: value, out };
}

/** Runs `lab serve ...` in-process; `whileUp` talks to the server, then it is closed and the command returns. */
async function serve(args: string[], whileUp: (server: DashboardServer) => Promise<void>, env: Record<string, string> = {}) {
  const { io: cliIo, out } = io(env);
  let code = 0;
  const program = new Command("lab").exitOverride();
  registerServe(program, { io: cliIo, setExit: (c) => void (code = c) }, { onListening: (server) => void whileUp(server).finally(() => server.close()) });
  await program.parseAsync(["serve", "--catalog", CATALOG, ...args], { from: "user" });
  return { code, ...out };
}

describe("lab serve", () => {
  it("serves the catalog until stopped, saying where and how many scenarios", async () => {
    let catalog: CatalogView | undefined;
    const r = await serve(["--port", "0"], async (server) => {
      catalog = (await (await fetch(new URL("/api/catalog", server.url))).json()) as CatalogView;
    });
    expect(catalog!.products.find((p) => p.id === "test-widget")!.scenarios).toHaveLength(3);
    expect(r.stdout).toMatch(/^Catalog: 3 scenarios from sim\/scenario\/test-product\/scenarios\nThe dashboard: http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(r.stdout).toContain("The dashboard stopped.");
    expect(r.stdout).not.toContain("whoever reaches this machine");
  });

  it("with --open, opens a browser only where it can, and otherwise says to", async () => {
    const r = await serve(["--port", "0", "--open"], async () => undefined);
    expect(r.stdout).toContain("Open it in a browser (not opened here: no xdg-open on PATH).");
  });

  it("warns when it listens beyond loopback", async () => {
    const r = await serve(["--port", "0", "--host", "0.0.0.0"], async (server) => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    });
    expect(r.stdout).toContain("Listening on 0.0.0.0: whoever reaches this machine can run scenarios here.");
  });

  it("exits 2 on a bad port or a taken one, saying what to do", async () => {
    const run = async (args: string[]) => {
      const { io: cliIo, out } = io();
      return { code: await runCli(["serve", "--catalog", CATALOG, ...args], cliIo), ...out };
    };
    expect(await run(["--port", "70000"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--port 70000: expected a port from 0 to 65535") });
    expect(await run(["--port", "web"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--port web: expected a whole number") });
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, "127.0.0.1", ok));
    const port = (busy.address() as { port: number }).port;
    try {
      expect(await run(["--port", String(port)])).toMatchObject({ code: 2, stderr: expect.stringContaining(`port ${port} on 127.0.0.1 is in use (another lab serve?): choose another with --port N`) });
    } finally {
      busy.close();
    }
  });

  it("runs as a real process and stops on Ctrl-C", async () => {
    const child = spawn(resolve(PACKAGE_ROOT, "node_modules/.bin/tsx"), ["bin/lab.ts", "serve", "--port", "0", "--catalog", CATALOG], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, LAB_EXTRA_PRODUCTS: EXTRA, NO_COLOR: "1" },
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => void (stdout += d.toString()));
    const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    try {
      for (let i = 0; i < 200 && !/The dashboard: (\S+)/.test(stdout); i++) await new Promise((ok) => setTimeout(ok, 25));
      const url = /The dashboard: (\S+)/.exec(stdout)![1]!;
      const run = await fetch(new URL("/api/run", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "widget-deaf" }) });
      expect(((await run.json()) as { final: string }).final).toBe("broken");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain("The dashboard stopped.");
  });
});
