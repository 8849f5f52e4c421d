import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportSchema } from "../sim/scenario/index.ts";
import { PACKAGE_ROOT } from "./cli-context.ts";
import { runCli } from "./program.ts";

const EXTRA = "sim/scenario/test-product/index.ts";
const CATALOG = "sim/scenario/test-product/scenarios";
const tmp = mkdtempSync(join(tmpdir(), "lab-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const installYaml = readFileSync(resolve(PACKAGE_ROOT, CATALOG, "widget-install.yaml"), "utf8");
const failingYaml = installYaml.replace("name: widget-install", "name: widget-fails").replace("final: healthy", "final: broken");
const invalidYaml = installYaml.replace("host: APP01, version", "host: APP02, version");
writeFileSync(join(tmp, "fails.yaml"), failingYaml);
writeFileSync(join(tmp, "invalid.yaml"), invalidYaml);

async function lab(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = "";
  let stderr = "";
  const sleeps: number[] = [];
  const code = await runCli(args, {
    stdout: { write: (t) => void (stdout += t), isTTY: options.tty ?? false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    cwd: PACKAGE_ROOT,
    env: { LAB_EXTRA_PRODUCTS: EXTRA, ...options.env },
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { code, stdout, stderr, sleeps };
}

describe("lab run", () => {
  it("exits 0 when every expectation holds, running each remedy too, and writes the reports asked for", async () => {
    const out = join(tmp, "reports-ok");
    const r = await lab(["run", "--catalog", CATALOG, "--reporter", "junit,json,html", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS {2}widget-deaf seed 3 trace [0-9a-f]{12}$/m);
    expect(r.stdout).toContain("PASS  widget-old-os [remedy] seed 11");
    expect(r.stdout).toMatch(/5 runs: 5 passed, 0 failed, 0 errors/);
    for (const f of ["junit.xml", "lab-report.json", "lab-report.schema.json", "lab-report.html"]) expect(existsSync(join(out, f))).toBe(true);
    expect(reportSchema.safeParse(JSON.parse(readFileSync(join(out, "lab-report.json"), "utf8"))).success).toBe(true);
  });

  it("exits 1 when an expectation breaks, printing expected against actual and the replay command", async () => {
    const r = await lab(["run", join(tmp, "fails.yaml"), "--seed", "1234"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAILED widget-fails seed 1234");
    expect(r.stdout).toContain("final: expected broken, got healthy");
    expect(r.stdout).toContain(`replay: npx lab run ${join(tmp, "fails.yaml")} --seed 1234`);
  });

  it("exits 2 on bad input, naming the path and reason, without a stack trace", async () => {
    const invalid = await lab(["run", join(tmp, "invalid.yaml")]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('plan[0].install.host: no host APP02 in lab.hosts (did you mean "APP01"?) (line 9)');
    expect(invalid.stderr).not.toMatch(/\n\s+at /);
    expect((await lab(["run", "--seed", "abc"])).stderr).toContain("--seed abc: expected a whole number");
    expect((await lab(["run", "--shard", "3/2"])).code).toBe(2);
    expect((await lab(["run", "--reporter", "xml"])).stderr).toContain("unknown reporter xml; known: junit, json, html");
    expect((await lab(["run", "--catalog", CATALOG, "widget-instal"])).stderr).toContain('did you mean "widget-install"');
    expect((await lab(["run", "--frobnicate"])).code).toBe(2);
    expect((await lab(["frob"])).code).toBe(2);
    expect((await lab(["run"], { env: { LAB_EXTRA_PRODUCTS: "nowhere.ts" } })).stderr).toContain("LAB_EXTRA_PRODUCTS: no module at nowhere.ts");
  });

  it("sweeps seeds and shards them: the shards' runs are the sweep's runs, hash for hash", async () => {
    const hashes = async (args: string[], dir: string) => {
      const out = join(tmp, dir);
      expect((await lab(["run", "--catalog", CATALOG, "widget-deaf", "--no-remedy", "--seeds", "4", "--reporter", "json", "--out", out, ...args])).code).toBe(0);
      const report = JSON.parse(readFileSync(join(out, "lab-report.json"), "utf8")) as { results: { seed: number; traceHash: string }[] };
      return report.results.map((x) => `${x.seed}:${x.traceHash}`);
    };
    const all = await hashes([], "sweep");
    expect(all.map((h) => h.split(":")[0])).toEqual(["3", "4", "5", "6"]);
    const sharded = [...(await hashes(["--shard", "1/2"], "s1")), ...(await hashes(["--shard", "2/2"], "s2"))];
    expect(sharded.sort()).toEqual([...all].sort());
  });

  it("says the catalog is empty and exits 0 when there is nothing to run", async () => {
    const r = await lab(["run", "--catalog", join(tmp, "no-such-dir")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("The catalog is empty");
  });
});

describe("lab list, rules, schema", () => {
  it("lists the catalog and the fault catalog; an invalid catalog file exits 2", async () => {
    const list = await lab(["list", "--catalog", CATALOG]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/widget-deaf\s+test-widget\s+A deaf widget/);
    expect((await lab(["list", "--faults"])).stdout).toMatch(/widget-deaf\s+test-widget\s+probability=1\s+test\.runtime\.ping/);
    const bad = await lab(["list", "--catalog", tmp]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid.yaml: invalid scenario");
  });

  it("prints rules as a table or JSON, with coverage; an unknown product exits 2", async () => {
    const table = await lab(["rules", "--coverage", "--catalog", CATALOG]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/test\.req\.os\s+widget-old-os\s+widget-install/);
    const json = JSON.parse((await lab(["rules", "--json", "--product", "test-widget"])).stdout) as { id: string }[];
    expect(json.map((r) => r.id)).toEqual(["test.req.os", "test.runtime.ping", "test.plan.notes"]);
    const unknown = await lab(["rules", "--product", "test-widgit"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "test-widget"');
  });

  it("writes the scenario JSON Schema to a file", async () => {
    const file = join(tmp, "schema", "scenario.schema.json");
    expect((await lab(["schema", "--out", file])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).properties.product.enum).toEqual(expect.arrayContaining(["test-widget", "netwrix-password-reset", "specops-password-reset", "specops-password-sync"]));
  });
});

describe("lab demo and lab start", () => {
  it("narrates a scenario and its remedy, pausing between sections only on a terminal unless --no-pause", async () => {
    const r = await lab(["demo", "widget-deaf", "--catalog", CATALOG], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Step 2: verify [ping]");
    expect(r.stdout).toContain("the remedy holds");
    expect(r.sleeps.length).toBeGreaterThan(3);
    expect((await lab(["demo", "widget-deaf", "--catalog", CATALOG, "--no-pause"], { tty: true })).sleeps).toEqual([]);
    expect((await lab(["demo", "widget-deaf", "--catalog", CATALOG])).sleeps).toEqual([]);
  });

  it("exits 1 when the demo's scenario does not hold", async () => {
    const r = await lab(["demo", join(tmp, "fails.yaml"), "--no-pause"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Not as the scenario expects");
  });

  it("start runs the whole catalog, writes every report and says where the page is", async () => {
    const out = join(tmp, "start");
    const r = await lab(["start", "--catalog", CATALOG, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`The report: ${join(out, "lab-report.html")}`);
    expect(readFileSync(join(out, "lab-report.html"), "utf8")).toContain("widget-old-os");
  });
});

describe("the real process", () => {
  const tsx = resolve(PACKAGE_ROOT, "node_modules/.bin/tsx");
  const spawnLab = (args: string[]) =>
    spawnSync(tsx, ["bin/lab.ts", ...args], { cwd: PACKAGE_ROOT, encoding: "utf8", env: { ...process.env, LAB_EXTRA_PRODUCTS: EXTRA, NO_COLOR: "1" } });

  it("exits 1 with the replay command when an expectation breaks", () => {
    const p = spawnLab(["run", join(tmp, "fails.yaml"), "--seed", "77"]);
    expect(p.status).toBe(1);
    expect(p.stdout).toContain(`replay: npx lab run ${join(tmp, "fails.yaml")} --seed 77`);
  });

  it("exits 2 on an invalid scenario, without a stack trace", () => {
    const bad = spawnLab(["run", join(tmp, "invalid.yaml")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("no host APP02 in lab.hosts");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
