import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, dnKey, isUnderDn, parentDn, parseDn } from "./index.ts";

const newDomain = () => new Directory(createContext(1), { dnsName: "Corp.Example" });

describe("distinguished names", () => {
  it("parse with escapes, compare case-insensitively and know their ancestors", () => {
    expect(parseDn("CN=Smith\\, John,OU=Sales,DC=corp,DC=example")[0]).toEqual({ type: "CN", value: "Smith, John" });
    expect(dnKey("ou=Sales, dc=Corp,DC=example")).toBe(dnKey("OU=sales,DC=corp,DC=example"));
    expect(parentDn("OU=East,OU=Sales,DC=corp,DC=example")).toBe("OU=Sales,DC=corp,DC=example");
    expect(isUnderDn("CN=a,OU=East,OU=Sales,DC=corp,DC=example", "ou=sales,dc=corp,dc=example")).toBe(true);
    expect(isUnderDn("CN=a,OU=NotSales,DC=corp,DC=example", "OU=Sales,DC=corp,DC=example")).toBe(false);
  });

  it("refuse text that is not a DN with a clear error", () => {
    expect(() => parseDn("Sales")).toThrow(/not a distinguished name/);
    expect(() => parseDn("OU=,DC=corp")).toThrow(/not a distinguished name/);
    // Refusals are not remembered: asked again, the DN is refused again.
    expect(() => parseDn("Sales")).toThrow(/not a distinguished name/);
  });

  it("hand out parses that cannot be changed, so a remembered one stays right", () => {
    const rdns = parseDn("OU=Sales,DC=corp,DC=example");
    expect(() => (rdns as { type: string; value: string }[]).push({ type: "OU", value: "x" })).toThrow(TypeError);
    expect(() => ((rdns[0] as { value: string }).value = "Other")).toThrow(TypeError);
    expect(parseDn("OU=Sales,DC=corp,DC=example")).toEqual([{ type: "OU", value: "Sales" }, { type: "DC", value: "corp" }, { type: "DC", value: "example" }]);
  });
});

describe("the domain", () => {
  it("starts with AD's containers, built-in groups and a NetBIOS name from the DNS name", () => {
    const dir = newDomain();
    expect([dir.dnsName, dir.netbiosName, dir.domainDn]).toEqual(["corp.example", "CORP", "DC=corp,DC=example"]);
    expect(dir.ou("OU=Domain Controllers,DC=corp,DC=example")?.kind).toBe("organizationalUnit");
    expect(dir.ou("CN=Computers,DC=corp,DC=example")?.kind).toBe("container");
    for (const g of ["Domain Admins", "Enterprise Admins", "Domain Users", "Domain Computers", "Domain Controllers", "Administrators", "Account Operators"]) expect(dir.group(g)).toBeDefined();
    expect(dir.isMemberOf("Administrator", "Administrators")).toBe(true);
  });

  it("refuses bad domain names", () => {
    expect(() => new Directory(createContext(1), { dnsName: "corp" })).toThrow(/not a DNS domain name/);
    expect(() => new Directory(createContext(1), { dnsName: "corp.example", netbiosName: "WAY-TOO-LONG-NAME" })).toThrow(/NetBIOS/);
  });

  it("creates OUs under existing parents only, and once", () => {
    const dir = newDomain();
    expect(() => dir.createOu("OU=East,OU=Sales,DC=corp,DC=example")).toThrow(/createOu\("OU=Sales|NO_OBJECT/);
    dir.createOu("OU=Sales,DC=corp,DC=example");
    expect(dir.createOu("OU=East,OU=Sales,DC=corp,DC=example").distinguishedName).toBe("OU=East,OU=Sales,DC=corp,DC=example");
    expect(() => dir.createOu("ou=sales,dc=corp,dc=example")).toThrow(/already exists/);
    expect(() => dir.createOu("CN=Sales,DC=corp,DC=example")).toThrow(/must start with OU=/);
  });

  it("keeps sAMAccountNames unique across users, groups and computers, and CNs unique per container", () => {
    const dir = newDomain();
    dir.createUser({ samAccountName: "jdoe", displayName: "Jane Doe", password: "Start-2026x" });
    expect(() => dir.createUser({ samAccountName: "JDOE", password: "Start-2026x" })).toThrow(/already in use/);
    expect(() => dir.createGroup("jdoe")).toThrow(/already in use/);
    expect(() => dir.createUser({ samAccountName: "jdoe2", displayName: "Jane Doe", password: "Start-2026x" })).toThrow(/CN=Jane Doe already exists/);
    expect(() => dir.createUser({ samAccountName: "bad:name" })).toThrow(/not a valid/);
    expect(() => dir.createUser({ samAccountName: "a".repeat(21) })).toThrow(/1-20 characters/);
  });

  it("names a user however it is written, and nobody it does not know", () => {
    const dir = newDomain();
    dir.createUser({ samAccountName: "JDoe", password: "Start-2026x" });
    for (const name of ["jdoe", "CORP\\jdoe", "jdoe@corp.example", "CN=JDoe,CN=Users,DC=corp,DC=example"]) expect(dir.userName(name)).toBe("JDoe");
    for (const name of ["jdoe2", "OTHER\\jdoe", "Domain Admins"]) expect(dir.userName(name)).toBeUndefined();
  });

  it("resolves nested groups, cycles included, with the primary group implicit", () => {
    const dir = newDomain();
    dir.createUser({ samAccountName: "jdoe", password: "Start-2026x" });
    for (const g of ["A", "B", "C"]) dir.createGroup(g);
    dir.addToGroup("A", "B");
    dir.addToGroup("B", "C");
    dir.addToGroup("C", "A"); // AD allows the cycle
    dir.addToGroup("C", "jdoe");
    expect(dir.groupsOf("jdoe")).toEqual(["A", "B", "C", "Domain Users"]);
    expect(dir.user("jdoe")?.memberOf).toEqual(["C"]);
    expect(dir.isMemberOf("jdoe", "Domain Admins")).toBe(false);
    expect(() => dir.addToGroup("A", "A")).toThrow(/cannot contain itself/);
    expect(() => dir.addToGroup("A", "ghost")).toThrow(/no user, group or computer/);
  });
});

describe("computer accounts", () => {
  it("join into CN=Computers or an OU, and count as Domain Computers", () => {
    const dir = newDomain();
    dir.createOu("OU=Servers,DC=corp,DC=example");
    expect(dir.joinComputer("web01", { os: "windows-server-2016" })).toMatchObject({ name: "WEB01", sAMAccountName: "WEB01$", distinguishedName: "CN=WEB01,CN=Computers,DC=corp,DC=example", dnsHostName: "web01.corp.example", joined: true });
    dir.joinComputer("APP01", { ou: "OU=Servers,DC=corp,DC=example" });
    expect(dir.isJoined("WEB01")).toBe(true);
    expect(dir.isJoined("web01.corp.example")).toBe(true);
    expect(dir.isMemberOf("WEB01$", "Domain Computers")).toBe(true);
    expect(() => dir.joinComputer("WEB01")).toThrow(/already joined/);
    expect(() => dir.joinComputer("NAME-LONGER-THAN-15")).toThrow(/not a valid computer name/);
  });

  it("unjoin disables the account and a later join reuses it; deleting frees the name", () => {
    const dir = newDomain();
    dir.joinComputer("WEB01");
    dir.unjoinComputer("WEB01");
    expect(dir.isJoined("WEB01")).toBe(false);
    expect(dir.computer("WEB01")).toMatchObject({ enabled: false, joined: false });
    dir.joinComputer("WEB01");
    expect(dir.isJoined("WEB01")).toBe(true);
    dir.unjoinComputer("WEB01", { deleteAccount: true });
    expect(dir.computer("WEB01")).toBeUndefined();
    expect(() => dir.unjoinComputer("WEB01")).toThrow(/no computer account/);
  });

  it("keeps DCs from being unjoined or added twice", () => {
    const dir = newDomain();
    dir.joinComputer("DC01");
    expect(dir.addDomainController("DC01", { os: "windows-server-2012-r2" }).distinguishedName).toBe("CN=DC01,OU=Domain Controllers,DC=corp,DC=example");
    expect(dir.isMemberOf("DC01$", "Domain Controllers")).toBe(true);
    expect(() => dir.addDomainController("DC01", { os: "windows-server-2012-r2" })).toThrow(/already a domain controller/);
    expect(() => dir.unjoinComputer("DC01")).toThrow(/demote it first/);
  });
});
