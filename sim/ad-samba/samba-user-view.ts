import type { Entry } from "ldapts";
import type { UserView } from "../ad/index.ts";
import { UF_ACCOUNTDISABLE, UF_DONT_EXPIRE_PASSWD, UF_LOCKOUT, UF_PASSWD_NOTREQD, UF_PASSWORD_EXPIRED } from "./account-flags.ts";
import { fileTimeToMs } from "./ad-time.ts";
import { integer, text } from "./entry-values.ts";

/** What findUser reads of a user. */
export const USER_VIEW_ATTRIBUTES = [
  "sAMAccountName",
  "userPrincipalName",
  "displayName",
  "givenName",
  "sn",
  "mail",
  "mobile",
  "department",
  "description",
  "userAccountControl",
  "msDS-User-Account-Control-Computed",
  "pwdLastSet",
  "badPwdCount",
  "badPasswordTime",
  "lockoutTime",
] as const;

/**
 * A DC's user entry in the lab's UserView terms. Where AD stores a raw value
 * the lab's view derives, the derivation is the in-memory directory's:
 * - badPwdCount is the effective count: 0 once the observation window has
 *   passed since badPasswordTime (AD keeps the stale count until the next
 *   bad or good logon);
 * - hasPassword cannot be read over LDAP; it is false only for what AD makes
 *   of a user created without one (disabled, PASSWD_NOTREQD, pwdLastSet 0);
 * - serviceAccount is the lab's own mark and is always false here;
 * - cannotChangePassword is an ACL in AD, not read here (false).
 */
export function sambaUserView(entry: Entry, context: { observationWindowMs: number; nowMs: number; memberOf: readonly string[] }): UserView {
  const uac = integer(entry, "userAccountControl");
  const computed = integer(entry, "msDS-User-Account-Control-Computed");
  const enabled = (uac & UF_ACCOUNTDISABLE) === 0;
  const passwordNeverExpires = (uac & UF_DONT_EXPIRE_PASSWD) !== 0;
  const pwdLastSet = fileTimeToMs(text(entry, "pwdLastSet"));
  const hasPassword = pwdLastSet !== 0 || enabled || (uac & UF_PASSWD_NOTREQD) === 0;
  const rawBadCount = integer(entry, "badPwdCount");
  const badPasswordTime = fileTimeToMs(text(entry, "badPasswordTime"));
  const badPwdCount = rawBadCount > 0 && context.nowMs >= badPasswordTime + context.observationWindowMs ? 0 : rawBadCount;
  const optional = (name: string, attribute: string) => {
    const value = text(entry, attribute);
    return value === undefined ? {} : { [name]: value };
  };
  return {
    sAMAccountName: text(entry, "sAMAccountName") ?? "",
    userPrincipalName: text(entry, "userPrincipalName") ?? "",
    distinguishedName: entry.dn,
    ...optional("displayName", "displayName"),
    ...optional("givenName", "givenName"),
    ...optional("sn", "sn"),
    ...optional("mail", "mail"),
    ...optional("mobile", "mobile"),
    ...optional("department", "department"),
    ...optional("description", "description"),
    enabled,
    serviceAccount: false,
    passwordNeverExpires,
    cannotChangePassword: false,
    hasPassword,
    pwdLastSet,
    badPwdCount,
    lockoutTime: fileTimeToMs(text(entry, "lockoutTime")),
    lockedOut: (computed & UF_LOCKOUT) !== 0,
    passwordExpired: pwdLastSet !== 0 && (computed & UF_PASSWORD_EXPIRED) !== 0,
    mustChangePassword: pwdLastSet === 0 && !passwordNeverExpires && hasPassword,
    memberOf: [...context.memberOf],
  };
}
