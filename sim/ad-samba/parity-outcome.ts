import type { DirectoryResult, LockoutPolicy, PasswordPolicy, UserView } from "../ad/index.ts";

/** What one side answered to one step, in comparable form. */
export type StepOutcome =
  | { readonly kind: "result"; readonly result: DirectoryResult }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "user"; readonly user: UserView | undefined }
  | { readonly kind: "policies"; readonly password: PasswordPolicy; readonly lockout: LockoutPolicy }
  | { readonly kind: "done" }
  | { readonly kind: "thrown"; readonly code: string; readonly message: string };

/**
 * One line per outcome, the unit the parity compares: "OK",
 * "INVALID_CREDENTIALS/49/52e", "CONSTRAINT_VIOLATION/19/0000052D TOO_SHORT",
 * "true", "user CN=..,OU=Staff,.. enabled". Messages are left out: the DC
 * words them its own way (Samba adds source locations), the codes are the contract.
 */
export function describeOutcome(outcome: StepOutcome, options: { withoutAdData?: boolean } = {}): string {
  switch (outcome.kind) {
    case "result": {
      const r = outcome.result;
      if (r.ok) return "OK";
      const e = r.error;
      const data = e.adData !== undefined && !options.withoutAdData ? `/${e.adData}` : "";
      return `${e.code}/${e.ldapCode}${data}${e.reason ? ` ${e.reason}` : ""}`;
    }
    case "boolean":
      return String(outcome.value);
    case "user":
      return outcome.user ? `user ${outcome.user.distinguishedName} upn=${outcome.user.userPrincipalName} ${describeUserState(outcome.user)}` : "no such user";
    case "policies": {
      const p = outcome.password;
      const l = outcome.lockout;
      return `minLength=${p.minLength} complexity=${p.complexity} history=${p.historyCount} minAge=${p.minAgeMs} maxAge=${p.maxAgeMs} threshold=${l.threshold} duration=${l.durationMs} window=${l.observationWindowMs}`;
    }
    case "done":
      return "done";
    case "thrown":
      return `THROWN ${outcome.code}: ${outcome.message}`;
  }
}

/** The account state the parity checks after every step that touches a user. */
export function describeUserState(user: UserView | undefined): string {
  if (!user) return "absent";
  const flags = [user.enabled ? "enabled" : "disabled", user.lockedOut ? "locked" : "unlocked"];
  if (user.mustChangePassword) flags.push("must-change");
  if (user.passwordExpired) flags.push("expired");
  flags.push(`bad=${user.badPwdCount}`);
  return flags.join(" ");
}

/**
 * Whether the in-memory outcome matches Samba's. The AD data code is
 * compared where Samba gives one; where it gives none (Samba words a refused
 * extended right without "00002098"), the codes that remain must match.
 */
export function outcomesAgree(memory: StepOutcome, samba: StepOutcome): boolean {
  const sambaGivesData = samba.kind === "result" && !samba.result.ok && samba.result.error.adData !== undefined;
  const withoutAdData = samba.kind === "result" && !samba.result.ok && !sambaGivesData;
  return describeOutcome(memory, { withoutAdData }) === describeOutcome(samba);
}
