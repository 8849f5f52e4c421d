import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailability, screenshotPath, type ChromiumSession } from "./index.ts";
import { launchPagesBrowser, runScenarioLab, servePages, trustedRoots, type PagesServer, type ScenarioLab } from "./product-pages/index.ts";
import { aprHttpsScenario, registry, ROOT } from "./product-pages/pages-test-kit.ts";

const REPORTS = join(ROOT, "reports");

// Under CI=true a missing Chromium throws here, failing the file: CI must run it.
const chromium = chromiumAvailability();
if (!chromium.available) console.warn(chromium.reason);

/**
 * Netwrix Password Reset's Web Interface in Chromium: the lab's IIS site
 * over real HTTPS (the certificate the scenario bound, trusted because the
 * browser trusts what PC01 trusts), each request through the same handler,
 * each reset over real UDP to the APR Server, which changes the password in
 * the lab's directory.
 */
describe.skipIf(!chromium.available)("the Netwrix Web Interface's pages in Chromium", () => {
  let run: ScenarioLab;
  let pages: PagesServer;
  let session: ChromiumSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    run = await runScenarioLab(aprHttpsScenario(), { registry });
    pages = await servePages(run.lab);
    session = await launchPagesBrowser({ executablePath: (chromium as { executablePath: string }).executablePath, names: pages.names, roots: trustedRoots(run.lab, pages.client!) });
    page = await session.context.newPage();
    base = pages.url("https://pwreset.corp.example/pwreset/");
  });

  afterAll(async () => {
    await session?.close();
    await pages?.close();
  });

  const shot = (name: string) => page.screenshot({ path: screenshotPath(REPORTS, name), fullPage: true });
  const result = async () => ({ code: await page.locator("p.result").getAttribute("data-code"), text: await page.locator("p.result").textContent() });
  const password = (user: string, pw: string) => run.lab.domain().checkPassword(user, pw).ok;

  /** The enroll page's own form, filled and submitted as a user does. */
  async function enroll(user: string, pw: string): Promise<void> {
    await page.goto(`${base}enroll`);
    await page.getByLabel("User name").fill(user);
    await page.getByLabel("Password", { exact: true }).fill(pw);
    await page.getByLabel("Question 1", { exact: true }).fill("First pet?");
    await page.getByLabel("Answer to question 1").fill("Rex");
    await page.getByLabel("Question 2", { exact: true }).fill("Birth town?");
    await page.getByLabel("Answer to question 2").fill("Lyon");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Enroll" }).click()]);
  }

  /** The change page's own form. */
  async function change(user: string, oldPassword: string, newPassword: string, confirm = newPassword): Promise<void> {
    await page.goto(`${base}change`);
    await page.getByLabel("User name").fill(user);
    await page.getByLabel("Old password").fill(oldPassword);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm password").fill(confirm);
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Change" }).click()]);
  }

  async function answer(user: string, answers: [string, string], newPassword: string): Promise<void> {
    await page.goto(`${base}reset?user=${user}`);
    await page.getByLabel("First pet?").fill(answers[0]);
    await page.getByLabel("Birth town?").fill(answers[1]);
    await page.getByLabel("New password").fill(newPassword);
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Reset" }).click()]);
  }

  it("enrolls, resets with the answers over real UDP, and the new password signs in to the lab's directory", async () => {
    const delivered = run.lab.network.stats().delivered;
    const labTime = run.lab.clock.now();
    await enroll("alice", "Winter2026!x");
    expect(await page.locator("h1").textContent()).toBe("Enroll");
    expect(await result()).toEqual({ code: "OK", text: "You are enrolled." });
    await shot("pages-apr-1-enrolled");

    await page.goto(`${base}reset?user=alice`);
    expect(await page.locator("form label").allTextContents()).toEqual(["First pet? ", "Birth town? ", "New password "]);
    await shot("pages-apr-2-questions");
    await answer("alice", ["rex", "LYON"], "Reset-Passw0rd!");
    expect(await result()).toEqual({ code: "OK", text: "Your password has been reset." });
    await shot("pages-apr-3-reset");

    expect(password("alice", "Reset-Passw0rd!")).toBe(true);
    expect(password("alice", "Winter2026!x")).toBe(false);
    // Not one datagram crossed the simulated network, and lab time stood still: the real socket carried them.
    expect(run.lab.network.stats().delivered).toBe(delivered);
    expect(run.lab.clock.now()).toBe(labTime);
    const exchanges = run.lab.trace.find((e) => e.kind === "apr:web.exchange" && e.data["result"] === "sent" && e.data["user"] === "alice");
    expect(exchanges.map((e) => e.data["server"])).toEqual(["10.0.0.20:5100", "10.0.0.20:5100", "10.0.0.20:5100", "10.0.0.20:5100"]);
  });

  it("changes a known password; a wrong old password or a mistyped confirmation is refused and changes nothing", async () => {
    await change("bob", "Not-His-Passw0rd!", "Changed-Passw0rd!");
    expect(await result()).toEqual({ code: "DIRECTORY_ERROR", text: "Your old password is incorrect." });
    await change("bob", "Summer2026!x", "Changed-Passw0rd!", "Changed-Passw0rd?");
    expect(await result()).toEqual({ code: "PASSWORD_MISMATCH", text: "The new passwords do not match." });
    expect(password("bob", "Summer2026!x")).toBe(true);

    await change("bob", "Summer2026!x", "Changed-Passw0rd!");
    expect(await page.locator("h1").textContent()).toBe("Change your password");
    expect(await result()).toEqual({ code: "OK", text: "Your password has been changed." });
    expect(password("bob", "Changed-Passw0rd!")).toBe(true);
    await shot("pages-apr-4-changed");
  });

  it("wrong answers until lockout: the user is told, and then even the right answers are refused", async () => {
    await enroll("carol", "Autumn2026!x");
    expect((await result()).code).toBe("OK");
    await answer("carol", ["Fido", "Paris"], "Carol-Passw0rd!");
    expect(await result()).toEqual({ code: "WRONG_ANSWERS", text: "One or more answers are wrong." });
    await shot("pages-apr-5-wrong-answers");
    // Three more wrong tries, posted from the page without rendering each answer (the same request the form sends).
    for (let attempt = 2; attempt <= 4; attempt++) {
      const html = await page.evaluate(
        async (url) => (await fetch(url, { method: "POST", body: new URLSearchParams({ user: "carol", answer1: "Fido", answer2: "Paris", newPassword: "Carol-Passw0rd!" }) })).text(),
        `${base}reset`,
      );
      expect(html).toContain('data-code="WRONG_ANSWERS">One or more answers are wrong.');
    }
    await answer("carol", ["Fido", "Paris"], "Carol-Passw0rd!");
    expect(await result()).toEqual({ code: "LOCKED_OUT", text: "Too many wrong answers. Try again after 30 minutes." });
    await shot("pages-apr-6-locked-out");

    await answer("carol", ["Rex", "Lyon"], "Carol-Passw0rd!");
    expect(await result()).toMatchObject({ code: "LOCKED_OUT", text: expect.stringContaining("Too many wrong answers") });
    expect(password("carol", "Autumn2026!x")).toBe(true);
    expect(password("carol", "Carol-Passw0rd!")).toBe(false);
  });
});
