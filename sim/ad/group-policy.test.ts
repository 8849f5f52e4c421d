import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, type ShareFileResolver, type SoftwarePackage } from "./index.ts";

const D = "DC=corp,DC=example";
const SERVERS = `OU=Servers,${D}`;
const WEB = `OU=Web,${SERVERS}`;
const DCS = `OU=Domain Controllers,${D}`;

function domain() {
  const dir = new Directory(createContext(5), { dnsName: "corp.example" });
  dir.addDomainController("DC01", { os: "windows-server-2019" });
  dir.createOu(SERVERS);
  dir.createOu(WEB);
  dir.joinComputer("WEB01", { ou: WEB });
  dir.joinComputer("APP01", { ou: SERVERS });
  dir.joinComputer("PC01"); // CN=Computers
  return dir;
}

const names = (dir: Directory, host: string) => dir.gposForComputer(host).map((g) => g.name);

const agent = (over: Partial<SoftwarePackage> = {}): SoftwarePackage => ({
  name: "Password Agent",
  version: "5.1",
  msiPath: "\\\\FS01\\deploy\\agent-x64.msi",
  arch: "x64",
  deployment: "assigned",
  ...over,
});

describe("which GPOs apply to a computer", () => {
  it("starts with the Default Domain Policy everywhere and the DC policy on DCs only", () => {
    const dir = domain();
    expect(names(dir, "DC01")).toEqual(["Default Domain Policy", "Default Domain Controllers Policy"]);
    expect(names(dir, "WEB01")).toEqual(["Default Domain Policy"]);
    expect(names(dir, "PC01")).toEqual(["Default Domain Policy"]);
  });

  it("applies a GPO linked to the Domain Controllers OU to the DCs and to no member server", () => {
    const dir = domain();
    dir.createGpo("Password Filter");
    dir.linkGpo("Password Filter", DCS);
    expect(names(dir, "DC01")).toContain("Password Filter");
    expect(names(dir, "WEB01")).not.toContain("Password Filter");
    dir.addDomainController("DC02", { os: "windows-server-2022", readOnly: true });
    expect(names(dir, "DC02")).toContain("Password Filter");
  });

  it("applies a GPO linked to an OU to the computers below it (nested OUs too), not elsewhere", () => {
    const dir = domain();
    dir.createGpo("Servers Baseline");
    dir.linkGpo("Servers Baseline", SERVERS);
    expect(names(dir, "WEB01")).toContain("Servers Baseline");
    expect(names(dir, "APP01")).toContain("Servers Baseline");
    expect(names(dir, "PC01")).not.toContain("Servers Baseline");
    dir.moveComputer("PC01", SERVERS);
    expect(names(dir, "PC01")).toContain("Servers Baseline");
  });

  it("refuses a link to the Computers container, as AD does", () => {
    const dir = domain();
    dir.createGpo("Everything");
    expect(() => dir.linkGpo("Everything", `CN=Computers,${D}`)).toThrow(/only to the domain, sites and organizational units/);
  });

  it("orders domain, then OUs down; a disabled link or disabled computer settings drop the GPO", () => {
    const dir = domain();
    for (const n of ["Domain Extra", "Servers A", "Web A"]) dir.createGpo(n);
    dir.linkGpo("Domain Extra", D);
    dir.linkGpo("Servers A", SERVERS);
    dir.linkGpo("Web A", WEB);
    expect(names(dir, "WEB01")).toEqual(["Domain Extra", "Default Domain Policy", "Servers A", "Web A"]);
    dir.setGpoLink("Servers A", SERVERS, { enabled: false });
    dir.setGpoStatus("Web A", { computerSettingsEnabled: false });
    expect(names(dir, "WEB01")).toEqual(["Domain Extra", "Default Domain Policy"]);
  });

  it("blocks inherited links at an OU with Block Inheritance, except enforced ones, which come last", () => {
    const dir = domain();
    dir.createGpo("Servers A");
    dir.createGpo("Corp Enforced");
    dir.createGpo("Web A");
    dir.linkGpo("Servers A", SERVERS);
    dir.linkGpo("Corp Enforced", D, { enforced: true });
    dir.linkGpo("Web A", WEB);
    dir.setBlockInheritance(WEB, true);
    expect(names(dir, "WEB01")).toEqual(["Web A", "Corp Enforced"]);
    expect(names(dir, "APP01")).toEqual(["Default Domain Policy", "Servers A", "Corp Enforced"]);
    dir.setBlockInheritance(WEB, false);
    expect(names(dir, "WEB01")).toEqual(["Default Domain Policy", "Servers A", "Web A", "Corp Enforced"]);
  });

  it("honours security filtering: only the listed principals apply the GPO", () => {
    const dir = domain();
    dir.createGpo("Web Only");
    dir.linkGpo("Web Only", SERVERS);
    dir.createGroup("Web Servers");
    dir.setGpoSecurityFiltering("Web Only", ["Web Servers"]);
    expect(names(dir, "WEB01")).not.toContain("Web Only");
    dir.addToGroup("Web Servers", "WEB01$");
    expect(names(dir, "WEB01")).toContain("Web Only");
    expect(names(dir, "APP01")).not.toContain("Web Only");
  });

  it("gives nothing to a host that is not joined", () => {
    const dir = domain();
    expect(dir.gposForComputer("STANDALONE")).toEqual([]);
    dir.unjoinComputer("WEB01");
    expect(dir.gposForComputer("WEB01")).toEqual([]);
  });
});

describe("software installation", () => {
  it("lists assigned packages for the computers the GPO applies to, not published ones, not elsewhere", () => {
    const dir = domain();
    dir.createGpo("Deploy Agent");
    dir.linkGpo("Deploy Agent", WEB);
    dir.addSoftwarePackage("Deploy Agent", agent());
    dir.addSoftwarePackage("Deploy Agent", agent({ name: "Password Portal Shortcut", deployment: "published", msiPath: "\\\\FS01\\deploy\\shortcut.msi" }));
    expect(dir.softwareForComputer("WEB01")).toEqual([{ gpo: "Deploy Agent", gpoGuid: dir.gpo("Deploy Agent")!.guid, package: agent() }]);
    expect(dir.softwareForComputer("APP01")).toEqual([]);
  });

  it("leaves an x64 package out for an x86 computer and keeps an x86 one", () => {
    const dir = domain();
    dir.createGpo("Deploy Agent");
    dir.linkGpo("Deploy Agent", WEB);
    dir.addSoftwarePackage("Deploy Agent", agent());
    dir.addSoftwarePackage("Deploy Agent", agent({ name: "Agent 32", arch: "x86", msiPath: "\\\\FS01\\deploy\\agent-x86.msi" }));
    expect(dir.softwareForComputer("WEB01", { arch: "x86" }).map((a) => a.package.name)).toEqual(["Agent 32"]);
    expect(dir.softwareForComputer("WEB01", { arch: "x64" }).map((a) => a.package.name)).toEqual(["Password Agent", "Agent 32"]);
  });

  it("plans the startup install from what the share holds: missing file 1612, unreadable 5, else install", () => {
    const dir = domain();
    dir.createGpo("Deploy Agent");
    dir.linkGpo("Deploy Agent", WEB);
    dir.addSoftwarePackage("Deploy Agent", agent());
    const seen: string[] = [];
    const share = (exists: boolean, readable: boolean): ShareFileResolver => (path, computer) => {
      seen.push(`${computer}:${path}`);
      return { exists, readable };
    };
    expect(dir.softwareInstallPlan("WEB01", share(true, true))[0]).toMatchObject({ action: "install" });
    expect(dir.softwareInstallPlan("WEB01", share(false, false))[0]).toMatchObject({ action: "fail", errorCode: 1612 });
    const denied = dir.softwareInstallPlan("WEB01", share(true, false))[0]!;
    expect(denied).toMatchObject({ action: "fail", errorCode: 5 });
    expect(denied.message).toContain("The assignment of application Password Agent from policy Deploy Agent failed");
    expect(seen[0]).toBe("WEB01:\\\\FS01\\deploy\\agent-x64.msi");
  });

  it("refuses a package path that is not a UNC path to an .msi", () => {
    const dir = domain();
    dir.createGpo("Deploy Agent");
    expect(() => dir.addSoftwarePackage("Deploy Agent", agent({ msiPath: "C:\\deploy\\agent.msi" }))).toThrow(/not a UNC path/);
    expect(() => dir.addSoftwarePackage("Deploy Agent", agent({ msiPath: "\\\\FS01\\deploy\\agent.exe" }))).toThrow(/not a UNC path/);
    expect(() => dir.addSoftwarePackage("Nope", agent())).toThrow(/no GPO "Nope"/);
  });
});

describe("administrative templates", () => {
  it("merges computer settings in application order: the later GPO wins", () => {
    const dir = domain();
    dir.createGpo("Servers A");
    dir.createGpo("Web A");
    dir.linkGpo("Servers A", SERVERS);
    dir.linkGpo("Web A", WEB);
    const key = "HKLM\\Software\\Policies\\Vendor\\Agent";
    dir.setAdminTemplateSetting("Servers A", { scope: "computer", key, valueName: "Server", value: "https://sspr-a" });
    dir.setAdminTemplateSetting("Web A", { scope: "computer", key, valueName: "Server", value: "https://sspr-web" });
    dir.setAdminTemplateSetting("Web A", { scope: "user", key: "HKCU\\Software\\Policies\\Vendor", valueName: "Tray", value: 1 });
    expect(dir.adminTemplateSettingsForComputer("WEB01")).toEqual([{ scope: "computer", key, valueName: "Server", value: "https://sspr-web", gpo: "Web A" }]);
    expect(dir.adminTemplateSettingsForComputer("APP01")).toEqual([{ scope: "computer", key, valueName: "Server", value: "https://sspr-a", gpo: "Servers A" }]);
    expect(() => dir.setAdminTemplateSetting("Web A", { scope: "computer", key: "HKCU\\Software\\X", valueName: "v", value: 1 })).toThrow(/under HKLM/);
  });

  it("gives created GPOs rng GUIDs: the same per seed, different for another seed", () => {
    const guid = (seed: number) => {
      const dir = new Directory(createContext(seed), { dnsName: "corp.example" });
      return dir.createGpo("X").guid;
    };
    expect(guid(1)).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(guid(1)).toBe(guid(1));
    expect(guid(1)).not.toBe(guid(2));
  });
});
