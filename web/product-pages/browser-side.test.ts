import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { browserFailure, explainBrowserFailure } from "./browser-failure.ts";
import { chromiumTrustPreferences, trustedRoots, writeChromiumProfile } from "./browser-trust.ts";
import { pageNames } from "./page-names.ts";
import { hostResolverRules } from "./pages-chromium.ts";
import { catalogScenario, registry } from "./pages-test-kit.ts";
import { runScenarioLab, type ScenarioLab } from "./scenario-lab.ts";

// One estate for the file: an internal web (WEB01, enterprise CA), a DMZ web (DMZ01, public CA) whose bound
// certificate misses the external name, an internal workstation (WS01) and an Internet client (INET01).
let run: ScenarioLab;
beforeAll(async () => {
  run = await runScenarioLab(catalogScenario("specops-password-reset", "spr-dmz-certificate-misses-external-name").plan, { registry, final: false });
});

describe("pageNames", () => {
  it("gives the names a client reaches a host by, as the lab resolves them from that client", () => {
    const names = (client: string, host: string) => pageNames(run.lab, run.lab.host(host), client);
    expect(names("WS01", "WEB01")).toEqual(["reset.corp.example", "web01.corp.example"]);
    expect(names("WS01", "DMZ01")).toEqual(["reset.contoso.com"]);
    // From the Internet the internal names do not resolve; the public one does.
    expect(names("INET01", "WEB01")).toEqual([]);
    expect(names("INET01", "DMZ01")).toEqual(["reset.contoso.com"]);
  });
});

describe("browser trust", () => {
  it("a browser on a lab client trusts that client's roots: the enterprise CA inside, not outside", () => {
    const subjects = (client: string) => trustedRoots(run.lab, client).map((c) => c.subject).sort();
    expect(subjects("WS01")).toEqual(["CN=corp-ca", "CN=public-ca"]);
    expect(subjects("INET01")).toEqual(["CN=public-ca"]);
    expect(() => trustedRoots(run.lab, "NOPE01")).toThrow(expect.objectContaining({ code: "LAB_NO_HOST" }));
  });

  it("hands the roots to Chromium as trust anchors in a new profile's preferences (base64 DER)", () => {
    const roots = trustedRoots(run.lab, "INET01");
    const prefs = chromiumTrustPreferences(roots);
    expect(prefs.certificates.ca_certificates.map((b64) => Buffer.from(b64, "base64"))).toEqual(roots.map((r) => Buffer.from(r.der)));
    const dir = mkdtempSync(join(tmpdir(), "lab-pages-test-"));
    try {
      writeChromiumProfile(dir, roots);
      expect(JSON.parse(readFileSync(join(dir, "Default", "Preferences"), "utf8"))).toEqual(prefs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("maps the lab's names to loopback and every other name to nowhere", () => {
    expect(hostResolverRules(["Reset.corp.example", "reset.contoso.com", "reset.corp.example"])).toBe("MAP reset.corp.example 127.0.0.1, MAP reset.contoso.com 127.0.0.1, MAP * ~NOTFOUND");
    expect(hostResolverRules([])).toBe("MAP * ~NOTFOUND");
  });
});

describe("a real browser's refusal, in the lab's terms", () => {
  const goto = (code: string) => new Error(`page.goto: net::${code} at https://reset.contoso.com:40123/SpecopsPasswordReset/\nCall log: ...`);

  it("reads Chromium's net error from what Playwright throws", () => {
    expect(browserFailure(goto("ERR_CERT_COMMON_NAME_INVALID"))).toEqual({ netError: "ERR_CERT_COMMON_NAME_INVALID", stage: "tls", reasons: ["name-mismatch"] });
    expect(browserFailure(goto("ERR_CERT_AUTHORITY_INVALID"))).toMatchObject({ stage: "tls", reasons: ["untrusted-root", "partial-chain"] });
    expect(browserFailure(goto("ERR_CERT_DATE_INVALID"))).toMatchObject({ reasons: ["expired", "not-yet-valid"] });
    expect(browserFailure(goto("ERR_BLOCKED_BY_CLIENT"))).toBeUndefined();
    expect(browserFailure(new Error("Timeout 30000ms exceeded"))).toBeUndefined();
  });

  it("finds the lab's finding for the same refusal; a refusal the lab never saw has none", () => {
    expect(explainBrowserFailure(run, browserFailure(goto("ERR_CERT_COMMON_NAME_INVALID"))!)).toMatchObject({ rule: "spr.req.web.trusted-cert.names", host: "DMZ01" });
    expect(explainBrowserFailure(run, browserFailure(goto("ERR_CERT_AUTHORITY_INVALID"))!)).toBeUndefined();
  });
});
