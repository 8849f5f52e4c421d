import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import type { CatalogView, DashboardServer } from "../../web/index.ts";
import { PACKAGE_ROOT } from "../cli-context.ts";
import { registerDemo } from "./demo.ts";

const EXTRA = "sim/scenario/test-product/index.ts";
const CATALOG = "sim/scenario/test-product/scenarios";
const tmp = mkdtempSync(join(tmpdir(), "lab-demo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `lab demo ...` in-process; with --open, `whileUp` talks to the dashboard before it is closed. */
async function demo(args: string[], options: { tty?: boolean; whileUp?: (server: DashboardServer) => Promise<void> } = {}) {
  let stdout = "";
  let code = 0;
  const sleeps: number[] = [];
  const program = new Command("lab").exitOverride();
  registerDemo(
    program,
    {
      io: {
        stdout: { write: (t) => void (stdout += t), isTTY: options.tty ?? false },
        stderr: { write: () => undefined, isTTY: false },
        cwd: PACKAGE_ROOT,
        env: { LAB_EXTRA_PRODUCTS: EXTRA, PATH: "" },
        sleep: async (ms) => void sleeps.push(ms),
      },
      setExit: (c) => void (code = c),
    },
    { onListening: (server) => void (options.whileUp ?? (async () => undefined))(server).finally(() => server.close()) },
  );
  await program.parseAsync(["demo", "--catalog", CATALOG, ...args], { from: "user" });
  return { code, stdout, sleeps };
}

describe("lab demo", () => {
  it("shows the estate before by zone, each host's outcome after, and the same after the remedy", async () => {
    const r = await demo(["widget-deaf", "--no-pause"]);
    expect(r.code).toBe(0);
    // The estate comes from the run's snapshot, so it shows what the lab resolved (the host's role too).
    expect(r.stdout).toMatch(/The estate before:\n {4}zone {6}host +os {11}domain {5}installed\n/);
    expect(r.stdout).toMatch(/ {4}internal {2}APP01 \(member\) {2}Server 2022 {2}workgroup {2}widget 1\.1\n/);
    // With the run's estate snapshot, "after" is the resolved estate and what changed (nothing, here).
    expect(r.stdout).toMatch(/The estate after the run\n {2}It ends BROKEN\.\n[\s\S]*APP01 \(member\)[\s\S]*Nothing changed\./);
    expect(r.stdout).toMatch(/The estate after the remedied run\n {2}It ends HEALTHY\.\n/);
    // The narration's own sections stay, in order: steps, final checks, verdict, remedy.
    const order = ["Scenario widget-deaf", "Step 1: advance", "Step 2: verify [ping]", "Final checks", "As the scenario expects", "The estate after the run", "With the remedy applied", "The estate after the remedied run"];
    expect(order.map((t) => r.stdout.indexOf(t))).toEqual(order.map((t) => r.stdout.indexOf(t)).sort((a, b) => a - b));
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("on a terminal, colours findings, reasons and remedies, and paces by how much there is to read", async () => {
    const r = await demo(["widget-deaf"], { tty: true });
    expect(r.stdout).toContain("\u001b[1m\u001b[31mBROKEN\u001b[39m\u001b[22m test.runtime.ping on APP01");
    expect(r.stdout).toMatch(/ {2}\u001b\[32m {2}Remedy: Restart the widget/);
    expect(r.stdout).toMatch(/ {2}\u001b\[36m {2}Why: An installed widget answers a ping/);
    const sections = r.stdout.split("\u001b[1m\u001b[4m").length - 1;
    expect(sections).toBeGreaterThan(6);
    expect(r.sleeps.length).toBe(sections - 1);
    expect(Math.min(...r.sleeps)).toBeGreaterThanOrEqual(700);
    expect(Math.max(...r.sleeps)).toBeLessThanOrEqual(2500);
    expect(new Set(r.sleeps).size).toBeGreaterThan(1);
    expect((await demo(["widget-deaf", "--no-pause"], { tty: true })).sleeps).toEqual([]);
  });

  it("with --open, then serves the dashboard at the scenario and seed, and says how to open it", async () => {
    let url = "";
    let ran: { final?: string } = {};
    const r = await demo(["widget-deaf", "--no-pause", "--seed", "8", "--open", "--port", "0"], {
      whileUp: async (server) => {
        url = server.scenarioUrl("widget-deaf", { seed: 8 });
        const response = await fetch(new URL("/api/run", server.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "widget-deaf", seed: 8 }) });
        ran = (await response.json()) as { final?: string };
      },
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#scenario=widget-deaf&seed=8$/);
    expect(r.stdout).toContain(`The dashboard: ${url}\n`);
    expect(r.stdout).toContain("Open it in a browser (not opened here: no xdg-open on PATH).");
    expect(ran.final).toBe("broken");
    expect(r.code).toBe(0);
  });

  it("with --open on a scenario file outside the catalog, serves that scenario too", async () => {
    const file = join(tmp, "outside.yaml");
    writeFileSync(file, readFileSync(resolve(PACKAGE_ROOT, CATALOG, "widget-install.yaml"), "utf8").replace("name: widget-install", "name: widget-outside"));
    let names: string[] = [];
    await demo([file, "--no-pause", "--open", "--port", "0"], {
      whileUp: async (server) => {
        const catalog = (await (await fetch(new URL("/api/catalog", server.url))).json()) as CatalogView;
        names = catalog.products.find((p) => p.id === "test-widget")!.scenarios.map((s) => s.name);
      },
    });
    expect(names).toEqual(["widget-deaf", "widget-install", "widget-old-os", "widget-outside"]);
  });

  it("without --open, serves nothing", async () => {
    const r = await demo(["widget-install", "--no-pause"]);
    expect(r.stdout).not.toContain("The dashboard");
    expect(r.stdout).toContain("The estate after the run\n  It ends HEALTHY.");
  });
});
