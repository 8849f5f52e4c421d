/**
 * Failures in Active Directory's own terms: the LDAP result code, the Windows
 * error AD puts in the diagnostic text ("data 52e", "0000052D"), and a message
 * shaped like the one a DC (Samba's wording where Windows has none) returns, so
 * a product can report exactly what an administrator would see.
 */
export type DirectoryErrorCode =
  | "CONSTRAINT_VIOLATION"
  | "INVALID_CREDENTIALS"
  | "ACCOUNT_LOCKED_OUT"
  | "ACCOUNT_DISABLED"
  | "PASSWORD_EXPIRED"
  | "MUST_CHANGE_PASSWORD"
  | "INSUFFICIENT_RIGHTS"
  | "NO_SUCH_OBJECT";

/** Which password rule refused a set or change (data for rules; products only see the message). */
export type PasswordRejectReason = "TOO_SHORT" | "NOT_COMPLEX" | "IN_HISTORY" | "TOO_YOUNG" | "CANNOT_CHANGE" | "WRONG_OLD_PASSWORD";

export interface DirectoryError {
  readonly code: DirectoryErrorCode;
  readonly ldapCode: number;
  readonly adData?: string;
  readonly message: string;
  readonly reason?: PasswordRejectReason;
}

export type DirectoryResult = { ok: true } | { ok: false; error: DirectoryError };

export const LDAP_CONSTRAINT_VIOLATION = 19;
export const LDAP_NO_SUCH_OBJECT = 32;
export const LDAP_INVALID_CREDENTIALS = 49;
export const LDAP_INSUFFICIENT_ACCESS = 50;

export const OK: DirectoryResult = Object.freeze({ ok: true }) as DirectoryResult;

export function fail(error: DirectoryError): { ok: false; error: DirectoryError } {
  return { ok: false, error };
}

/** A bind failure; `data` is the Windows error in hex as AD prints it (52e, 775, 533, 532, 773). */
export function bindError(code: DirectoryErrorCode, data: "52e" | "775" | "533" | "532" | "773"): DirectoryError {
  return {
    code,
    ldapCode: LDAP_INVALID_CREDENTIALS,
    adData: data,
    message: `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1`,
  };
}

export const invalidCredentials = (): DirectoryError => bindError("INVALID_CREDENTIALS", "52e");
export const lockedOut = (): DirectoryError => bindError("ACCOUNT_LOCKED_OUT", "775");
export const accountDisabled = (): DirectoryError => bindError("ACCOUNT_DISABLED", "533");
export const passwordExpired = (): DirectoryError => bindError("PASSWORD_EXPIRED", "532");
export const mustChangePassword = (): DirectoryError => bindError("MUST_CHANGE_PASSWORD", "773");

/** A password policy refusal: LDAP 19 with ERROR_PASSWORD_RESTRICTION (0x52D), in Samba's words. */
export function policyViolation(reason: PasswordRejectReason, detail: string): DirectoryError {
  return {
    code: "CONSTRAINT_VIOLATION",
    ldapCode: LDAP_CONSTRAINT_VIOLATION,
    adData: "0000052D",
    message: `0000052D: Constraint violation - check_password_restrictions: ${detail}`,
    reason,
  };
}

/** A change whose old password is wrong: LDAP 19 with ERROR_INVALID_PASSWORD (0x56). */
export function wrongOldPassword(): DirectoryError {
  return {
    code: "CONSTRAINT_VIOLATION",
    ldapCode: LDAP_CONSTRAINT_VIOLATION,
    adData: "00000056",
    message: "00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match!",
    reason: "WRONG_OLD_PASSWORD",
  };
}

/** A change attempted while the account is locked out: LDAP 19 with ERROR_ACCOUNT_LOCKED_OUT. */
export function changeWhileLockedOut(): DirectoryError {
  return {
    code: "ACCOUNT_LOCKED_OUT",
    ldapCode: LDAP_CONSTRAINT_VIOLATION,
    adData: "00000775",
    message: "00000775: Constraint violation - Password change not permitted, account locked out!",
  };
}

export function insufficientRights(what: string): DirectoryError {
  return {
    code: "INSUFFICIENT_RIGHTS",
    ldapCode: LDAP_INSUFFICIENT_ACCESS,
    adData: "00002098",
    message: `00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0 (${what})`,
  };
}

export function noSuchObject(name: string, bestMatch: string): DirectoryError {
  return {
    code: "NO_SUCH_OBJECT",
    ldapCode: LDAP_NO_SUCH_OBJECT,
    adData: "0000208D",
    message: `0000208D: NameErr: DSID-03100241, problem 2001 (NO_OBJECT), data 0, best match of: '${bestMatch}' (looking for ${name})`,
  };
}
