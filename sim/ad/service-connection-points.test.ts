import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory } from "./index.ts";

function domain() {
  const dir = new Directory(createContext(9), { dnsName: "corp.example" });
  dir.createOu("OU=Servers,DC=corp,DC=example");
  dir.joinComputer("SSPR01", { ou: "OU=Servers,DC=corp,DC=example" });
  dir.joinComputer("WKS01");
  dir.publishServiceConnectionPoint("SSPR01", {
    name: "PasswordPortal",
    keywords: ["PasswordPortal", "{6E2A-GUID}"],
    serviceBindingInformation: ["https://sspr01.corp.example/portal"],
  });
  return dir;
}

describe("service connection points", () => {
  it("are found by a joined computer, by keyword, case-insensitively, under the computer account", () => {
    const dir = domain();
    const found = dir.findServiceConnectionPoints("passwordportal", "WKS01");
    expect(found).toEqual([
      {
        name: "PasswordPortal",
        computer: "SSPR01",
        distinguishedName: "CN=PasswordPortal,CN=SSPR01,OU=Servers,DC=corp,DC=example",
        keywords: ["PasswordPortal", "{6E2A-GUID}"],
        serviceBindingInformation: ["https://sspr01.corp.example/portal"],
      },
    ]);
    expect(dir.findServiceConnectionPoints("other", "WKS01")).toEqual([]);
  });

  it("are invisible to a computer that is not joined, or no longer is", () => {
    const dir = domain();
    expect(dir.findServiceConnectionPoints("PasswordPortal", "STANDALONE")).toEqual([]);
    dir.unjoinComputer("WKS01");
    expect(dir.findServiceConnectionPoints("PasswordPortal", "WKS01")).toEqual([]);
    dir.joinComputer("WKS01");
    expect(dir.findServiceConnectionPoints("PasswordPortal", "wks01.corp.example")).toHaveLength(1);
  });

  it("are updated in place when republished, and follow the computer when it moves", () => {
    const dir = domain();
    dir.publishServiceConnectionPoint("SSPR01", { name: "PasswordPortal", keywords: ["PasswordPortal"], serviceBindingInformation: ["https://sspr01.corp.example/v6"] });
    dir.moveComputer("SSPR01", "CN=Computers,DC=corp,DC=example");
    const [scp] = dir.findServiceConnectionPoints("PasswordPortal", "WKS01");
    expect(scp?.serviceBindingInformation).toEqual(["https://sspr01.corp.example/v6"]);
    expect(scp?.distinguishedName).toBe("CN=PasswordPortal,CN=SSPR01,CN=Computers,DC=corp,DC=example");
  });

  it("go away with their computer account when it is deleted, not when it is only disabled", () => {
    const dir = domain();
    dir.unjoinComputer("SSPR01");
    expect(dir.findServiceConnectionPoints("PasswordPortal", "WKS01")).toHaveLength(1);
    dir.unjoinComputer("SSPR01", { deleteAccount: true });
    expect(dir.findServiceConnectionPoints("PasswordPortal", "WKS01")).toEqual([]);
  });

  it("need an existing computer and a keyword", () => {
    const dir = domain();
    expect(() => dir.publishServiceConnectionPoint("NOPE", { name: "X", keywords: ["x"], serviceBindingInformation: [] })).toThrow(/no computer account/);
    expect(() => dir.publishServiceConnectionPoint("SSPR01", { name: "X", keywords: [], serviceBindingInformation: [] })).toThrow(/at least one keyword/);
  });
});
