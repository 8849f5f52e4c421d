import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import type { PagesServer } from "../../web/product-pages/index.ts";
import { PACKAGE_ROOT } from "../cli-context.ts";
import type { CliIo } from "../cli-io.ts";
import { runCli } from "../program.ts";
import { registerPages } from "./pages.ts";

// Netwrix on one server, its site bound to a certificate of the enterprise CA (ten years: a browser checks host time).
const SCENARIO = `
name: apr-pages-cli
product: netwrix-password-reset
seed: 5
lab:
  domain: { name: corp.example, passwordPolicy: { minAgeDays: 0 } }
  authorities: [{ name: corp-ca, enterprise: true }]
  hosts:
    - name: APR01
      os: windows-server-2016
      ip: 10.0.0.20
      certificates: [{ name: web, issuer: corp-ca, dnsNames: [apr01.corp.example], validDays: 3650 }]
      installed: { apr-server: "3.23", apr-web: "3.23" }
    - { name: PC01, os: windows-10, ip: 10.0.0.50 }
plan:
  - cert: { host: APR01, bind: { name: web } }
expect: { findings: [], final: healthy }
`;

const tmp = mkdtempSync(join(tmpdir(), "lab-pages-cli-"));
const file = join(tmp, "apr-pages-cli.yaml");
writeFileSync(file, SCENARIO);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function io() {
  const out = { stdout: "", stderr: "" };
  const value: CliIo = {
    stdout: { write: (t) => void (out.stdout += t), isTTY: false },
    stderr: { write: (t) => void (out.stderr += t), isTTY: false },
    cwd: PACKAGE_ROOT,
    env: { PATH: "" },
    sleep: async () => undefined,
  };
  return { io: value, out };
}

/** Runs `lab pages ...` in-process; `whileUp` gets the pages and what was printed so far, then the command is stopped. */
async function pages(args: string[], whileUp: (pages: PagesServer, printed: string) => Promise<void>) {
  const { io: cliIo, out } = io();
  let code = -1;
  const program = new Command("lab").exitOverride();
  registerPages(program, { io: cliIo, setExit: (c) => void (code = c) }, { onListening: (p, stop) => void whileUp(p, out.stdout).finally(stop) });
  await program.parseAsync(["pages", ...args], { from: "user" });
  return { code, ...out };
}

function get(url: string, ca: string[]): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: Number(u.port), path: u.pathname, servername: u.hostname, ca, headers: { host: u.host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => void (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("lab pages", () => {
  it("runs the scenario, serves its pages until stopped, and prints the browser to use, whose profile trusts the lab client's roots", async () => {
    let page: { status: number; body: string } | undefined;
    let profile = "";
    const r = await pages([file], async (served, printed) => {
      const url = /^ {4}(https:\/\/apr01\.corp\.example:\d+\/pwreset\/)$/m.exec(printed)?.[1];
      profile = /--user-data-dir=(\S+)/.exec(printed)?.[1] ?? "";
      const prefs = JSON.parse(readFileSync(join(profile, "Default", "Preferences"), "utf8")) as { certificates: { ca_certificates: string[] } };
      const ca = prefs.certificates.ca_certificates.map((b64) => `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`);
      expect(served.sites.map((s) => s.port)).toEqual([Number(new URL(url!).port)]);
      page = await get(`${url}reset`, ca);
    });
    expect(r.stdout).toContain("apr-pages-cli, seed 5: the estate ends HEALTHY");
    expect(r.stdout).toContain('APR01 "Default Web Site" (https, port');
    expect(r.stdout).toMatch(/certificate for apr01\.corp\.example: valid until 2036-/);
    expect(r.stdout).toMatch(/APR01: lab 10\.0\.0\.20:5100 -> 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/\/usr\/bin\/chromium --user-data-dir=\S+ '--host-resolver-rules=MAP apr01\.corp\.example 127\.0\.0\.1, MAP \* ~NOTFOUND' https:\/\/apr01\.corp\.example:\d+\/pwreset\//);
    expect(page).toMatchObject({ status: 200, body: expect.stringContaining("<h1>Reset your password</h1>") });
    expect(r.stdout).toContain("The pages stopped.");
    expect(r.code).toBe(0);
    expect(existsSync(profile)).toBe(false);
  });

  it("serves the remedied estate with --remedy", async () => {
    const r = await pages(["spr-web-untrusted-certificate", "--remedy", "--port", "0"], async (served) => {
      expect(served.sites.map((s) => s.host)).toEqual(["WEB01"]);
    });
    expect(r.stdout).toContain("spr-web-untrusted-certificate (remedied), seed 106: the estate ends HEALTHY");
    expect(r.stdout).toContain("https://reset.corp.example:");
  });

  it("bad input is exit 2 with the reason: no remedy, an unknown client, an unknown scenario", async () => {
    const run = async (args: string[]) => {
      const { io: cliIo, out } = io();
      return { code: await runCli(args, cliIo), ...out };
    };
    expect(await run(["pages", file, "--remedy"])).toMatchObject({ code: 2, stderr: expect.stringContaining("the scenario has no remedy") });
    expect(await run(["pages", file, "--client", "PC99"])).toMatchObject({ code: 2, stderr: expect.stringContaining("no host PC99 in the lab") });
    expect(await run(["pages", "apr-no-such-scenario"])).toMatchObject({ code: 2 });
    expect(await run(["pages", file, "--port", "70000"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--port 70000") });
  });
});
