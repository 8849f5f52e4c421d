import { describe, expect, it } from "vitest";
import { domainVerb } from "./domain.ts";
import { gpoVerb } from "./gpo.ts";
import { restartVerb } from "./restart.ts";
import { serviceVerb } from "./service.ts";
import { buildTestLab, eventsOf, installService, refusal, runVerb } from "./verb-test-kit.ts";

describe("domain", () => {
  it("joins a host: domain service accounts log on and assigned software installs at its restart (once per restart)", async () => {
    const lab = await buildTestLab();
    const installs: string[] = [];
    lab.registerPackageInstaller(/\.msi$/i, (host) => (installs.push(host.name), true));
    lab.host("FS01").fs.writeFile("C:\\Deploy\\c.msi", "msi");
    await runVerb(gpoVerb, lab, { create: "C" });
    await runVerb(gpoVerb, lab, { package: { gpo: "C", name: "C", msi: "\\\\FS01\\deploy\\c.msi", arch: "x64", deployment: "assigned" } });
    await runVerb(gpoVerb, lab, { link: { gpo: "C", to: "domain" } });
    installService(lab, "DMZ01", "Agent", { startType: "manual", account: "CORP\\svc-app", password: "Service-2026!x" });
    await runVerb(serviceVerb, lab, { host: "DMZ01", name: "Agent", action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: false, error: 1069 });

    await runVerb(domainVerb, lab, { join: "DMZ01" });
    expect(lab.host("DMZ01").joined).toBe(true);
    expect(lab.domain().isJoined("DMZ01")).toBe(true);
    await runVerb(serviceVerb, lab, { host: "DMZ01", name: "Agent", action: "start" });
    expect(eventsOf(lab, "estate.service").at(-1)!.data).toMatchObject({ ok: true, state: "RUNNING" });
    await runVerb(restartVerb, lab, { host: "DMZ01" });
    expect(installs).toEqual(["DMZ01"]);

    await runVerb(domainVerb, lab, { unjoin: "DMZ01" });
    expect(lab.host("DMZ01").joined).toBe(false);
    expect(lab.domain().computer("DMZ01")!.enabled).toBe(false);
    await runVerb(serviceVerb, lab, { host: "DMZ01", name: "Agent", action: "restart" });
    expect(eventsOf(lab, "service.start-failed").at(-1)!.data.reason).toMatch(/not in a domain/);
    await runVerb(restartVerb, lab, { host: "DMZ01" });
    expect(installs).toEqual(["DMZ01"]);

    await runVerb(domainVerb, lab, { join: { host: "DMZ01" } });
    await runVerb(domainVerb, lab, { unjoin: "WS01" });
    await runVerb(domainVerb, lab, { join: "WS01" });
    await runVerb(restartVerb, lab, { hosts: ["DMZ01", "WS01"] });
    expect(installs).toEqual(["DMZ01", "DMZ01", "WS01"]);
  });

  it("refuses joining a joined host and unjoining a DC or a host outside the domain", async () => {
    const lab = await buildTestLab();
    await expect(runVerb(domainVerb, lab, { join: "APP01" })).rejects.toThrow(/APP01 is already joined/);
    await expect(runVerb(domainVerb, lab, { unjoin: "DC01" })).rejects.toThrow(/domain controller/);
    await expect(runVerb(domainVerb, lab, { unjoin: "DMZ01" })).rejects.toThrow(/DMZ01 is not joined/);
  });

  it("creates users in groups, and changes, resets, disables and enables them; refused changes are traced by AD", async () => {
    const lab = await buildTestLab();
    const ad = lab.domain();
    await runVerb(domainVerb, lab, { user: { name: "helpdesk", password: "Help-2026!desk", groups: ["Domain Admins"] } });
    expect(ad.isMemberOf("helpdesk", "Domain Admins")).toBe(true);
    await runVerb(domainVerb, lab, { password: { user: "jdoe", old: "Start-2026!x", new: "Next-2026!yy" } });
    expect(ad.authenticate("jdoe", "Next-2026!yy").ok).toBe(true);
    await runVerb(domainVerb, lab, { password: { user: "jdoe", old: "wrong", new: "Other-2026!zz" } });
    expect(eventsOf(lab, "password-change-refused")).toHaveLength(1);
    await runVerb(domainVerb, lab, { password: { user: "jdoe", new: "Reset-2026!aa", by: "helpdesk" } });
    expect(ad.authenticate("jdoe", "Reset-2026!aa").ok).toBe(true);
    await runVerb(domainVerb, lab, { password: { user: "helpdesk", new: "Reset-2026!bb", by: "jdoe" } });
    expect(eventsOf(lab, "password-reset-refused")).toHaveLength(1);
    await runVerb(domainVerb, lab, { password: { user: "jdoe", new: "System-2026!cc", mustChange: true } });
    expect(ad.user("jdoe")!.mustChangePassword).toBe(true);
    await runVerb(domainVerb, lab, { disable: "jdoe" });
    expect(ad.user("jdoe")!.enabled).toBe(false);
    await runVerb(domainVerb, lab, { enable: "jdoe" });
    await runVerb(domainVerb, lab, { addToGroup: { group: "Domain Admins", member: "jdoe" } });
    expect(ad.user("jdoe")!.enabled && ad.isMemberOf("jdoe", "Domain Admins")).toBe(true);
    await expect(runVerb(domainVerb, lab, { password: { user: "ghost", new: "x" } })).rejects.toThrow(/no user "ghost"/);
  });

  it("refuses unclear steps and mixes of a change and a reset", () => {
    expect(refusal(domainVerb, {})[0]).toMatch(/exactly one of join, unjoin/);
    expect(refusal(domainVerb, { join: "A", unjoin: "B" })[0]).toMatch(/exactly one/);
    expect(refusal(domainVerb, { password: { user: "u", new: "n", old: "o", by: "admin" } })[0]).toMatch(/old is the user's own change/);
    expect(domainVerb.refs!({ join: { host: "A" } })).toEqual({ hosts: ["A"] });
    expect(domainVerb.refs!({ user: { name: "u" } })).toEqual({ hosts: [] });
  });
});
