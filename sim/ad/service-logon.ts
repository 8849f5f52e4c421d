import type { DirectoryErrorCode, DirectoryResult } from "./directory-error.ts";

/** The interface a host's service control manager checks a service account's password through. */
export interface ServiceLogonProvider {
  logon(account: string, password: string): { ok: true } | { ok: false; reason: string };
}

/** The Windows error a failed service logon surfaces (the SCM then reports 1069). */
const WINDOWS_ERRORS: Partial<Record<DirectoryErrorCode, string>> = {
  INVALID_CREDENTIALS: "1326 (ERROR_LOGON_FAILURE): The user name or password is incorrect.",
  ACCOUNT_LOCKED_OUT: "1909 (ERROR_ACCOUNT_LOCKED_OUT): The referenced account is currently locked out and may not be logged on to.",
  ACCOUNT_DISABLED: "1331 (ERROR_ACCOUNT_DISABLED): This user can't sign in because this account is currently disabled.",
  PASSWORD_EXPIRED: "1330 (ERROR_PASSWORD_EXPIRED): The password for this account has expired.",
  MUST_CHANGE_PASSWORD: "1907 (ERROR_PASSWORD_MUST_CHANGE): The user's password must be changed before signing in.",
};

/** Adapts a directory bind to the SCM's logon check; each attempt counts toward lockout like any logon. */
export function serviceLogonProvider(authenticate: (account: string, password: string) => DirectoryResult): ServiceLogonProvider {
  return {
    logon(account, password) {
      const result = authenticate(account, password);
      if (result.ok) return { ok: true };
      const windows = WINDOWS_ERRORS[result.error.code] ?? result.error.message;
      return { ok: false, reason: `${windows} [LDAP ${result.error.ldapCode}, data ${result.error.adData ?? "-"}]` };
    },
  };
}
