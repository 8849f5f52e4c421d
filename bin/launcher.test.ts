import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "./cli-context.ts";
import { buildCli, isStale } from "../scripts/build-cli.mjs";

const work = mkdtempSync(join(tmpdir(), "lab-launcher-"));
const cleanup: string[] = [work];
afterAll(() => cleanup.forEach((p) => rmSync(p, { recursive: true, force: true })));

describe("the bundled CLI (bin/lab.js runs dist/lab.mjs)", () => {
  it("is stale when missing or older than any source, fresh otherwise", () => {
    const src = join(work, "src", "deep");
    mkdirSync(src, { recursive: true });
    const source = join(src, "a.ts");
    const bundle = join(work, "bundle.mjs");
    writeFileSync(source, "export {};");
    expect(isStale(bundle, [join(work, "src")])).toBe(true);
    writeFileSync(bundle, "");
    utimesSync(source, new Date(1_000_000), new Date(1_000_000)); // host-time-ok: file times of a test fixture
    expect(isStale(bundle, [join(work, "src")])).toBe(false);
    utimesSync(source, new Date(), new Date(Date.now() + 60_000)); // host-time-ok: an edit after the build
    expect(isStale(bundle, [join(work, "src")])).toBe(true);
  });

  it("finds the package's catalog and version from any working directory", async () => {
    // Inside the package (its node_modules resolve from there), beside the real bundle.
    const bundle = join(PACKAGE_ROOT, "dist", `launcher-test-${process.pid}.mjs`);
    cleanup.push(bundle);
    await buildCli(bundle);
    const run = (...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { cwd: tmpdir(), encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const list = run("list");
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain("apr-single-server-fresh-install");
    const version = run("--version");
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 60_000);
});
