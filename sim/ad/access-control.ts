import { dnKey, isUnderDn } from "./distinguished-name.ts";
import { IMPLICIT_GROUPS, type Membership } from "./membership.ts";

/**
 * The rights a product's "management level" is built from: extended rights
 * and property writes granted on an OU and inherited by the user objects below.
 * - ResetPassword: the User-Force-Change-Password extended right (a reset, no old password).
 * - ChangePassword: the User-Change-Password extended right. AD grants it to
 *   Everyone on every user by default, so changes need no delegation here; it
 *   is accepted for completeness.
 * - WriteLockoutTime: write lockoutTime (unlocking).
 * - WritePwdLastSet: write pwdLastSet (forcing "must change at next logon").
 * - ReadWriteUserProperties: read/write all properties of users, which covers
 *   lockoutTime and pwdLastSet but not a reset (that is an extended right).
 */
export type DelegatedRight = "ResetPassword" | "ChangePassword" | "WriteLockoutTime" | "WritePwdLastSet" | "ReadWriteUserProperties";

export const DELEGATED_RIGHTS: readonly DelegatedRight[] = ["ResetPassword", "ChangePassword", "WriteLockoutTime", "WritePwdLastSet", "ReadWriteUserProperties"];

/** What an actor may do to one user, after groups, protection and delegation. */
export interface EffectiveRights {
  readonly resetPassword: boolean;
  readonly unlock: boolean;
  readonly forceChange: boolean;
  /** Why, in a word: "administrators", "account-operators", "delegation", "protected-account", "none". */
  readonly basis: "administrators" | "account-operators" | "delegation" | "protected-account" | "none";
}

export interface Delegation {
  readonly ouDn: string;
  /** Lower-case sAMAccountName of a user or group, or an implicit group ("authenticated users"). */
  readonly trustee: string;
  readonly rights: ReadonlySet<DelegatedRight>;
}

/** Groups whose members AdminSDHolder protects (a subset of AD's list: the groups this directory has). */
export const PROTECTED_GROUPS: readonly string[] = [
  "administrators",
  "domain admins",
  "enterprise admins",
  "account operators",
  "domain controllers",
  "read-only domain controllers",
];

const NO_RIGHTS = (basis: EffectiveRights["basis"]): EffectiveRights => ({ resetPassword: false, unlock: false, forceChange: false, basis });
const ALL_RIGHTS = (basis: EffectiveRights["basis"]): EffectiveRights => ({ resetPassword: true, unlock: true, forceChange: true, basis });

/**
 * Who may reset, unlock and force a change on whom. Kept deliberately simple
 * and documented:
 * 1. Members (nested) of Administrators — Domain Admins and Enterprise Admins
 *    are in it, as in AD — may do everything to everyone.
 * 2. Protected accounts (members of PROTECTED_GROUPS, or Administrator) get
 *    their ACL from AdminSDHolder with inheritance off, so nobody else reaches
 *    them: neither Account Operators nor any OU delegation.
 * 3. Account Operators may do everything to other accounts.
 * 4. Otherwise the union of the delegations on OUs that contain the target
 *    and name the actor or one of its groups.
 */
export class AccessControl {
  readonly #delegations: Delegation[] = [];

  constructor(private readonly membership: Membership) {}

  delegate(delegation: Delegation): void {
    this.#delegations.push(delegation);
  }

  revoke(ouDn: string, trustee: string): number {
    const key = dnKey(ouDn);
    const before = this.#delegations.length;
    for (let i = this.#delegations.length - 1; i >= 0; i--) {
      const d = this.#delegations[i]!;
      if (d.trustee === trustee && dnKey(d.ouDn) === key) this.#delegations.splice(i, 1);
    }
    return before - this.#delegations.length;
  }

  delegations(): readonly Delegation[] {
    return this.#delegations;
  }

  isProtected(targetKey: string): boolean {
    if (targetKey === "administrator") return true;
    const groups = this.membership.allGroups(targetKey);
    return PROTECTED_GROUPS.some((g) => groups.has(g));
  }

  rights(actorKey: string, targetKey: string, targetDn: string): EffectiveRights {
    const actorGroups = this.membership.allGroups(actorKey);
    if (actorKey === "administrator" || actorGroups.has("administrators")) return ALL_RIGHTS("administrators");
    if (this.isProtected(targetKey)) return NO_RIGHTS("protected-account");
    if (actorGroups.has("account operators")) return ALL_RIGHTS("account-operators");
    const granted = new Set<DelegatedRight>();
    for (const d of this.#delegations) {
      const trusteeMatches = d.trustee === actorKey || actorGroups.has(d.trustee) || IMPLICIT_GROUPS.has(d.trustee);
      if (trusteeMatches && isUnderDn(targetDn, d.ouDn)) for (const r of d.rights) granted.add(r);
    }
    if (granted.size === 0) return NO_RIGHTS("none");
    const props = granted.has("ReadWriteUserProperties");
    return {
      resetPassword: granted.has("ResetPassword"),
      unlock: props || granted.has("WriteLockoutTime"),
      forceChange: props || granted.has("WritePwdLastSet"),
      basis: "delegation",
    };
  }
}
