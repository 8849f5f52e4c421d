import { request } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, reportSchema, runItems, runMatrix, runScenario, toJsonResult, validateScenario, writeReports, type JsonReportResult } from "../sim/scenario/index.ts";
import { testRegistry, widgetScenario } from "../sim/scenario/test-product/index.ts";
import { CLIENT_DIR, startDashboard, type CatalogView, type DashboardServer } from "./index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CATALOG = join(ROOT, "sim/scenario/test-product/scenarios");
const registry = testRegistry();
const tmp = mkdtempSync(join(tmpdir(), "lab-web-"));
const reportsDir = join(tmp, "reports");
const logged: string[] = [];
let server: DashboardServer;

const given = validateScenario({ ...widgetScenario(), name: "widget-given", remedy: { description: "Nothing to change." } }, { registry, file: "given.yaml" });

beforeAll(async () => {
  server = await startDashboard({ registry, catalogDir: CATALOG, reportsDir, cwd: ROOT, port: 0, extraScenarios: [given], log: (l) => void logged.push(l) });
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

const api = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);
const post = (body: unknown, type = "application/json") => api("/api/run", { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

/** A raw request, for what fetch will not send (a Host header of one's choosing). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the page", () => {
  it("serves the page on loopback, with a policy that loads nothing from elsewhere", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await api("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/client/app.ts"></script>');
  });

  it("serves the page's modules as JavaScript, types stripped, and nothing else under /client/", async () => {
    const js = await api("/client/estate-view.ts");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const text = await js.text();
    expect(text).toContain("export function estateFromLab(lab) {");
    expect(text).not.toMatch(/import type|: EstateView/);
    for (const path of ["/client/estate-view.test.ts", "/client/nope.ts", "/client/..%2Fchromium.ts", "/client/index.html", "/web/index.ts"]) {
      expect((await api(path)).status, path).toBe(404);
    }
  });

  it("serves every module the page imports, and the page imports nothing from outside web/client/", async () => {
    const modules = readdirSync(CLIENT_DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(modules).toContain("app.ts");
    for (const name of modules) {
      const js = await (await api(`/client/${name}`)).text();
      const code = js.replace(/\/\/# sourceMappingURL=.*$/m, "");
      const imports = [...code.matchAll(/^(?:import|export)\b[^"';=()]*?(?:\bfrom\s*)?"([^"]+)"/gm), ...code.matchAll(/\bimport\(\s*"([^"]+)"/g)].map((m) => m[1]!);
      if (name === "app.ts") expect(imports).toEqual(["./api.ts", "./dom.ts", "./render-report-list.ts", "./render-result.ts", "./route.ts"]);
      for (const spec of imports) {
        expect(spec, `${name} imports ${spec}`).toMatch(/^\.\/[a-z-]+\.ts$/);
        expect(modules, `${name} imports ${spec}`).toContain(spec.slice(2));
      }
    }
  });
});

describe("GET /api/catalog", () => {
  it("lists the scenarios by product, with their remedies and the rules a finding cites", async () => {
    const catalog = (await (await api("/api/catalog")).json()) as CatalogView;
    expect(catalog.invalid).toEqual([]);
    const [product] = catalog.products;
    expect(product).toMatchObject({ id: "test-widget", title: "Test Widget (test-only)", seedFile: "test-widget.txt" });
    expect(product!.scenarios.map((s) => s.name)).toEqual(["widget-deaf", "widget-given", "widget-install", "widget-old-os"]);
    expect(product!.scenarios[0]).toEqual({
      name: "widget-deaf",
      product: "test-widget",
      description: "A deaf widget misses its ping; without the fault the same plan ends healthy.",
      seed: 3,
      file: "sim/scenario/test-product/scenarios/widget-deaf.yaml",
      faults: ["widget-deaf"],
      steps: 2,
      remedy: { description: "Remove the fault (the widget hears again)." },
    });
    expect(product!.scenarios[2]!.remedy).toBeUndefined();
    expect(product!.rules.find((r) => r.id === "test.runtime.ping")).toMatchObject({ statement: "An installed widget answers a ping.", inference: expect.stringContaining("silent widget") });
  });

  it("lists an invalid file of the catalog beside the valid ones, read afresh on each request", async () => {
    const dir = join(tmp, "catalog");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "good.yaml"), readFileSync(join(CATALOG, "widget-install.yaml")));
    const other = await startDashboard({ registry, catalogDir: dir, reportsDir, cwd: ROOT, port: 0 });
    try {
      const before = (await (await fetch(new URL("/api/catalog", other.url))).json()) as CatalogView;
      expect(before.invalid).toEqual([]);
      writeFileSync(join(dir, "bad.yaml"), "name: bad\nproduct: test-widget\n");
      const after = (await (await fetch(new URL("/api/catalog", other.url))).json()) as CatalogView;
      expect(after.products[0]!.scenarios.map((s) => s.name)).toEqual(["widget-install"]);
      expect(after.invalid).toHaveLength(1);
      expect(after.invalid[0]).toContain("bad.yaml: invalid scenario");
    } finally {
      await other.close();
    }
  });
});

describe("POST /api/run", () => {
  it("answers with the report's own result for the run: same shape, same trace as lab run", async () => {
    const response = await post({ scenario: "widget-deaf" });
    expect(response.status).toBe(200);
    const result = (await response.json()) as JsonReportResult;
    const scenario = loadCatalog(CATALOG, registry, ROOT).scenarios.find((s) => s.name === "widget-deaf")!;
    expect(result).toEqual(toJsonResult(await runScenario(scenario, { registry })));
    expect(reportSchema.shape.results.element.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ variant: "plan", seed: 3, final: "broken", status: "passed" });
  });

  it("runs at the seed asked for, and the remedied variant when asked", async () => {
    const seeded = (await (await post({ scenario: "widget-deaf", seed: -12 })).json()) as JsonReportResult;
    expect(seeded.seed).toBe(-12);
    const remedied = (await (await post({ scenario: "widget-deaf", seed: -12, remedy: true })).json()) as JsonReportResult;
    expect(remedied).toMatchObject({ variant: "remedy", seed: -12, final: "healthy", faults: [], findings: [] });
    expect((await (await post({ scenario: "widget-given" })).json()) as JsonReportResult).toMatchObject({ name: "widget-given", file: "given.yaml" });
  });

  it("refuses what it cannot run, saying why, with a status for each cause", async () => {
    const cases: [unknown, number, string, string][] = [
      [{ scenario: "widget-def" }, 404, "SCENARIO_NOT_FOUND", 'no scenario named widget-def in the catalog (did you mean "widget-deaf"?)'],
      [{ scenario: "widget-install", remedy: true }, 400, "NO_REMEDY", "widget-install has no remedy to apply"],
      [{ scenario: "widget-deaf", seed: 1.5 }, 400, "BAD_REQUEST", "seed: "],
      [{ scenario: "widget-deaf", seed: 2 ** 31 }, 400, "BAD_REQUEST", "seed: "],
      [{ scenario: "widget-deaf", colour: "red" }, 400, "BAD_REQUEST", "colour"],
      [{}, 400, "BAD_REQUEST", "scenario: "],
      ["{not json", 400, "BAD_REQUEST", "the body is not JSON"],
    ];
    for (const [body, status, code, message] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const error = await errorOf(response);
      expect(error.code).toBe(code);
      expect(error.message).toContain(message);
    }
  });

  it("takes JSON only, by POST only, and of a sensible size", async () => {
    const plain = await post({ scenario: "widget-deaf" }, "text/plain");
    expect(plain.status).toBe(415);
    expect((await errorOf(plain)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const get = await api("/api/run");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const huge = await post({ scenario: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
  });
});

describe("GET /api/report", () => {
  it("says there is no report yet, then serves the one lab run wrote", async () => {
    const none = await api("/api/report");
    expect(none.status).toBe(404);
    expect((await errorOf(none)).message).toContain("lab run --reporter json");
    const results = await runItems(runMatrix(loadCatalog(CATALOG, registry, ROOT).scenarios), { registry });
    writeReports(results, { dir: reportsDir, reporters: ["json"], tool: { name: "lab", version: "test" } });
    const report = await api("/api/report");
    expect(report.status).toBe(200);
    expect(((await report.json()) as { summary: unknown }).summary).toEqual({ total: 5, passed: 5, failed: 0, error: 0 });
  });

  it("refuses a report that is not JSON or not a lab-report v1", async () => {
    const dir = join(tmp, "bad-reports");
    mkdirSync(dir, { recursive: true });
    const other = await startDashboard({ registry, catalogDir: CATALOG, reportsDir: dir, cwd: ROOT, port: 0 });
    try {
      writeFileSync(join(dir, "lab-report.json"), "{");
      const notJson = await fetch(new URL("/api/report", other.url));
      expect(notJson.status).toBe(422);
      expect((await errorOf(notJson)).message).toContain("is not JSON");
      writeFileSync(join(dir, "lab-report.json"), JSON.stringify({ format: "lab-report", version: 2 }));
      const wrong = await errorOf(await fetch(new URL("/api/report", other.url)));
      expect(wrong).toMatchObject({ code: "REPORT_INVALID", message: expect.stringContaining("is not a lab-report v1: version") });
    } finally {
      await other.close();
    }
  });
});

describe("the server", () => {
  it("answers an unknown API with JSON naming the ones there are", async () => {
    const response = await api("/api/nothing");
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toContain("GET /api/catalog, POST /api/run and GET /api/report");
  });

  it("on loopback, answers only requests that address it by a loopback name", async () => {
    expect(await rawGet("/api/catalog", `localhost:${server.port}`)).toBe(200);
    expect(await rawGet("/api/catalog", `127.0.0.1:${server.port}`)).toBe(200);
    expect(await rawGet("/api/catalog", `attacker.example:${server.port}`)).toBe(403);
  });

  it("refuses a port that is taken, with the way out", async () => {
    await expect(startDashboard({ registry, catalogDir: CATALOG, reportsDir, cwd: ROOT, port: server.port })).rejects.toMatchObject({
      code: "PORT_IN_USE",
      message: expect.stringContaining("--port 0 for any free port"),
    });
  });

  it("answers an internal failure with its message and logs its stack, without stopping", async () => {
    const broken = Object.create(registry, { products: { get: () => { throw new Error("boom"); } } });
    const other = await startDashboard({ registry: broken, catalogDir: join(tmp, "empty"), reportsDir, cwd: ROOT, port: 0, log: (l) => void logged.push(l) });
    try {
      const response = await fetch(new URL("/api/catalog", other.url));
      expect(response.status).toBe(500);
      expect(await errorOf(response)).toEqual({ code: "INTERNAL", message: "internal error: boom" });
      expect(logged.at(-1)).toMatch(/GET \/api\/catalog: Error: boom\n\s+at /);
      expect((await fetch(new URL("/", other.url))).status).toBe(200);
    } finally {
      await other.close();
    }
    expect(logged.filter((l) => !l.includes("boom"))).toEqual([]);
  });

  it("stops when closed, keep-alive connections and all", async () => {
    const other = await startDashboard({ registry, catalogDir: CATALOG, reportsDir, cwd: ROOT, port: 0 });
    await fetch(new URL("/api/catalog", other.url), { keepalive: true });
    await other.close();
    await expect(fetch(new URL("/", other.url))).rejects.toThrow();
    expect(other.scenarioUrl("widget-deaf", { seed: 4, remedy: true })).toBe(`${other.url}#scenario=widget-deaf&seed=4&remedy=1`);
  });
});
