import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Directory, type UserView } from "./index.ts";

const populated = (seed: number, users = 400, extra: Partial<Parameters<Directory["populate"]>[0]> = {}) => {
  const dir = new Directory(createContext(seed), { dnsName: "corp.example" });
  const summary = dir.populate({ users, departments: ["Sales", "Finance", "IT"], ...extra });
  const people = dir.users().filter((u) => u.sAMAccountName !== "Administrator");
  return { dir, summary, people };
};

const identity = (u: UserView) => [u.sAMAccountName, u.displayName, u.mobile, u.department, u.distinguishedName].join("|");

describe("population", () => {
  it("is the same for the same seed and different for another seed", () => {
    const a = populated(21).people.map(identity);
    const b = populated(21).people.map(identity);
    const c = populated(22).people.map(identity);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it("gives every user a unique sAMAccountName of at most 20 characters, with UPN, mail, mobile and a department OU", () => {
    const { people, summary } = populated(4, 2000, { departments: ["Sales"] });
    expect(people).toHaveLength(2000);
    const sams = new Set(people.map((u) => u.sAMAccountName.toLowerCase()));
    expect(sams.size).toBe(2000);
    expect(summary.departmentOus).toEqual(["OU=Sales,DC=corp,DC=example"]);
    const misfits = people.filter(
      (u) =>
        !/^[a-z]+\.[a-z]+[0-9]*$/.test(u.sAMAccountName) ||
        u.sAMAccountName.length > 20 ||
        u.userPrincipalName !== `${u.sAMAccountName}@corp.example` ||
        u.mail !== u.userPrincipalName ||
        !/^\+\d{8,}$/.test(u.mobile ?? "") ||
        !u.distinguishedName.endsWith(",OU=Sales,DC=corp,DC=example"),
    );
    expect(misfits).toEqual([]);
    // 2000 people from faker's name lists collide on first.last: the suffixes prove uniqueness was enforced.
    expect(people.some((u) => /\d$/.test(u.sAMAccountName))).toBe(true);
  });

  it("does not collide with accounts already in the directory", () => {
    const dir = new Directory(createContext(21), { dnsName: "corp.example" });
    const first = populated(21, 1).people[0]!.sAMAccountName;
    dir.createUser({ samAccountName: first, password: "Existing-2026" });
    dir.populate({ users: 1, departments: ["Sales", "Finance", "IT"] });
    expect(dir.userCount).toBe(3);
    expect(dir.user(`${first}2`)).toBeDefined();
  });

  it("shares the initial password, with must-change, and gives each user their own hash at the first change", () => {
    const { dir, people } = populated(8, 3, { initialPassword: "Welcome-2026!" });
    const [u1, u2] = people;
    expect(dir.checkPassword(u1!.sAMAccountName, "Welcome-2026!")).toMatchObject({ ok: false, error: { code: "MUST_CHANGE_PASSWORD" } });
    expect(dir.changePassword(u1!.sAMAccountName, "Welcome-2026!", "Own-Secret-77")).toEqual({ ok: true });
    expect(dir.checkPassword(u1!.sAMAccountName, "Own-Secret-77")).toEqual({ ok: true });
    expect(dir.checkPassword(u2!.sAMAccountName, "Own-Secret-77")).toMatchObject({ ok: false, error: { adData: "52e" } });
  });

  it("leaves users with a password nobody knows when no initial password is given, until a reset", () => {
    const { dir, people } = populated(8, 2);
    const sam = people[0]!.sAMAccountName;
    expect(dir.user(sam)).toMatchObject({ hasPassword: false, enabled: true, mustChangePassword: false });
    expect(dir.checkPassword(sam, "Welcome-2026!")).toMatchObject({ ok: false, error: { adData: "52e" } });
    expect(dir.resetPassword("Administrator", sam, "Fresh-Start-2026")).toEqual({ ok: true });
    expect(dir.checkPassword(sam, "Fresh-Start-2026")).toEqual({ ok: true });
  });

  it("refuses a silly size", () => {
    const dir = new Directory(createContext(1), { dnsName: "corp.example" });
    expect(() => dir.populate({ users: -1 })).toThrow(/users must be an integer/);
    expect(() => dir.populate({ users: 1, departments: [] })).toThrow(/at least one department/);
  });
});
