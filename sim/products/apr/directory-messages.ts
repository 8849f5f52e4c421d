import type { DirectoryFailure } from "./directory-port.ts";

/**
 * The directory's error, as the user reads it on the Web Interface. AD's own
 * code stays in the reply (and the audit log) for the administrator.
 */
export function userMessageFor(error: DirectoryFailure, op: "enroll" | "reset" | "change"): string {
  switch (error.code) {
    case "CONSTRAINT_VIOLATION":
      if (error.adData === "00000056") return "Your old password is incorrect.";
      return "The new password does not meet the domain's password policy (length, complexity, history or minimum age). Choose another password.";
    case "INSUFFICIENT_RIGHTS":
      return "Password Reset is not permitted to reset your password (the service account lacks the right). Contact your helpdesk.";
    case "INVALID_CREDENTIALS":
      return op === "change" ? "Your old password is incorrect." : "Your user name or password is incorrect.";
    case "ACCOUNT_LOCKED_OUT":
      return "Your account is locked out in the domain.";
    case "ACCOUNT_DISABLED":
      return "Your account is disabled. Contact your helpdesk.";
    case "PASSWORD_EXPIRED":
    case "MUST_CHANGE_PASSWORD":
      return "Your password has expired or must be changed. Use Reset to set a new one.";
    case "NO_SUCH_OBJECT":
      return "Your user name was not found in the domain.";
    default:
      return `The directory refused the request (${error.code}).`;
  }
}
