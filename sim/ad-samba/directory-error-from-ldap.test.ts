import { describe, expect, it } from "vitest";
import { directoryErrorFromLdap, ldapFailureOf } from "./index.ts";

const bind = (data: string) => ({ ldapCode: 49, diagnostic: `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1` });
const restriction = (text: string) => ({ ldapCode: 19, diagnostic: `0000052D: Constraint violation - check_password_restrictions: ${text}` });

describe("directoryErrorFromLdap (Samba 4.17's wording)", () => {
  it("reads the bind data codes", () => {
    expect(directoryErrorFromLdap(bind("52e"))).toMatchObject({ code: "INVALID_CREDENTIALS", ldapCode: 49, adData: "52e" });
    expect(directoryErrorFromLdap(bind("775"))).toMatchObject({ code: "ACCOUNT_LOCKED_OUT", adData: "775" });
    expect(directoryErrorFromLdap(bind("533"))).toMatchObject({ code: "ACCOUNT_DISABLED", adData: "533" });
    expect(directoryErrorFromLdap(bind("532"))).toMatchObject({ code: "PASSWORD_EXPIRED", adData: "532" });
    expect(directoryErrorFromLdap(bind("773"))).toMatchObject({ code: "MUST_CHANGE_PASSWORD", adData: "773" });
    // A data code the lab has no name for is still a failed bind, with its code kept.
    expect(directoryErrorFromLdap(bind("701"))).toMatchObject({ code: "INVALID_CREDENTIALS", adData: "701" });
  });

  it("reads password restrictions into the lab's reasons, the DC's message kept", () => {
    const short = directoryErrorFromLdap(restriction("the password is too short. It should be equal or longer than 7 characters!"));
    expect(short).toMatchObject({ code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "0000052D", reason: "TOO_SHORT" });
    expect(short?.message).toMatch(/too short/);
    expect(directoryErrorFromLdap(restriction("the password does not meet the complexity criteria!"))?.reason).toBe("NOT_COMPLEX");
    expect(directoryErrorFromLdap(restriction("the password was already used (in history)!"))?.reason).toBe("IN_HISTORY");
    expect(directoryErrorFromLdap(restriction("the password was already used (previous password)!"))?.reason).toBe("IN_HISTORY");
    expect(directoryErrorFromLdap(restriction("password is too young to change!"))?.reason).toBe("TOO_YOUNG");
    expect(directoryErrorFromLdap(restriction("something new"))).toMatchObject({ code: "CONSTRAINT_VIOLATION", adData: "0000052D" });
    expect(directoryErrorFromLdap(restriction("something new"))?.reason).toBeUndefined();
  });

  it("reads a wrong old password and a change while locked out", () => {
    expect(directoryErrorFromLdap({ ldapCode: 19, diagnostic: "00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match!" })).toMatchObject({
      code: "CONSTRAINT_VIOLATION",
      adData: "00000056",
      reason: "WRONG_OLD_PASSWORD",
    });
    expect(directoryErrorFromLdap({ ldapCode: 19, diagnostic: "00000775: Password change not permitted, account locked out! at ../../source4/dsdb/samdb/ldb_modules/password_hash.c:3929:setup_io" })).toMatchObject({
      code: "ACCOUNT_LOCKED_OUT",
      ldapCode: 19,
      adData: "00000775",
    });
  });

  it("reads refused rights with the data code when Samba gives one, without it when not", () => {
    expect(directoryErrorFromLdap({ ldapCode: 50, diagnostic: "00002098: Object CN=x,OU=Staff,DC=lab,DC=example has no write property access" })).toMatchObject({ code: "INSUFFICIENT_RIGHTS", adData: "00002098" });
    const bare = directoryErrorFromLdap({ ldapCode: 50, diagnostic: "error in module acl: insufficient access rights during LDB_MODIFY (50)" });
    expect(bare).toMatchObject({ code: "INSUFFICIENT_RIGHTS", ldapCode: 50 });
    expect(bare?.adData).toBeUndefined();
    expect(directoryErrorFromLdap({ ldapCode: 32, diagnostic: "0000208D: NameErr: no such object" })).toMatchObject({ code: "NO_SUCH_OBJECT", adData: "0000208D" });
  });

  it("has no directory meaning for other answers", () => {
    expect(directoryErrorFromLdap({ ldapCode: 53, diagnostic: "00002035: setup_io: it's not allowed to set the NT hash password directly'" })).toBeUndefined();
    expect(directoryErrorFromLdap({ ldapCode: 1, diagnostic: "operations error" })).toBeUndefined();
  });
});

describe("ldapFailureOf", () => {
  it("takes the code and the diagnostic without the client's suffix", () => {
    const error = Object.assign(new Error("00000056: Constraint violation Code: 0x13"), { code: 19 });
    expect(ldapFailureOf(error)).toEqual({ ldapCode: 19, diagnostic: "00000056: Constraint violation" });
  });

  it("is undefined for errors that are not LDAP results (a refused connection)", () => {
    expect(ldapFailureOf(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:636"), { code: "ECONNREFUSED" }))).toBeUndefined();
    expect(ldapFailureOf("boom")).toBeUndefined();
  });
});
