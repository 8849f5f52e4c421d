import { describe, expect, it } from "vitest";
import { SERVICE_PASSWORD_FAULT } from "./seed-installed.ts";
import { baseSpec, harness } from "./spr-test-kit.ts";

describe("the product at run time", () => {
  it("a healthy 7.0 estate passes every check, and the same seed gives the same trace", async () => {
    const a = await harness(baseSpec(), { seed: 5 });
    const b = await harness(baseSpec(), { seed: 5 });
    expect((await a.final()).state).toBe("healthy");
    await b.final();
    expect(a.lab.trace.hash()).toBe(b.lab.trace.hash());
  });

  it("the Server acts in AD as its service account: the reset is recorded with it as the actor", async () => {
    const h = await harness(baseSpec());
    await h.verify("reset");
    const reset = h.lab.trace.find((e) => e.component === "ad" && e.kind === "password-reset").at(-1);
    expect(reset?.data).toMatchObject({ actor: "svc-spr", user: "alice" });
    expect(JSON.stringify(h.lab.trace.events)).not.toMatch(/Spr#\d+Reset/);
  });

  it("a service account whose password changed since the service started breaks the Server at its next start (1069), not before", async () => {
    const h = await harness(baseSpec(), { faults: [SERVICE_PASSWORD_FAULT] });
    expect(h.rules(await h.verify("reset"))).toEqual([]);
    await h.step("restart-computers", { hosts: ["SPR01"] });
    const f = await h.verify("reset");
    expect(f.map((x) => [x.rule, x.host])).toEqual([["spr.server.service-account", "SPR01"]]);
    const without = await harness(baseSpec());
    await without.step("restart-computers", { hosts: ["SPR01"] });
    expect(without.rules(await without.verify("reset"))).toEqual([]);
  });

  it("licences are counted in the management level: a licence for fewer users than it holds refuses, a larger one serves", async () => {
    const spec = baseSpec();
    spec.domain = { ...spec.domain!, users: 60 };
    spec.hosts = spec.hosts.map((h) => (h.name === "SPR01" ? { ...h, installed: { "spr-server": { version: "7.0", licensedUsers: 50 } } } : h));
    const h = await harness(spec);
    expect(h.rules(await h.verify("reset"))).toEqual(["spr.server.management-level.licence"]);
    await h.step("license", { users: 100 });
    expect(h.rules(await h.verify("reset"))).toEqual([]);
  });

  it("an old mobile app refuses passphrases under Specops Password Policy 6.3; the latest app takes them", async () => {
    const h = await harness(baseSpec());
    await h.step("password-policy", { version: "6.3", passphrases: true });
    expect(h.rules(await h.verify("mobile"))).toEqual(["spr.post.passphrase-mobile"]);
    await h.step("mobile-app", { version: "8.0" });
    expect(h.rules(await h.verify("mobile"))).toEqual([]);
  });

  it("branding: lost by the Web's upgrade, kept by a backup and restore around it", async () => {
    const lost = await harness(baseSpec({ version: "8.0" }));
    await lost.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    expect(lost.rules(await lost.verify("branding"))).toEqual(["spr.post.branding"]);
    const kept = await harness(baseSpec({ version: "8.0" }));
    await kept.step("branding", { host: "WEB01", action: "backup" });
    await kept.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    await kept.step("branding", { host: "WEB01", action: "restore" });
    expect(kept.rules(await kept.verify("branding"))).toEqual([]);
  });

  it("bad input to a verb is a LabError with a code, not a crash", async () => {
    const h = await harness(baseSpec({ version: "8.0" }));
    await h.step("setup-client-gpsi", { host: "SPR01", gpo: "Specops Client", share: "\\\\FS01\\Specops" });
    await expect(h.step("copy-msi", { from: "SPR01", to: "\\\\FS09\\Nothing" })).rejects.toMatchObject({ code: "SPR_SHARE_UNKNOWN" });
    await expect(h.step("setup-server", { ...{ host: "SPR99" }, serviceAccount: { user: "svc-spr", password: "x" }, managementLevel: "DC=corp,DC=example" })).rejects.toMatchObject({ code: "LAB_NO_HOST" });
  });
});
