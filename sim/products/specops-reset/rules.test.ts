import { describe, expect, it } from "vitest";
import { SPR_RULES, SPR_SEED_FILE } from "./rules.ts";
import { specopsPasswordReset } from "./specops-reset.ts";

/** The spr.* facts of seeds/facts.md, with their kinds (copied from it: the rules must model each). */
const FACTS: Record<string, string> = {
  "spr.upgrade.from-4.1": "prereq", "spr.upgrade.all-components": "order", "spr.order": "order", "spr.plan.release-notes": "advisory",
  "spr.license.new-key": "prereq", "spr.req.server.os": "prereq", "spr.req.server.wif": "prereq", "spr.req.admin.os": "prereq",
  "spr.req.admin.snapins": "prereq", "spr.req.admin.dotnet": "prereq", "spr.req.web.os": "prereq", "spr.req.web.iis": "prereq",
  "spr.req.web.trusted-cert": "prereq", "spr.req.client.os": "prereq", "spr.req.client.dotnet": "prereq", "spr.setup.extract": "effect",
  "spr.server.role": "runtime", "spr.server.service-account": "effect", "spr.server.management-level": "effect", "spr.server.cert-same": "prereq",
  "spr.server.cert-friendly-name": "effect", "spr.web.role": "runtime", "spr.web.iis-configure": "manual", "spr.web.server-name": "effect",
  "spr.web.site": "effect", "spr.web.scp": "effect", "spr.web.ssl-cert": "effect", "spr.web.mobile": "effect", "spr.dmz.dotnet": "prereq",
  "spr.dmz.no-scp": "manual", "spr.dmz.scp-hidden": "effect", "spr.dmz.cert-binding": "manual", "spr.admin.install": "effect",
  "spr.client.role": "runtime", "spr.client.gpsi": "effect", "spr.client.share": "manual", "spr.client.dfs": "manual", "spr.client.x86-x64": "effect",
  "spr.client.restart": "runtime", "spr.client.other-tools": "advisory", "spr.client.admx-migrate": "manual", "spr.post.license": "check",
  "spr.post.flows": "check", "spr.post.external": "check", "spr.post.elevated-pages": "check", "spr.post.branding": "check", "spr.post.passphrase-mobile": "check",
};

describe("rules of Specops Password Reset", () => {
  it("model every spr.* fact with its kind, and nothing else", () => {
    for (const [fact, kind] of Object.entries(FACTS)) {
      const own = SPR_RULES.filter((r) => r.fact === fact);
      expect(own.length, fact).toBeGreaterThan(0);
      for (const r of own) expect(r.kind, r.id).toBe(kind);
    }
    for (const r of SPR_RULES) expect(Object.keys(FACTS), r.id).toContain(r.fact);
  });

  it("have unique ids, each the fact id or the fact id plus a suffix, and cite the seed document", () => {
    expect(new Set(SPR_RULES.map((r) => r.id)).size).toBe(SPR_RULES.length);
    for (const r of SPR_RULES) {
      expect(r.id === r.fact || r.id.startsWith(`${r.fact}.`), r.id).toBe(true);
      expect(r.source.file).toBe(SPR_SEED_FILE);
      expect(r.source.section.length).toBeGreaterThan(0);
      expect(r.remedy.length, r.id).toBeGreaterThan(10);
    }
  });

  it("list advisory facts with a reason, and mark the lab's own decisions as inferences", () => {
    expect(SPR_RULES.filter((r) => r.advisory).map((r) => r.id).sort()).toEqual(["spr.client.other-tools", "spr.plan.release-notes"]);
    for (const id of ["spr.upgrade.all-components", "spr.server.cert-same", "spr.server.role.version", "spr.post.passphrase-mobile", "spr.server.management-level.licence"]) {
      expect(SPR_RULES.find((r) => r.id === id)?.inference, id).toBeTruthy();
    }
  });

  it("the product names its latest version as the lab's choice", () => {
    for (const c of specopsPasswordReset.components) {
      expect(c.latest).toBe("8.0");
      expect(c.latestIsLabChoice).toMatch(/lab/);
    }
    expect(specopsPasswordReset.components.map((c) => c.id)).toEqual(["spr-server", "spr-web", "spr-admin", "spr-client"]);
  });
});
