import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, InMemoryDirectoryService, type DirectoryService } from "./index.ts";

function setup() {
  const dir = new Directory(createContext(17), { dnsName: "corp.example", netbiosName: "CORP", passwordPolicy: { minAgeMs: 0 }, lockoutPolicy: { threshold: 3 } });
  dir.createOu("OU=Staff,DC=corp,DC=example");
  dir.createUser({ samAccountName: "jdoe", ou: "OU=Staff,DC=corp,DC=example", userPrincipalName: "jane.doe@example.com", givenName: "Jane", surname: "Doe", password: "Start-2026x" });
  dir.createServiceAccount({ samAccountName: "svc-sspr", password: "Service-2026x", passwordNeverExpires: true });
  dir.createGroup("Helpdesk");
  dir.createGroup("IT Staff");
  dir.addToGroup("IT Staff", "Helpdesk");
  dir.addToGroup("Helpdesk", "svc-sspr");
  dir.delegate("OU=Staff,DC=corp,DC=example", "Helpdesk", ["ResetPassword", "WriteLockoutTime"]);
  const service: DirectoryService = new InMemoryDirectoryService(dir);
  return { dir, service };
}

describe("InMemoryDirectoryService", () => {
  it("finds users by sAMAccountName, UPN, implicit UPN, DOMAIN\\user and DNS\\user, and not in another domain", async () => {
    const { service } = setup();
    for (const name of ["jdoe", "JDOE", "jane.doe@example.com", "jdoe@corp.example", "CORP\\jdoe", "corp.example\\jdoe", "CN=Jane Doe,OU=Staff,DC=corp,DC=example"]) {
      expect((await service.findUser(name))?.sAMAccountName).toBe("jdoe");
    }
    for (const name of ["OTHER\\jdoe", ".\\jdoe", "jdoe@other.example", "nobody"]) expect(await service.findUser(name)).toBeUndefined();
  });

  it("answers an unknown user's bind like a wrong password (52e) and an unknown user's change with NO_SUCH_OBJECT", async () => {
    const { service } = setup();
    expect(await service.checkPassword("nobody", "Start-2026x")).toMatchObject({ ok: false, error: { code: "INVALID_CREDENTIALS", ldapCode: 49, adData: "52e" } });
    expect(await service.checkPassword("OTHER\\jdoe", "Start-2026x")).toMatchObject({ ok: false, error: { adData: "52e" } });
    expect(await service.changePassword("nobody", "Start-2026x", "Next-2026xy")).toMatchObject({ ok: false, error: { code: "NO_SUCH_OBJECT", ldapCode: 32, adData: "0000208D" } });
  });

  it("binds, resets, changes and unlocks through promises with AD's results", async () => {
    const { service } = setup();
    expect(await service.checkPassword("CORP\\jdoe", "Start-2026x")).toEqual({ ok: true });
    expect(await service.canResetPassword("svc-sspr", "jdoe")).toBe(true);
    expect(await service.canResetPassword("jdoe", "svc-sspr")).toBe(false);
    expect(await service.resetPassword("svc-sspr", "jdoe", "Reset-2026x", { mustChange: true })).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_RIGHTS" } });
    expect(await service.resetPassword("svc-sspr", "jdoe", "Reset-2026x")).toEqual({ ok: true });
    expect(await service.changePassword("jdoe", "Reset-2026x", "Mine-2026xy")).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) await service.checkPassword("jdoe", "Wrong-2026x");
    expect((await service.findUser("jdoe"))?.lockedOut).toBe(true);
    expect(await service.unlock("svc-sspr", "jdoe")).toEqual({ ok: true });
    expect(await service.checkPassword("jdoe", "Mine-2026xy")).toEqual({ ok: true });
  });

  it("answers nested membership (the primary group too) and the policies", async () => {
    const { service } = setup();
    expect(await service.isMemberOf("svc-sspr", "IT Staff")).toBe(true);
    expect(await service.isMemberOf("svc-sspr", "Domain Users")).toBe(true);
    expect(await service.isMemberOf("jdoe", "IT Staff")).toBe(false);
    expect(await service.passwordPolicy()).toMatchObject({ minLength: 7, complexity: true, minAgeMs: 0 });
    expect(await service.lockoutPolicy()).toMatchObject({ threshold: 3 });
  });
});

describe("service logon through the directory", () => {
  it("accepts the service account's password and reports Windows' reason otherwise", () => {
    const { dir } = setup();
    const scm = dir.serviceLogonProvider();
    expect(scm.logon("CORP\\svc-sspr", "Service-2026x")).toEqual({ ok: true });
    expect(scm.logon("svc-sspr@corp.example", "Service-2026x")).toEqual({ ok: true });
    const wrong = scm.logon("CORP\\svc-sspr", "Stale-2025x");
    expect(wrong).toEqual({ ok: false, reason: expect.stringMatching(/^1326 .*data 52e/) });
    dir.setAccountEnabled("svc-sspr", false);
    expect(scm.logon("CORP\\svc-sspr", "Service-2026x")).toEqual({ ok: false, reason: expect.stringMatching(/^1331 /) });
  });

  it("locks the service account after repeated stale-password starts, like a real DC", () => {
    const { dir } = setup();
    const scm = dir.serviceLogonProvider();
    for (let i = 0; i < 3; i++) scm.logon("CORP\\svc-sspr", "Stale-2025x");
    expect(scm.logon("CORP\\svc-sspr", "Service-2026x")).toEqual({ ok: false, reason: expect.stringMatching(/^1909 /) });
  });
});
