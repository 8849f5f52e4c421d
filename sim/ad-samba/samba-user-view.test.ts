import type { Entry } from "ldapts";
import { describe, expect, it } from "vitest";
import { sambaUserView } from "./samba-user-view.ts";

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const fileTime = (ms: number) => String((BigInt(ms) + 11_644_473_600_000n) * 10_000n);
const entry = (attributes: Record<string, string>): Entry => ({ dn: "CN=jdoe,OU=Staff,DC=lab,DC=example", sAMAccountName: "jdoe", userPrincipalName: "jdoe@lab.example", ...attributes });
const view = (attributes: Record<string, string>, memberOf: string[] = []) => sambaUserView(entry(attributes), { observationWindowMs: 600_000, nowMs: NOW, memberOf });

describe("sambaUserView", () => {
  it("reads an enabled, unlocked user with a password", () => {
    expect(view({ userAccountControl: "512", pwdLastSet: fileTime(NOW - 1000), "msDS-User-Account-Control-Computed": "0" }, ["Helpdesk"])).toMatchObject({
      sAMAccountName: "jdoe",
      distinguishedName: "CN=jdoe,OU=Staff,DC=lab,DC=example",
      enabled: true,
      lockedOut: false,
      mustChangePassword: false,
      hasPassword: true,
      pwdLastSet: NOW - 1000,
      memberOf: ["Helpdesk"],
    });
  });

  it("reads disabled, locked out (AD's computed bit) and must change (pwdLastSet 0)", () => {
    expect(view({ userAccountControl: "514", pwdLastSet: fileTime(NOW) })).toMatchObject({ enabled: false });
    expect(view({ userAccountControl: "512", lockoutTime: fileTime(NOW - 5), "msDS-User-Account-Control-Computed": "16" })).toMatchObject({ lockedOut: true, lockoutTime: NOW - 5 });
    expect(view({ userAccountControl: "512", pwdLastSet: "0", "msDS-User-Account-Control-Computed": "8388608" })).toMatchObject({ mustChangePassword: true, passwordExpired: false });
    expect(view({ userAccountControl: String(512 | 0x10000), pwdLastSet: "0" })).toMatchObject({ mustChangePassword: false, passwordNeverExpires: true });
  });

  it("tells a disabled user who must change from one created without any password", () => {
    expect(view({ userAccountControl: "514", pwdLastSet: "0" })).toMatchObject({ hasPassword: true, mustChangePassword: true });
    expect(view({ userAccountControl: String(514 | 0x20), pwdLastSet: "0" })).toMatchObject({ hasPassword: false, mustChangePassword: false });
  });

  it("gives the effective badPwdCount: 0 once the observation window has passed", () => {
    expect(view({ userAccountControl: "512", badPwdCount: "2", badPasswordTime: fileTime(NOW - 599_999) }).badPwdCount).toBe(2);
    expect(view({ userAccountControl: "512", badPwdCount: "2", badPasswordTime: fileTime(NOW - 600_000) }).badPwdCount).toBe(0);
  });
});
