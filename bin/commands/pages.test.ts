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
    expect(r.stdout).toMatch(/apr-pages-cli, seed 5, lab clock from \d{4}-\d{2}-\d{2}: the estate ends HEALTHY/);
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
    expect(r.stdout).toMatch(/spr-web-untrusted-certificate \(remedied\), seed 106, lab clock from [\d-]+: the estate ends HEALTHY/);
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
    expect(await run(["pages", file, "--lab-date", "2027-02-30"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--lab-date 2027-02-30: expected today, epoch or a date YYYY-MM-DD") });
  });

  // A one-year certificate, the lab's default: what a browser makes of it depends on the day the lab clock starts.
  const oneYear = join(tmp, "apr-pages-one-year.yaml");
  writeFileSync(oneYear, SCENARIO.replace("apr-pages-cli", "apr-pages-one-year").replace(", validDays: 3650", ""));
  const fetchReset = (args: string[]) => {
    let outcome: { status?: number; error?: string } = {};
    return pages([oneYear, ...args], async (_served, printed) => {
      const url = /^ {4}(https:\/\/apr01\.corp\.example:\d+\/pwreset\/)$/m.exec(printed)![1]!;
      const profile = /--user-data-dir=(\S+)/.exec(printed)![1]!;
      const prefs = JSON.parse(readFileSync(join(profile, "Default", "Preferences"), "utf8")) as { certificates: { ca_certificates: string[] } };
      const ca = prefs.certificates.ca_certificates.map((b64) => `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`);
      outcome = await get(`${url}reset`, ca).then((p) => ({ status: p.status }), (e: NodeJS.ErrnoException) => ({ error: e.code ?? e.message }));
    }).then((r) => ({ ...r, outcome }));
  };

  it("starts the lab clock today by default, so a real TLS client accepts the lab's one-year certificates on any day", async () => {
    const r = await fetchReset([]);
    // host-time-ok: the default follows the host's calendar (09:00 UTC today, or yesterday before 09:00)
    const now = new Date();
    const day = new Date(now.getTime() - (now.getUTCHours() < 9 ? 86_400_000 : 0)).toISOString().slice(0, 10);
    expect(r.stdout).toContain(`lab clock from ${day}`);
    expect(r.stdout).toMatch(/certificate for apr01\.corp\.example: valid until \d{4}-/);
    expect(r.outcome).toEqual({ status: 200 });
  });

  it("with a lab date long past, the same certificate has expired by this machine's clock: the output warns and TLS refuses it", async () => {
    const r = await fetchReset(["--lab-date", "2020-01-01"]);
    expect(r.stdout).toContain("lab clock from 2020-01-01");
    expect(r.stdout).toMatch(/certificate for apr01\.corp\.example: EXPIRED on this machine's clock \(2020-12-3\d\)/);
    expect(r.outcome).toEqual({ error: "CERT_HAS_EXPIRED" });
  });
});

describe("labEpoch (--lab-date)", () => {
  const hostNow = new Date(Date.UTC(2027, 5, 15, 23, 59)); // host-time-ok: a fixed instant for the test
  it("today is this machine's UTC date at the lab epoch's time of day; epoch is the lab's own; a date is that day", async () => {
    const { labEpoch } = await import("./pages.ts");
    const { LAB_EPOCH_MS } = await import("../../sim/kernel/index.ts");
    expect(new Date(labEpoch(undefined, hostNow)).toISOString()).toBe("2027-06-15T09:00:00.000Z");
    expect(new Date(labEpoch("today", hostNow)).toISOString()).toBe("2027-06-15T09:00:00.000Z");
    expect(labEpoch("epoch", hostNow)).toBe(LAB_EPOCH_MS);
    expect(new Date(labEpoch("2028-02-29", hostNow)).toISOString()).toBe("2028-02-29T09:00:00.000Z");
    // Before 09:00 UTC, today's 09:00 would put the lab ahead of the browser: it starts the day before.
    expect(new Date(labEpoch("today", new Date(Date.UTC(2027, 5, 15, 6, 0)))).toISOString()).toBe("2027-06-14T09:00:00.000Z"); // host-time-ok: a fixed instant
    for (const bad of ["2027-02-29", "yesterday", "2027-6-1", ""]) expect(() => labEpoch(bad, hostNow)).toThrow(/--lab-date/);
  });
});
