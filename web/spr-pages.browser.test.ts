import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailability, screenshotPath, type ChromiumSession } from "./index.ts";
import {
  browserFailure,
  explainBrowserFailure,
  launchPagesBrowser,
  runScenarioLab,
  servePages,
  trustedRoots,
  type PagesServer,
  type ScenarioLab,
} from "./product-pages/index.ts";
import { catalogScenario, PAGE_USER, registry, ROOT } from "./product-pages/pages-test-kit.ts";

const REPORTS = join(ROOT, "reports");
const SPR = "specops-password-reset";

const chromium = chromiumAvailability();
if (!chromium.available) console.warn(chromium.reason);

interface Served {
  readonly run: ScenarioLab;
  readonly pages: PagesServer;
  readonly client: string;
}

async function serve(scenario: ScenarioLab["scenario"], client?: string): Promise<Served> {
  const run = await runScenarioLab(scenario, { registry });
  const pages = await servePages(run.lab, client ? { client } : {});
  return { run, pages, client: pages.client! };
}

/**
 * The Specops Password Reset Web in Chromium, with the certificates the
 * catalog's scenarios bind. One browser for the file: it trusts the roots
 * of the lab clients it plays (WS01 inside, INET01 outside) as real trust
 * anchors, so it builds the chain and checks dates and names itself.
 */
describe.skipIf(!chromium.available)("the Specops Web's certificates in Chromium", () => {
  let untrusted: Served;
  let trusted: Served;
  let misnamed: Served;
  let named: Served;
  let session: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    const trust = catalogScenario(SPR, "spr-web-untrusted-certificate");
    const names = catalogScenario(SPR, "spr-dmz-certificate-misses-external-name");
    [untrusted, trusted, misnamed, named] = await Promise.all([serve(trust.plan), serve(trust.remedy), serve(names.plan, "INET01"), serve(names.remedy, "INET01")]);
    const all = [untrusted, trusted, misnamed, named];
    session = await launchPagesBrowser({
      executablePath: (chromium as { executablePath: string }).executablePath,
      names: all.flatMap((s) => s.pages.names),
      roots: all.flatMap((s) => trustedRoots(s.run.lab, s.client)),
    });
    page = await session.context.newPage();
  });

  afterAll(async () => {
    await session?.close();
    await Promise.all([untrusted, trusted, misnamed, named].map((s) => s?.pages.close()));
  });

  const shot = (name: string) => page.screenshot({ path: screenshotPath(REPORTS, name), fullPage: true });
  const refusal = async (url: string) => page.goto(url).then(() => undefined, (error: unknown) => error);

  it("a self-signed certificate the client does not trust: Chromium refuses it, and the lab's diagnosis names spr.req.web.trusted-cert", async () => {
    expect(untrusted.client).toBe("WS01");
    const error = await refusal(untrusted.pages.url("https://reset.corp.example/SpecopsPasswordReset/"));
    const failure = browserFailure(error);
    expect(failure).toEqual({ netError: "ERR_CERT_AUTHORITY_INVALID", stage: "tls", reasons: ["untrusted-root", "partial-chain"] });
    expect(explainBrowserFailure(untrusted.run, failure!)).toMatchObject({ rule: "spr.req.web.trusted-cert", host: "WEB01", severity: "broken" });
    await shot("pages-spr-1-untrusted-certificate");
  });

  it("the enterprise CA's certificate, trusted by the client: the page loads, and a reset from it goes through the Web to its Server", async () => {
    const url = trusted.pages.url("https://reset.corp.example/SpecopsPasswordReset/");
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Specops Password Reset");
    expect(trusted.run.findings.filter((f) => f.rule.startsWith("spr.req.web.trusted-cert"))).toEqual([]);
    await shot("pages-spr-2-trusted-certificate");

    // The Web's own endpoints, posted from the page; the Web asks its Server over the lab's pinned channel (lab time moves).
    const labTime = trusted.run.lab.clock.now();
    const post = (path: string, form: Record<string, string>) =>
      page.evaluate(async ([p, f]) => (await fetch(p, { method: "POST", body: new URLSearchParams(f) })).json(), [`${url}${path}`, form] as const);
    expect(await post("enroll", { user: PAGE_USER.name, password: PAGE_USER.password, answers: "Rex|Lyon|Blue" })).toEqual({ ok: true, enrolled: true });
    expect(await post("reset", { user: PAGE_USER.name, answers: "Rex|Lyon|Green", newPassword: "Reset-Passw0rd!9" })).toMatchObject({ ok: false, code: "wrong-answers" });
    expect(await post("reset", { user: PAGE_USER.name, answers: "Rex|Lyon|Blue", newPassword: "Reset-Passw0rd!9" })).toEqual({ ok: true });
    expect(trusted.run.lab.domain().checkPassword(PAGE_USER.name, "Reset-Passw0rd!9").ok).toBe(true);
    expect(trusted.run.lab.clock.now()).toBeGreaterThan(labTime);
  });

  it("a certificate that does not cover the name the browser used: refused for the name (spr.req.web.trusted-cert.names); covering it, the page loads", async () => {
    expect(misnamed.pages.names).toContain("reset.contoso.com");
    const error = await refusal(misnamed.pages.url("https://reset.contoso.com/SpecopsPasswordReset/"));
    const failure = browserFailure(error);
    expect(failure).toMatchObject({ netError: "ERR_CERT_COMMON_NAME_INVALID", reasons: ["name-mismatch"] });
    expect(explainBrowserFailure(misnamed.run, failure!)).toMatchObject({ rule: "spr.req.web.trusted-cert.names", host: "DMZ01" });
    await shot("pages-spr-3-name-not-covered");

    const response = await page.goto(named.pages.url("https://reset.contoso.com/SpecopsPasswordReset/"));
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Specops Password Reset");
    expect(named.run.findings.filter((f) => f.rule.startsWith("spr.req.web.trusted-cert"))).toEqual([]);
    await shot("pages-spr-4-name-covered");
  });
});
