import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runItems, runMatrix, loadCatalog, writeReports } from "../sim/scenario/index.ts";
import { testRegistry } from "../sim/scenario/test-product/index.ts";
import { chromiumAvailability, launchChromium, screenshotPath, startDashboard, type ChromiumSession, type DashboardServer } from "./index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CATALOG = join(ROOT, "sim/scenario/test-product/scenarios");
const REPORTS = join(ROOT, "reports");

// Under CI=true a missing Chromium throws here, failing the file: CI must run it.
const chromium = chromiumAvailability();
if (!chromium.available) console.warn(chromium.reason);

describe.skipIf(!chromium.available)("the dashboard in Chromium", () => {
  const registry = testRegistry();
  const reportsDir = mkdtempSync(join(tmpdir(), "lab-web-reports-"));
  let server: DashboardServer;
  let session: ChromiumSession;
  let page: Page;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startDashboard({ registry, catalogDir: CATALOG, reportsDir, cwd: ROOT, port: 0 });
    session = await launchChromium((chromium as { executablePath: string }).executablePath);
    page = await session.context.newPage();
    page.on("request", (r) => void requested.push(r.url()));
    page.on("pageerror", (e) => void pageErrors.push(e.message));
    page.on("console", (m) => void (m.type() === "error" && pageErrors.push(m.text())));
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    rmSync(reportsDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: screenshotPath(REPORTS, name), fullPage: true });
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ");

  it("runs a failing scenario, shows its finding and remedy, applies the remedy and ends healthy", async () => {
    await page.goto(server.url);
    await page.locator('[data-product="test-widget"] [data-scenario="widget-deaf"]').waitFor();
    await shot("dashboard-1-catalog");

    await page.click('[data-scenario="widget-deaf"]');
    const failing = page.locator('article.result[data-variant="plan"]');
    await failing.waitFor();
    expect(await failing.getAttribute("data-final")).toBe("broken");
    expect(await text(".outcome")).toBe("The estate is broken");
    const finding = '.finding[data-rule="test.runtime.ping"]';
    expect(await text(`${finding}`)).toContain("test.runtime.ping on APP01 (widget): the widget did not answer a ping");
    expect(await text(`${finding} .source`)).toBe("Why: “An installed widget answers a ping.” — test-widget.txt, section “Operation”");
    expect(await text(`${finding} .inference-note`)).toContain("Lab inference: The document does not say what a silent widget means");
    expect(await text(`${finding} .remedy-text`)).toBe("Restart the widget, then ping it again.");
    expect(await text(`${finding} .evidence`)).toMatch(/#\d+ APP01 widget widget\.ping \{"answered":false\}/);
    expect(await page.locator('li.step[data-step="2"] .finding').count()).toBe(1);
    expect(await text('[data-zone="internal"] [data-host="APP01"]')).toContain("widget 1.1");
    expect(await text(".remedy-panel")).toContain("Remove the fault (the widget hears again).");
    expect(page.url()).toContain("#scenario=widget-deaf");
    await shot("dashboard-2-failing-scenario");

    await page.click('[data-action="apply-remedy"]');
    const remedied = page.locator('article.result[data-variant="remedy"]');
    await remedied.waitFor();
    expect(await remedied.getAttribute("data-final")).toBe("healthy");
    expect(await text(".outcome")).toBe("The estate is healthy");
    expect(await page.locator(".finding").count()).toBe(0);
    expect(await text("#status")).toBe("widget-deaf with the remedy applied, seed 3: the estate ends healthy.");
    expect(page.url()).toContain("remedy=1");
    await shot("dashboard-3-remedy-applied");

    // Nothing left this machine, and the page raised no error.
    expect(requested.filter((u) => !u.startsWith(server.url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("opens a scenario at a seed from its address, and says what is wrong with a bad one", async () => {
    await page.goto(`${server.url}#scenario=widget-install&seed=99`);
    await page.locator('article.result[data-variant="plan"]').waitFor();
    expect(await text(".result h2 small")).toBe("seed 99");
    expect(await page.inputValue("#seed")).toBe("99");
    expect(await page.locator('[data-action="apply-remedy"]').count()).toBe(0);

    await page.fill("#filter", "2012 refuses");
    expect(await page.locator("[data-scenario]:visible").count()).toBe(1);
    expect(await page.locator('[data-scenario="widget-old-os"]').isVisible()).toBe(true);
    await page.fill("#filter", "");
    expect(await page.locator("[data-scenario]:visible").count()).toBe(3);

    await page.goto(`${server.url}#scenario=widget-instal`);
    await page.locator("#status.error").waitFor();
    expect(await text("#status")).toBe('no scenario named widget-instal in the catalog (did you mean "widget-install"?)');
    expect(await page.locator("article.result").count()).toBe(0);
    await shot("dashboard-4-unknown-scenario");
  });

  it("shows the last report lab run wrote, and a result of it", async () => {
    await page.goto(`${server.url}#report`);
    await page.locator("#status.error").waitFor();
    expect(await text("#status")).toContain("no report at");

    const scenarios = loadCatalog(CATALOG, registry, ROOT).scenarios;
    writeReports(await runItems(runMatrix(scenarios), { registry }), { dir: reportsDir, reporters: ["json"], tool: { name: "lab", version: "test" } });
    await page.reload();
    await page.locator("table.report-list tbody tr").first().waitFor();
    expect(await page.locator("table.report-list tbody tr").count()).toBe(5);
    await page.click('table.report-list tr[data-index="1"]');
    await page.locator("article.result").waitFor();
    expect(await text(".result h2")).toContain("widget-deaf with the remedy applied · seed 3");
    await shot("dashboard-5-last-report");
  });
});
