import { describe, expect, it } from "vitest";
import type { Lab } from "../../lab.ts";
import { gpoVerb } from "./gpo.ts";
import { restartVerb } from "./restart.ts";
import { buildTestLab, eventsOf, refusal, runVerb } from "./verb-test-kit.ts";

const MSI = "\\\\FS01\\deploy\\APRClient.msi";

async function deployClient(lab: Lab): Promise<string[]> {
  const installedOn: string[] = [];
  lab.registerPackageInstaller(/^APRClient\.msi$/i, (host) => (installedOn.push(host.name), true));
  lab.host("FS01").fs.writeFile("C:\\Deploy\\APRClient.msi", "msi", { version: "3.2.0.0" });
  await runVerb(gpoVerb, lab, { create: "APR Client" });
  await runVerb(gpoVerb, lab, { package: { gpo: "APR Client", name: "APR Client", msi: MSI, arch: "x64", deployment: "assigned" } });
  await runVerb(gpoVerb, lab, { link: { gpo: "APR Client", to: "domain" } });
  return installedOn;
}

describe("gpo", () => {
  it("creates, links and assigns a package that installs at the computer's next restart", async () => {
    const lab = await buildTestLab();
    const installedOn = await deployClient(lab);
    const ad = lab.domain();
    expect(ad.gpo("APR Client")!.packages).toEqual([{ name: "APR Client", msiPath: MSI, arch: "x64", deployment: "assigned", version: "3.2.0.0" }]);
    expect(ad.gposForComputer("APP01").map((g) => g.name)).toContain("APR Client");
    expect(installedOn).toEqual([]);
    await runVerb(restartVerb, lab, { host: "APP01" });
    expect(installedOn).toEqual(["APP01"]);
    expect(eventsOf(lab, "gpsi.installed").map((e) => e.host)).toEqual(["APP01"]);
  });

  it("a computer that cannot read the msi share fails the install at restart (traced)", async () => {
    const lab = await buildTestLab();
    lab.shares.add({ host: "FS01", name: "deploy", path: "C:\\Deploy", readers: ["WEB01$"] });
    const installedOn = await deployClient(lab);
    await runVerb(restartVerb, lab, { hosts: ["APP01", "WEB01"] });
    expect(installedOn).toEqual(["WEB01"]);
    expect(eventsOf(lab, "gpsi.install-failed").map((e) => e.host)).toEqual(["APP01"]);
  });

  it("links to the Domain Controllers OU or an OU DN, unlinks, and sets settings, filtering and status", async () => {
    const lab = await buildTestLab({ domain: { name: "corp.example", ous: ["OU=Servers,DC=corp,DC=example"] }, hosts: [{ name: "APP01", os: "windows-server-2019" }] });
    const ad = lab.domain();
    await runVerb(gpoVerb, lab, { create: "DC Policy" });
    await runVerb(gpoVerb, lab, { link: { gpo: "DC Policy", to: "Domain Controllers", enforced: true } });
    expect(ad.gposForComputer("DC01").map((g) => g.name)).toContain("DC Policy");
    expect(ad.gposForComputer("APP01").map((g) => g.name)).not.toContain("DC Policy");
    await runVerb(gpoVerb, lab, { link: { gpo: "DC Policy", to: "OU=Servers,DC=corp,DC=example" } });
    expect(ad.gpoLinks("OU=Servers,DC=corp,DC=example").map((l) => l.gpo)).toEqual(["DC Policy"]);
    await runVerb(gpoVerb, lab, { unlink: { gpo: "DC Policy", from: "OU=Servers,DC=corp,DC=example" } });
    expect(ad.gpoLinks("OU=Servers,DC=corp,DC=example")).toEqual([]);
    await runVerb(gpoVerb, lab, { setting: { gpo: "DC Policy", key: "HKLM\\SOFTWARE\\Policies\\Specops", valueName: "Server", value: "DC01" } });
    expect(ad.adminTemplateSettingsForComputer("DC01")).toEqual([expect.objectContaining({ scope: "computer", valueName: "Server", value: "DC01", gpo: "DC Policy" })]);
    await runVerb(gpoVerb, lab, { filter: { gpo: "DC Policy", principals: ["Domain Controllers"] } });
    await runVerb(gpoVerb, lab, { status: { gpo: "DC Policy", computerSettings: false } });
    expect(ad.gpo("DC Policy")).toMatchObject({ securityFiltering: ["Domain Controllers"], computerSettingsEnabled: false, userSettingsEnabled: true });
  });

  it("refuses unclear steps, a local msi path, unknown GPOs and a lab without a domain", async () => {
    expect(refusal(gpoVerb, {})[0]).toMatch(/exactly one of create, link/);
    expect(refusal(gpoVerb, { package: { gpo: "G", name: "P", msi: "C:\\x.msi", arch: "x64", deployment: "assigned" } })[0]).toMatch(/UNC path/);
    expect(refusal(gpoVerb, { package: { gpo: "G", name: "P", msi: MSI, arch: "ia64", deployment: "assigned" } })).not.toEqual([]);
    expect(gpoVerb.refs!({ package: { gpo: "G", name: "P", msi: MSI, arch: "x64", deployment: "assigned" } })).toEqual({ hosts: ["FS01"] });
    const lab = await buildTestLab();
    await expect(runVerb(gpoVerb, lab, { link: { gpo: "Nope", to: "domain" } })).rejects.toThrow(/Nope/);
    const bare = await buildTestLab({ hosts: [{ name: "APP01", os: "windows-server-2019" }] });
    await expect(runVerb(gpoVerb, bare, { create: "G" })).rejects.toThrow(/this lab has no domain/);
  });
});
