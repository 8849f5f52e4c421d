import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { findSambaTools } from "./index.ts";
import { acquirePortLock } from "./port-lock.ts";
import { makeScratchFolder, sweepStaleScratchFolders } from "./scratch-folder.ts";
import { SambaProcess } from "./samba-process.ts";
import { runTool } from "./run-tool.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ad-samba-test-"));
  dirs.push(dir);
  return dir;
}
function script(dir: string, name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
/** A pid that belonged to a process which has ended. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("findSambaTools", () => {
  it("finds both programs on PATH", () => {
    const bin = tempDir();
    script(bin, "samba", "exit 0");
    script(bin, "samba-tool", "exit 0");
    expect(findSambaTools(bin, [])).toEqual({ found: true, tools: { samba: join(bin, "samba"), sambaTool: join(bin, "samba-tool") } });
  });

  it("names what is missing and how to install it (a file that is not executable does not count)", () => {
    const bin = tempDir();
    script(bin, "samba", "exit 0");
    writeFileSync(join(bin, "samba-tool"), "not a program");
    const lookup = findSambaTools(bin, []);
    expect(lookup.found).toBe(false);
    expect(!lookup.found && lookup.reason).toMatch(/^samba-tool not found.*apt-get install -y samba samba-ad-dc/);
  });
});

describe("the port lock", () => {
  it("lets one holder in and makes the next wait, then give up with a LabError", async () => {
    const dir = tempDir();
    const release = await acquirePortLock(636, { dir });
    await expect(acquirePortLock(636, { dir, timeoutMs: 300 })).rejects.toSatisfy((e) => isLabError(e) && e.code === "SAMBA_PORT_LOCKED");
    release();
    const again = await acquirePortLock(636, { dir, timeoutMs: 300 });
    again();
  });

  it("takes over a lock whose owner has died", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "lab-samba-port-636.lock"), String(deadPid()));
    const release = await acquirePortLock(636, { dir, timeoutMs: 300 });
    release();
  });
});

describe("scratch folders", () => {
  it("sweeps folders of dead runs and keeps live and foreign ones", () => {
    const parent = tempDir();
    const live = makeScratchFolder(parent);
    const dead = makeScratchFolder(parent);
    writeFileSync(join(dead, "owner.pid"), String(deadPid()));
    const foreign = join(parent, "lab-samba-someone-else");
    mkdirSync(foreign);
    expect(sweepStaleScratchFolders(parent)).toEqual([dead]);
    expect(readdirSync(parent).sort()).toEqual([live, foreign].map((d) => d.slice(parent.length + 1)).sort());
    expect(existsSync(dead)).toBe(false);
  });
});

describe("SambaProcess and runTool, with stand-in programs", () => {
  it("reports a server that exits before answering, with its output", async () => {
    const bin = tempDir();
    const samba = SambaProcess.start(script(bin, "samba", 'echo "cannot bind 636" >&2; exit 1'), "/dev/null");
    await expect(samba.waitForLdaps("127.0.0.1", 1, 10_000)).rejects.toSatisfy(
      (e) => isLabError(e) && e.code === "SAMBA_START_FAILED" && String(e.details.output).includes("cannot bind 636"),
    );
    expect(samba.running).toBe(false);
  });

  it("stops a running server by closing its stdin", async () => {
    const bin = tempDir();
    const samba = SambaProcess.start(script(bin, "samba", "cat > /dev/null"), "/dev/null");
    expect(samba.running).toBe(true);
    await samba.stop();
    expect(samba.running).toBe(false);
  });

  it("turns a failing tool into a LabError with the end of its output, and passes a good run's output", async () => {
    const bin = tempDir();
    await expect(runTool(script(bin, "bad", 'echo "ERROR: provision failed" >&2; exit 3'), [], { code: "SAMBA_PROVISION_FAILED", what: "provision" })).rejects.toSatisfy(
      (e) => isLabError(e) && e.code === "SAMBA_PROVISION_FAILED" && String(e.details.output).includes("provision failed"),
    );
    expect(await runTool(script(bin, "good", "echo ok"), [], { code: "X", what: "good" })).toBe("ok\n");
  });
});
