/** userAccountControl bits the lab reads and writes. */
export const UF_ACCOUNTDISABLE = 0x2;
/** Set by AD on a user created without a password (with ACCOUNTDISABLE). */
export const UF_PASSWD_NOTREQD = 0x20;
export const UF_NORMAL_ACCOUNT = 0x200;
export const UF_DONT_EXPIRE_PASSWD = 0x10000;
/** msDS-User-Account-Control-Computed bits: AD's own view of lockout and expiry, computed at read time. */
export const UF_LOCKOUT = 0x10;
export const UF_PASSWORD_EXPIRED = 0x800000;
/** pwdProperties: DOMAIN_PASSWORD_COMPLEX. */
export const DOMAIN_PASSWORD_COMPLEX = 0x1;

export function userAccountControl(options: { enabled: boolean; passwordNeverExpires: boolean }): number {
  return UF_NORMAL_ACCOUNT | (options.enabled ? 0 : UF_ACCOUNTDISABLE) | (options.passwordNeverExpires ? UF_DONT_EXPIRE_PASSWD : 0);
}
