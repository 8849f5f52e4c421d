import {
  LDAP_CONSTRAINT_VIOLATION,
  LDAP_INSUFFICIENT_ACCESS,
  LDAP_INVALID_CREDENTIALS,
  LDAP_NO_SUCH_OBJECT,
  type DirectoryError,
  type DirectoryErrorCode,
  type PasswordRejectReason,
} from "../ad/index.ts";

/** An LDAP result a directory operation can fail with, as the DC sent it. */
export interface LdapFailure {
  readonly ldapCode: number;
  /** The diagnostic message, without the client library's " Code: 0x.." suffix. */
  readonly diagnostic: string;
}

const BIND_CODES: Readonly<Record<string, DirectoryErrorCode>> = {
  "52e": "INVALID_CREDENTIALS",
  "775": "ACCOUNT_LOCKED_OUT",
  "533": "ACCOUNT_DISABLED",
  "532": "PASSWORD_EXPIRED",
  "773": "MUST_CHANGE_PASSWORD",
};

/** Samba's check_password_restrictions wording, mapped to the lab's reasons. */
const REJECT_REASONS: ReadonlyArray<readonly [RegExp, PasswordRejectReason]> = [
  [/too short/i, "TOO_SHORT"],
  [/complexity/i, "NOT_COMPLEX"],
  // "already used (in history)", and "(previous password)" for the current one.
  [/already used/i, "IN_HISTORY"],
  [/too young/i, "TOO_YOUNG"],
  [/can't be changed|cannot be changed/i, "CANNOT_CHANGE"],
];

/**
 * Reads a DC's refusal in the lab's terms (the same DirectoryError the
 * in-memory directory builds), keeping the DC's own message. Returns
 * undefined for an answer that is not a directory refusal at all (a protocol
 * error, an unwilling-to-perform): the caller reports those as failures of
 * the backend, not as outcomes.
 */
export function directoryErrorFromLdap(failure: LdapFailure): DirectoryError | undefined {
  const { ldapCode, diagnostic } = failure;
  const prefix = /^([0-9A-Fa-f]{8}):/.exec(diagnostic)?.[1]?.toUpperCase();
  const base = (code: DirectoryErrorCode, adData: string | undefined, reason?: PasswordRejectReason): DirectoryError => ({
    code,
    ldapCode,
    ...(adData === undefined ? {} : { adData }),
    message: diagnostic,
    ...(reason === undefined ? {} : { reason }),
  });
  switch (ldapCode) {
    case LDAP_INVALID_CREDENTIALS: {
      // "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1"
      const data = /\bdata ([0-9a-f]+)\b/i.exec(diagnostic)?.[1]?.toLowerCase();
      return base((data === undefined ? undefined : BIND_CODES[data]) ?? "INVALID_CREDENTIALS", data);
    }
    case LDAP_CONSTRAINT_VIOLATION: {
      if (prefix === "00000775") return base("ACCOUNT_LOCKED_OUT", prefix);
      if (prefix === "00000056") return base("CONSTRAINT_VIOLATION", prefix, "WRONG_OLD_PASSWORD");
      const reason = REJECT_REASONS.find(([pattern]) => pattern.test(diagnostic))?.[1];
      return base("CONSTRAINT_VIOLATION", prefix, reason);
    }
    case LDAP_INSUFFICIENT_ACCESS:
      return base("INSUFFICIENT_RIGHTS", prefix);
    case LDAP_NO_SUCH_OBJECT:
      return base("NO_SUCH_OBJECT", prefix);
    default:
      return undefined;
  }
}

/** The LDAP code and diagnostic of an error thrown by the LDAP client, or undefined for anything else. */
export function ldapFailureOf(error: unknown): LdapFailure | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== "number" || typeof message !== "string") return undefined;
  return { ldapCode: code, diagnostic: message.replace(/\s*Code: 0x[0-9a-f]+$/i, "").trim() };
}
