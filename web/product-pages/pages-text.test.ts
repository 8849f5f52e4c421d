import { describe, expect, it } from "vitest";
import { pagesText } from "./pages-text.ts";
import type { PagesServer, ServedSite } from "./serve-pages.ts";

const SITE: ServedSite = {
  host: "WEB01",
  site: "Default Web Site",
  protocol: "https",
  port: 40123,
  names: ["reset.corp.example", "web01.corp.example"],
  applications: ["/", "/SpecopsPasswordReset"],
  certificates: [{ thumbprint: "AB", dnsNames: ["reset.corp.example"], notBefore: new Date("2026-01-04T09:00:00Z"), notAfter: new Date("2027-01-04T09:00:00Z") }],
  time: "lab",
};

function server(parts: Partial<PagesServer>): PagesServer {
  return { client: "WS01", sites: [SITE], unserved: [], apr: [], names: SITE.names, url: () => "", close: async () => undefined, ...parts };
}

describe("pagesText", () => {
  it("lists each site's pages by name, product pages first, with the certificate's dates judged by this machine's clock", () => {
    const lines = pagesText(server({}), { now: new Date("2026-11-26T00:00:00Z") });
    expect(lines).toEqual([
      "The lab's web sites on 127.0.0.1, as WS01 sees them:",
      '  WEB01 "Default Web Site" (https, port 40123, lab time)',
      "    https://reset.corp.example:40123/SpecopsPasswordReset/",
      "    https://reset.corp.example:40123/",
      "    also as web01.corp.example",
      "    certificate for reset.corp.example: valid until 2027-01-04",
    ]);
  });

  it("warns when a browser will refuse a certificate because of this machine's clock, either way", () => {
    expect(pagesText(server({}), { now: new Date("2027-02-01T00:00:00Z") }).at(-1)).toContain("EXPIRED on this machine's clock (2027-01-04): browsers refuse it");
    expect(pagesText(server({}), { now: new Date("2025-12-01T00:00:00Z") }).at(-1)).toContain("NOT YET VALID on this machine's clock (from 2026-01-04)");
  });

  it("says what was not served, where APR listens, a host without names, and the browser command", () => {
    const lines = pagesText(
      server({
        sites: [SITE, { ...SITE, host: "DMZ01", names: [], certificates: [] }],
        unserved: [{ host: "WEB02", site: "Default Web Site", code: "IIS_CERT_UNUSABLE", reason: "no usable certificate" }],
        apr: [{ host: "APR01", lab: { address: "10.0.0.20", port: 5100 }, real: { address: "127.0.0.1", port: 50000 } }],
      }),
      { now: new Date("2026-11-26T00:00:00Z"), browser: { executable: "/usr/bin/chromium", profileDir: "/tmp/p" } },
    );
    expect(lines).toContain("    no name of DMZ01 resolves from the client; it answers at https://127.0.0.1:40123/");
    expect(lines).toContain('  Not served: WEB02 "Default Web Site": no usable certificate');
    expect(lines).toContain("  APR01: lab 10.0.0.20:5100 -> 127.0.0.1:50000");
    expect(lines.at(-1)).toBe(
      "  /usr/bin/chromium --user-data-dir=/tmp/p '--host-resolver-rules=MAP reset.corp.example 127.0.0.1, MAP web01.corp.example 127.0.0.1, MAP * ~NOTFOUND' https://reset.corp.example:40123/SpecopsPasswordReset/",
    );
  });
});
