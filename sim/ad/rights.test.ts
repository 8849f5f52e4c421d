import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, type DirectoryResult } from "./index.ts";

const SALES = "OU=Sales,DC=corp,DC=example";
const FINANCE = "OU=Finance,DC=corp,DC=example";

function domain() {
  const ctx = createContext(3);
  const dir = new Directory(ctx, { dnsName: "corp.example", passwordPolicy: { minAgeMs: 0 } });
  dir.createOu(SALES);
  dir.createOu(`OU=East,${SALES}`);
  dir.createOu(FINANCE);
  dir.createUser({ samAccountName: "alice", ou: `OU=East,${SALES}`, password: "Start-Pass-1a" });
  dir.createUser({ samAccountName: "bob", ou: FINANCE, password: "Start-Pass-1b" });
  dir.createUser({ samAccountName: "sspr-svc", password: "Service-Pass-1" });
  dir.createUser({ samAccountName: "helper", password: "Start-Pass-1h" });
  dir.createUser({ samAccountName: "admin2", ou: SALES, password: "Start-Pass-1d" });
  dir.addToGroup("Domain Admins", "admin2");
  return { ctx, dir };
}

const code = (r: DirectoryResult) => (r.ok ? "OK" : `${r.error.code}/${r.error.ldapCode}`);

describe("who may reset whose password", () => {
  it("lets Domain Admins and Enterprise Admins (through Administrators) reset anyone", () => {
    const { dir } = domain();
    dir.addToGroup("Enterprise Admins", "helper");
    expect(dir.canReset("Administrator", "bob")).toBe(true);
    expect(dir.canReset("admin2", "alice")).toBe(true);
    expect(dir.canReset("helper", "admin2")).toBe(true);
    expect(dir.rightsOver("admin2", "bob")?.basis).toBe("administrators");
    expect(dir.resetPassword("admin2", "bob", "Reset-Pass-1b")).toEqual({ ok: true });
  });

  it("refuses an actor with no rights with LDAP 50 and leaves the password alone", () => {
    const { dir } = domain();
    expect(dir.canReset("sspr-svc", "alice")).toBe(false);
    const result = dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a");
    expect(result).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_RIGHTS", ldapCode: 50, adData: "00002098" } });
    expect(dir.checkPassword("alice", "Start-Pass-1a")).toEqual({ ok: true });
  });

  it("lets a delegated account reset users anywhere below the OU, and not outside it", () => {
    const { dir } = domain();
    dir.delegate(SALES, "sspr-svc", ["ResetPassword"]);
    expect(dir.canReset("sspr-svc", "alice")).toBe(true); // in OU=East under OU=Sales: inherited
    expect(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a")).toEqual({ ok: true });
    expect(dir.canReset("sspr-svc", "bob")).toBe(false); // OU=Finance
    expect(code(dir.resetPassword("sspr-svc", "bob", "Reset-Pass-1b"))).toBe("INSUFFICIENT_RIGHTS/50");
  });

  it("grants delegation to the members of a trustee group, nested", () => {
    const { dir } = domain();
    dir.createGroup("SSPR Operators");
    dir.createGroup("Tier1");
    dir.addToGroup("SSPR Operators", "Tier1");
    dir.delegate(SALES, "SSPR Operators", ["ResetPassword"]);
    expect(dir.canReset("helper", "alice")).toBe(false);
    dir.addToGroup("Tier1", "helper");
    expect(dir.canReset("helper", "alice")).toBe(true);
    dir.removeFromGroup("Tier1", "helper");
    expect(dir.canReset("helper", "alice")).toBe(false);
  });

  it("keeps protected accounts out of OU delegation and Account Operators (AdminSDHolder)", () => {
    const { dir } = domain();
    dir.delegate(SALES, "sspr-svc", ["ResetPassword", "ReadWriteUserProperties"]);
    dir.addToGroup("Account Operators", "helper");
    expect(dir.rightsOver("sspr-svc", "admin2")?.basis).toBe("protected-account");
    expect(dir.canReset("sspr-svc", "admin2")).toBe(false);
    expect(dir.canReset("helper", "admin2")).toBe(false);
    expect(dir.canReset("helper", "bob")).toBe(true);
    expect(dir.rightsOver("helper", "bob")?.basis).toBe("account-operators");
    dir.removeFromGroup("Domain Admins", "admin2");
    expect(dir.canReset("sspr-svc", "admin2")).toBe(true);
  });

  it("needs Write pwdLastSet to force a change and Write lockoutTime to unlock with a reset", () => {
    const { dir } = domain();
    dir.delegate(SALES, "sspr-svc", ["ResetPassword"]);
    expect(code(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a", { mustChange: true }))).toBe("INSUFFICIENT_RIGHTS/50");
    expect(code(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a", { unlock: true }))).toBe("INSUFFICIENT_RIGHTS/50");
    expect(dir.checkPassword("alice", "Start-Pass-1a")).toEqual({ ok: true });
    dir.delegate(SALES, "sspr-svc", ["WritePwdLastSet", "WriteLockoutTime"]);
    expect(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a", { mustChange: true, unlock: true })).toEqual({ ok: true });
    expect(dir.user("alice")?.mustChangePassword).toBe(true);
  });

  it("changes need no delegation: the user's own old password is the proof", () => {
    const { dir } = domain();
    expect(dir.canReset("alice", "alice")).toBe(false);
    expect(dir.changePassword("alice", "Start-Pass-1a", "Next-Pass-2a")).toEqual({ ok: true });
  });

  it("refuses when the acting account cannot log on itself (disabled, expired), and answers NO_SUCH_OBJECT for an unknown target", () => {
    const { ctx, dir } = domain();
    dir.delegate(SALES, "sspr-svc", ["ResetPassword"]);
    dir.setAccountEnabled("sspr-svc", false);
    expect(code(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a"))).toBe("ACCOUNT_DISABLED/49");
    dir.setAccountEnabled("sspr-svc", true);
    expect(code(dir.resetPassword("sspr-svc", "nobody", "Reset-Pass-1a"))).toBe("NO_SUCH_OBJECT/32");
    expect(code(dir.resetPassword("ghost", "alice", "Reset-Pass-1a"))).toBe("INVALID_CREDENTIALS/49");
    expect(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-1a")).toEqual({ ok: true });
    ctx.clock.advance(43 * 86_400_000); // past the default 42-day maximum age
    expect(code(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-2a"))).toBe("PASSWORD_EXPIRED/49");
    dir.setUserFlags("sspr-svc", { passwordNeverExpires: true });
    expect(dir.resetPassword("sspr-svc", "alice", "Reset-Pass-2a")).toEqual({ ok: true });
  });

  it("revoking a delegation takes the right away", () => {
    const { dir } = domain();
    dir.delegate(SALES, "sspr-svc", ["ResetPassword"]);
    expect(dir.revokeDelegation(SALES, "sspr-svc")).toBe(1);
    expect(dir.canReset("sspr-svc", "alice")).toBe(false);
  });

  it("lets a joined computer's account act when delegated (a service running as LocalSystem)", () => {
    const { dir } = domain();
    dir.joinComputer("APP01");
    dir.delegate(SALES, "APP01$", ["ResetPassword"]);
    expect(dir.resetPassword("CORP\\APP01$", "alice", "Reset-Pass-1a")).toEqual({ ok: true });
    dir.unjoinComputer("APP01");
    expect(code(dir.resetPassword("APP01$", "alice", "Reset-Pass-2a"))).toBe("ACCOUNT_DISABLED/49");
  });

  it("refuses unknown rights and trustees with a clear error", () => {
    const { dir } = domain();
    expect(() => dir.delegate(SALES, "sspr-svc", ["Reset" as never])).toThrow(/rights must be some of/);
    expect(() => dir.delegate(SALES, "nobody", ["ResetPassword"])).toThrow(/no user, group or computer "nobody"/);
    expect(() => dir.delegate("OU=Nowhere,DC=corp,DC=example", "sspr-svc", ["ResetPassword"])).toThrow(/NO_OBJECT/);
  });
});
