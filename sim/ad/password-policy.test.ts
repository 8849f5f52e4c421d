import { describe, expect, it } from "vitest";
import { createContext, isLabError } from "../kernel/index.ts";
import { Directory, type DirectoryResult } from "./index.ts";

const DAY = 86_400_000;

function domain(policy: ConstructorParameters<typeof Directory>[1]["passwordPolicy"] = {}) {
  const ctx = createContext(7);
  const dir = new Directory(ctx, { dnsName: "corp.example", passwordPolicy: { minLength: 8, historyCount: 3, minAgeMs: 1 * DAY, maxAgeMs: 30 * DAY, ...policy } });
  dir.createUser({ samAccountName: "jdoe", givenName: "Jane", surname: "Doe", password: "Start-2026" });
  return { ctx, dir };
}

const errorOf = (r: DirectoryResult) => (r.ok ? undefined : r.error);

describe("password policy on change", () => {
  it("refuses a password shorter than minLength with LDAP 19 / 0000052D, and accepts one long enough", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(2 * DAY);
    expect(errorOf(dir.changePassword("jdoe", "Start-2026", "Ab-1234"))).toMatchObject({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "0000052D", reason: "TOO_SHORT" });
    expect(dir.changePassword("jdoe", "Start-2026", "Ab-12345")).toEqual({ ok: true });
  });

  it("refuses a password that is not complex, and accepts it when complexity is off", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(2 * DAY);
    expect(errorOf(dir.changePassword("jdoe", "Start-2026", "longlowercase"))).toMatchObject({ code: "CONSTRAINT_VIOLATION", reason: "NOT_COMPLEX" });
    expect(errorOf(dir.changePassword("jdoe", "Start-2026", "Jane-Rocks-1"))).toMatchObject({ reason: "NOT_COMPLEX" }); // display-name token
    dir.setPasswordPolicy({ complexity: false });
    expect(dir.changePassword("jdoe", "Start-2026", "longlowercase")).toEqual({ ok: true });
  });

  it("refuses a password still in the history (the current one included) and accepts one that has left it", () => {
    const { ctx, dir } = domain();
    const passwords = ["Start-2026", "Second-2026", "Third-2026", "Fourth-2026"];
    for (let i = 1; i < passwords.length; i++) {
      ctx.clock.advance(2 * DAY);
      expect(dir.changePassword("jdoe", passwords[i - 1]!, passwords[i]!)).toEqual({ ok: true });
    }
    ctx.clock.advance(2 * DAY);
    // historyCount 3 keeps Fourth (current), Third and Second.
    expect(errorOf(dir.changePassword("jdoe", "Fourth-2026", "Fourth-2026"))).toMatchObject({ reason: "IN_HISTORY", adData: "0000052D" });
    expect(errorOf(dir.changePassword("jdoe", "Fourth-2026", "Second-2026"))).toMatchObject({ reason: "IN_HISTORY" });
    expect(dir.changePassword("jdoe", "Fourth-2026", "Start-2026")).toEqual({ ok: true });
  });

  it("allows reusing the current password when the history count is 0", () => {
    const { ctx, dir } = domain({ historyCount: 0 });
    ctx.clock.advance(2 * DAY);
    expect(dir.changePassword("jdoe", "Start-2026", "Start-2026")).toEqual({ ok: true });
  });

  it("refuses a change before the minimum age and allows it after", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(DAY - 1);
    expect(errorOf(dir.changePassword("jdoe", "Start-2026", "Next-2026x"))).toMatchObject({ code: "CONSTRAINT_VIOLATION", reason: "TOO_YOUNG" });
    ctx.clock.advance(1);
    expect(dir.changePassword("jdoe", "Start-2026", "Next-2026x")).toEqual({ ok: true });
  });

  it("refuses a wrong old password with 00000056 and changes nothing", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(2 * DAY);
    expect(errorOf(dir.changePassword("jdoe", "Wrong-2026", "Next-2026x"))).toMatchObject({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "00000056", reason: "WRONG_OLD_PASSWORD" });
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
  });

  it("refuses changes on a 'user cannot change password' account, which a reset still overrides", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(2 * DAY);
    dir.setUserFlags("jdoe", { cannotChangePassword: true });
    expect(errorOf(dir.changePassword("jdoe", "Start-2026", "Next-2026x"))).toMatchObject({ reason: "CANNOT_CHANGE" });
    expect(dir.resetPassword("Administrator", "jdoe", "Next-2026x")).toEqual({ ok: true });
    dir.setUserFlags("jdoe", { cannotChangePassword: false });
    ctx.clock.advance(2 * DAY);
    expect(dir.changePassword("jdoe", "Next-2026x", "Later-2026")).toEqual({ ok: true });
  });
});

describe("reset versus change", () => {
  it("a reset skips history and minimum age but still checks length and complexity", () => {
    const { dir } = domain();
    // Immediately (min age not reached) and to the current password (in history): both fine for a reset.
    expect(dir.resetPassword("Administrator", "jdoe", "Start-2026")).toEqual({ ok: true });
    expect(errorOf(dir.resetPassword("Administrator", "jdoe", "short1A"))).toMatchObject({ reason: "TOO_SHORT" });
    expect(errorOf(dir.resetPassword("Administrator", "jdoe", "alllowercase"))).toMatchObject({ reason: "NOT_COMPLEX" });
  });

  it("records a reset password in the history, so a later change cannot go back to it", () => {
    const { ctx, dir } = domain();
    expect(dir.resetPassword("Administrator", "jdoe", "Reset-2026")).toEqual({ ok: true });
    ctx.clock.advance(2 * DAY);
    expect(dir.changePassword("jdoe", "Reset-2026", "Other-2026")).toEqual({ ok: true });
    ctx.clock.advance(2 * DAY);
    expect(errorOf(dir.changePassword("jdoe", "Other-2026", "Reset-2026"))).toMatchObject({ reason: "IN_HISTORY" });
  });
});

describe("expiry, must change and disabled accounts at logon", () => {
  it("expires a password after maxAge (532) and not before; a change still works", () => {
    const { ctx, dir } = domain();
    ctx.clock.advance(30 * DAY - 1);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
    ctx.clock.advance(1);
    expect(errorOf(dir.checkPassword("jdoe", "Start-2026"))).toMatchObject({ code: "PASSWORD_EXPIRED", ldapCode: 49, adData: "532" });
    expect(dir.user("jdoe")?.passwordExpired).toBe(true);
    expect(dir.changePassword("jdoe", "Start-2026", "Fresh-2026")).toEqual({ ok: true });
    expect(dir.checkPassword("jdoe", "Fresh-2026")).toEqual({ ok: true });
  });

  it("never expires a password with passwordNeverExpires or a maxAge of 0", () => {
    const { ctx, dir } = domain();
    dir.setUserFlags("jdoe", { passwordNeverExpires: true });
    ctx.clock.advance(365 * DAY);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
    const other = domain({ maxAgeMs: 0 });
    other.ctx.clock.advance(365 * DAY);
    expect(other.dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
  });

  it("answers 773 while pwdLastSet is 0, until the user changes the password (no minimum age then)", () => {
    const { dir } = domain();
    expect(dir.resetPassword("Administrator", "jdoe", "Temp-2026x", { mustChange: true })).toEqual({ ok: true });
    expect(dir.user("jdoe")).toMatchObject({ pwdLastSet: 0, mustChangePassword: true });
    expect(errorOf(dir.checkPassword("jdoe", "Temp-2026x"))).toMatchObject({ code: "MUST_CHANGE_PASSWORD", adData: "773" });
    expect(dir.changePassword("jdoe", "Temp-2026x", "Mine-2026x")).toEqual({ ok: true });
    expect(dir.checkPassword("jdoe", "Mine-2026x")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.mustChangePassword).toBe(false);
  });

  it("answers 52e, not 773, when the password is wrong", () => {
    const { dir } = domain();
    dir.resetPassword("Administrator", "jdoe", "Temp-2026x", { mustChange: true });
    expect(errorOf(dir.checkPassword("jdoe", "Nope-2026x"))).toMatchObject({ code: "INVALID_CREDENTIALS", adData: "52e" });
  });

  it("refuses a disabled account with 533 for the right password, 52e for a wrong one, and logs it on once enabled", () => {
    const { dir } = domain();
    dir.setAccountEnabled("jdoe", false);
    expect(errorOf(dir.checkPassword("jdoe", "Start-2026"))).toMatchObject({ code: "ACCOUNT_DISABLED", ldapCode: 49, adData: "533" });
    expect(errorOf(dir.checkPassword("jdoe", "Nope-2026"))).toMatchObject({ code: "INVALID_CREDENTIALS", adData: "52e" });
    dir.setAccountEnabled("jdoe", true);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
  });
});

describe("policy and account setup errors", () => {
  it("refuses policies a DC would refuse", () => {
    const ctx = createContext(1);
    const attempt = (p: object) => () => new Directory(ctx, { dnsName: "corp.example", passwordPolicy: p });
    expect(attempt({ minAgeMs: 10 * DAY, maxAgeMs: 5 * DAY })).toThrow(/minimum password age/);
    expect(attempt({ historyCount: 25 })).toThrow(/historyCount/);
    expect(attempt({ minLength: -1 })).toThrow(/minLength/);
    expect(attempt({ minAgeMs: 1 * DAY, maxAgeMs: 0 })).not.toThrow();
    expect(() => new Directory(ctx, { dnsName: "corp.example", lockoutPolicy: { threshold: 3, durationMs: 60_000, observationWindowMs: 120_000 } })).toThrow(/observation window/);
    expect(() => new Directory(ctx, { dnsName: "corp.example", administratorPassword: "short" })).toThrow(/administrator password was refused/);
    const withAdmin = new Directory(ctx, { dnsName: "corp.example", administratorPassword: "Long-Enough-1" });
    expect(withAdmin.checkPassword("CORP\\Administrator", "Long-Enough-1")).toEqual({ ok: true });
  });

  it("refuses creating a user with a non-compliant password, with AD's error in the details", () => {
    const { dir } = domain();
    try {
      dir.createUser({ samAccountName: "weak", password: "weak" });
      expect.unreachable();
    } catch (e) {
      expect(isLabError(e) && e.code).toBe("AD_CONSTRAINT_VIOLATION");
      expect(isLabError(e) && e.details).toMatchObject({ ldapCode: 19, adData: "0000052D" });
    }
  });

  it("creates a user without a password disabled, as AD does", () => {
    const { dir } = domain();
    expect(dir.createUser({ samAccountName: "nopw" })).toMatchObject({ enabled: false, hasPassword: false });
    expect(errorOf(dir.checkPassword("nopw", "Anything-1"))).toMatchObject({ adData: "52e" });
  });
});
