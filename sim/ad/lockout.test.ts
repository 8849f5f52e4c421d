import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, type DirectoryResult, type LockoutPolicy } from "./index.ts";

const MIN = 60_000;
const DAY = 86_400_000;

function domain(lockout: Partial<LockoutPolicy> = {}) {
  const ctx = createContext(11);
  const dir = new Directory(ctx, {
    dnsName: "corp.example",
    passwordPolicy: { minAgeMs: 0, historyCount: 5 },
    lockoutPolicy: { threshold: 3, durationMs: 30 * MIN, observationWindowMs: 10 * MIN, ...lockout },
  });
  dir.createUser({ samAccountName: "jdoe", password: "Start-2026" });
  dir.createUser({ samAccountName: "helpdesk", password: "Support-2026" });
  return { ctx, dir };
}

const code = (r: DirectoryResult) => (r.ok ? "OK" : `${r.error.code}/${r.error.adData}`);
const fail = (dir: Directory, n: number) => Array.from({ length: n }, () => code(dir.checkPassword("jdoe", "Wrong-2026")));

describe("lockout on the lab clock", () => {
  it("locks at the threshold within the observation window, then refuses even the right password with 775", () => {
    const { dir } = domain();
    expect(fail(dir, 2)).toEqual(["INVALID_CREDENTIALS/52e", "INVALID_CREDENTIALS/52e"]);
    expect(dir.user("jdoe")).toMatchObject({ badPwdCount: 2, lockedOut: false });
    expect(fail(dir, 1)).toEqual(["INVALID_CREDENTIALS/52e"]);
    expect(dir.user("jdoe")).toMatchObject({ badPwdCount: 3, lockedOut: true });
    expect(code(dir.checkPassword("jdoe", "Start-2026"))).toBe("ACCOUNT_LOCKED_OUT/775");
  });

  it("does not lock when the bad passwords are spread beyond the observation window", () => {
    const { ctx, dir } = domain();
    fail(dir, 2);
    ctx.clock.advance(10 * MIN);
    expect(dir.user("jdoe")?.badPwdCount).toBe(0);
    fail(dir, 2);
    expect(dir.user("jdoe")).toMatchObject({ badPwdCount: 2, lockedOut: false });
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.badPwdCount).toBe(0);
  });

  it("never locks with a threshold of 0", () => {
    const { dir } = domain({ threshold: 0 });
    fail(dir, 50);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
  });

  it("unlocks by itself once the duration has passed, and not a moment before", () => {
    const { ctx, dir } = domain();
    fail(dir, 3);
    ctx.clock.advance(30 * MIN - 1);
    expect(code(dir.checkPassword("jdoe", "Start-2026"))).toBe("ACCOUNT_LOCKED_OUT/775");
    ctx.clock.advance(1);
    expect(dir.user("jdoe")?.lockedOut).toBe(false);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
    expect(dir.user("jdoe")).toMatchObject({ lockoutTime: 0, badPwdCount: 0 });
  });

  it("stays locked with a duration of 0 until an administrator unlocks", () => {
    const { ctx, dir } = domain({ durationMs: 0 });
    fail(dir, 3);
    ctx.clock.advance(30 * DAY);
    expect(code(dir.checkPassword("jdoe", "Start-2026"))).toBe("ACCOUNT_LOCKED_OUT/775");
    expect(dir.unlock("Administrator", "jdoe")).toEqual({ ok: true });
    expect(dir.user("jdoe")).toMatchObject({ lockedOut: false, badPwdCount: 0, lockoutTime: 0 });
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
  });

  it("lets only an actor with Write lockoutTime unlock", () => {
    const { dir } = domain();
    fail(dir, 3);
    expect(code(dir.unlock("helpdesk", "jdoe"))).toBe("INSUFFICIENT_RIGHTS/00002098");
    expect(dir.user("jdoe")?.lockedOut).toBe(true);
    dir.delegate(dir.usersContainerDn, "helpdesk", ["WriteLockoutTime"]);
    expect(dir.unlock("helpdesk", "jdoe")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.lockedOut).toBe(false);
  });

  it("a reset does not unlock unless asked to", () => {
    const { dir } = domain();
    fail(dir, 3);
    expect(dir.resetPassword("Administrator", "jdoe", "Reset-2026")).toEqual({ ok: true });
    expect(code(dir.checkPassword("jdoe", "Reset-2026"))).toBe("ACCOUNT_LOCKED_OUT/775");
    expect(dir.resetPassword("Administrator", "jdoe", "Reset-2027", { unlock: true })).toEqual({ ok: true });
    expect(dir.checkPassword("jdoe", "Reset-2027")).toEqual({ ok: true });
  });

  it("counts a wrong old password in a change, and refuses any change while locked", () => {
    const { dir } = domain();
    for (let i = 0; i < 3; i++) expect(code(dir.changePassword("jdoe", "Wrong-2026", "Next-2026x"))).toBe("CONSTRAINT_VIOLATION/00000056");
    expect(dir.user("jdoe")?.lockedOut).toBe(true);
    const locked = dir.changePassword("jdoe", "Start-2026", "Next-2026x");
    expect(locked).toMatchObject({ ok: false, error: { code: "ACCOUNT_LOCKED_OUT", ldapCode: 19, adData: "00000775" } });
  });

  it("keeps badPwdCount through a successful change (only a good logon clears it), as Windows and Samba do", () => {
    const { dir } = domain({ threshold: 5 });
    expect(code(dir.changePassword("jdoe", "Wrong-2026", "Next-2026x"))).toBe("CONSTRAINT_VIOLATION/00000056");
    expect(dir.changePassword("jdoe", "Start-2026", "Next-2026x")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.badPwdCount).toBe(1);
    expect(dir.checkPassword("jdoe", "Next-2026x")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.badPwdCount).toBe(0);
  });

  it("clears badPwdCount only on a logon that succeeds, not on the right password of a disabled account", () => {
    const { dir } = domain();
    fail(dir, 2);
    dir.setAccountEnabled("jdoe", false);
    expect(code(dir.checkPassword("jdoe", "Start-2026"))).toBe("ACCOUNT_DISABLED/533");
    expect(dir.user("jdoe")?.badPwdCount).toBe(2);
    dir.setAccountEnabled("jdoe", true);
    expect(dir.checkPassword("jdoe", "Start-2026")).toEqual({ ok: true });
    expect(dir.user("jdoe")?.badPwdCount).toBe(0);
  });

  it("does not count a wrong password that is one of the two previous ones (n-2), but counts an older one", () => {
    const { dir } = domain();
    const history = ["Start-2026", "Pass-2026a", "Pass-2026b", "Pass-2026c"];
    for (let i = 1; i < history.length; i++) dir.changePassword("jdoe", history[i - 1]!, history[i]!);
    // Current is Pass-2026c; the two previous are Pass-2026b and Pass-2026a.
    for (let i = 0; i < 5; i++) dir.checkPassword("jdoe", "Pass-2026b");
    for (let i = 0; i < 5; i++) dir.checkPassword("jdoe", "Pass-2026a");
    expect(dir.user("jdoe")).toMatchObject({ badPwdCount: 0, lockedOut: false });
    dir.checkPassword("jdoe", "Start-2026");
    expect(dir.user("jdoe")?.badPwdCount).toBe(1);
  });
});
