import type { LockoutPolicy, PasswordPolicy } from "../ad/index.ts";

/** Where a case's user lives: the delegated OU of the stage, an OU nobody is delegated on, or CN=Users. */
export type ParityOu = "Staff" | "Other" | "Users";

/**
 * One operation, run the same way on both directories. Names are logical
 * (qualified per case, see parity-names); a password may contain `{user}`,
 * replaced by the target's real sAMAccountName.
 */
export type ParityStep =
  | { readonly op: "checkPassword"; readonly user: string; readonly password: string }
  | { readonly op: "resetPassword"; readonly actor: string; readonly user: string; readonly password: string; readonly mustChange?: boolean; readonly unlock?: boolean }
  | { readonly op: "changePassword"; readonly user: string; readonly oldPassword: string; readonly newPassword: string }
  | { readonly op: "unlock"; readonly actor: string; readonly user: string }
  | { readonly op: "canResetPassword"; readonly actor: string; readonly user: string }
  | { readonly op: "isMemberOf"; readonly user: string; readonly group: string }
  | { readonly op: "findUser"; readonly user: string; readonly form: "sam" | "upn" | "netbios" | "dns" | "dn" | "foreign" }
  | { readonly op: "policies" }
  | { readonly op: "setEnabled"; readonly user: string; readonly enabled: boolean }
  | { readonly op: "elapse"; readonly ms: number };

/** A step with what it must give: on the in-memory side always, on Samba too unless a known difference says otherwise. */
export type ScriptedStep = ParityStep & {
  /** describeOutcome() text both sides must give (the in-memory side only, with knownDifference). */
  readonly expect?: string;
  /** The id of a KNOWN-DIFFERENCES.md entry: the sides must differ here, Samba giving `expectSamba`. */
  readonly knownDifference?: string;
  readonly expectSamba?: string;
};

export interface ParityUser {
  readonly name: string;
  readonly password: string;
  readonly ou?: ParityOu;
  readonly displayName?: string;
  readonly mustChange?: boolean;
  readonly enabled?: boolean;
  readonly passwordNeverExpires?: boolean;
}

/** What one case adds to the shared stage: its policy, its own users, their groups. */
export interface ParitySetup {
  readonly passwordPolicy?: Partial<PasswordPolicy>;
  readonly lockoutPolicy?: Partial<LockoutPolicy>;
  readonly users: readonly ParityUser[];
  /** [group, member]: either may be a stage or builtin group ("Domain Admins"). */
  readonly memberships?: ReadonlyArray<readonly [string, string]>;
}

export interface ParityCase {
  readonly id: string;
  readonly title: string;
  readonly setup: ParitySetup;
  readonly steps: readonly ScriptedStep[];
}
