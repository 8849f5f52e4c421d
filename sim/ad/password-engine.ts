import type { Clock } from "../kernel/index.ts";
import {
  OK,
  accountDisabled,
  changeWhileLockedOut,
  fail,
  invalidCredentials,
  lockedOut,
  mustChangePassword,
  passwordExpired,
  policyViolation,
  wrongOldPassword,
  type DirectoryError,
  type DirectoryResult,
} from "./directory-error.ts";
import type { UserEntry } from "./entries.ts";
import { checkComplexity } from "./password-complexity.ts";
import type { PasswordHasher } from "./password-hasher.ts";
import type { LockoutPolicy, PasswordPolicy } from "./policies.ts";

/** What a bind did to the account, for the trace (never the password). */
export interface BindOutcome {
  readonly result: DirectoryResult;
  /** badPwdCount went up. */
  readonly counted: boolean;
  /** This attempt crossed the threshold and set lockoutTime. */
  readonly lockedNow: boolean;
}

export interface AccountState {
  readonly lockedOut: boolean;
  readonly passwordExpired: boolean;
  readonly mustChangePassword: boolean;
  readonly badPwdCount: number;
}

/**
 * AD's password and lockout rules over one account, on the lab clock.
 * Semantics follow Windows and Samba's password_hash module:
 * - a bind checks lockout first (775 even with the right password), then the
 *   password (52e), then disabled (533), must change (773), expired (532);
 *   only a bind that passes them all clears badPwdCount;
 * - a wrong password that matches one of the two previous passwords does not
 *   raise badPwdCount (Windows' "n-2" history check);
 * - a reset (administrator, no old password) checks length and complexity
 *   only, never history or minimum age, and still records the new password in
 *   the history; a change (old password given) checks lockout, the old
 *   password (counting a bad attempt when wrong), minimum age, length,
 *   complexity, history and "user cannot change password".
 */
export class PasswordEngine {
  constructor(
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    public passwordPolicy: PasswordPolicy,
    public lockoutPolicy: LockoutPolicy,
  ) {}

  /** Now, as a calendar instant in ms (never 0, which AD reserves for "never"). */
  now(): number {
    return this.clock.epochMs + this.clock.now();
  }

  state(user: UserEntry): AccountState {
    const now = this.now();
    return {
      lockedOut: this.isLockedOut(user, now),
      passwordExpired: this.isExpired(user, now),
      mustChangePassword: this.mustChange(user),
      badPwdCount: this.effectiveBadPwdCount(user, now),
    };
  }

  bind(user: UserEntry, password: string): BindOutcome {
    const now = this.now();
    if (this.isLockedOut(user, now)) return { result: fail(lockedOut()), counted: false, lockedNow: false };
    if (!this.hasher.verify(password, user.credential)) {
      if (this.matchesRecentHistory(user, password)) return { result: fail(invalidCredentials()), counted: false, lockedNow: false };
      const lockedNow = this.countBadPassword(user, now);
      return { result: fail(invalidCredentials()), counted: this.lockoutPolicy.threshold > 0, lockedNow };
    }
    // Only a logon that succeeds clears the count: the right password on a disabled,
    // must-change or expired account is still a failed logon (Samba, as Windows).
    const refusal = this.postPasswordRefusal(user, now);
    if (refusal) return { result: fail(refusal), counted: false, lockedNow: false };
    user.badPwdCount = 0;
    if (user.lockoutTime !== 0) user.lockoutTime = 0;
    return { result: OK, counted: false, lockedNow: false };
  }

  /** What a bind would refuse after the password matched; also used to vet an actor's session. */
  postPasswordRefusal(user: UserEntry, now = this.now()): DirectoryError | undefined {
    if (!user.enabled) return accountDisabled();
    if (this.mustChange(user)) return mustChangePassword();
    if (this.isExpired(user, now)) return passwordExpired();
    return undefined;
  }

  /** The session checks of an account acting without presenting its password here. */
  sessionRefusal(user: UserEntry): DirectoryError | undefined {
    const now = this.now();
    if (this.isLockedOut(user, now)) return lockedOut();
    return this.postPasswordRefusal(user, now);
  }

  /** An administrative reset: length and complexity only. */
  reset(user: UserEntry, newPassword: string, options: { mustChange?: boolean; unlock?: boolean } = {}): DirectoryResult {
    const refusal = this.checkQuality(user, newPassword);
    if (refusal) return fail(refusal);
    this.store(user, newPassword, options.mustChange === true);
    if (options.unlock) this.unlock(user);
    return OK;
  }

  /** A user's own change, old password given. `countedBad` tells the caller badPwdCount moved. */
  change(user: UserEntry, oldPassword: string, newPassword: string): DirectoryResult & { countedBad?: boolean; lockedNow?: boolean } {
    const now = this.now();
    if (this.isLockedOut(user, now)) return fail(changeWhileLockedOut());
    if (!this.hasher.verify(oldPassword, user.credential)) {
      const lockedNow = this.countBadPassword(user, now);
      return { ...fail(wrongOldPassword()), countedBad: this.lockoutPolicy.threshold > 0, lockedNow };
    }
    const policy = this.passwordPolicy;
    if (user.pwdLastSet !== 0 && now < user.pwdLastSet + policy.minAgeMs) {
      return fail(policyViolation("TOO_YOUNG", "password is too young to change!"));
    }
    const refusal = this.checkQuality(user, newPassword);
    if (refusal) return fail(refusal);
    if (this.inHistory(user, newPassword)) {
      return fail(policyViolation("IN_HISTORY", "the password was already used (in history)!"));
    }
    if (user.cannotChangePassword) {
      return fail(policyViolation("CANNOT_CHANGE", "password can't be changed on this account!"));
    }
    // badPwdCount stays: only a successful logon clears it, not a change (Windows and Samba alike).
    this.store(user, newPassword, false);
    return OK;
  }

  /** Writing lockoutTime=0: AD clears badPwdCount with it. */
  unlock(user: UserEntry): void {
    user.lockoutTime = 0;
    user.badPwdCount = 0;
  }

  /** Sets the password with no policy check at all (provisioning as SYSTEM). */
  store(user: UserEntry, password: string, mustChange: boolean): void {
    const keep = Math.max(this.passwordPolicy.historyCount - 1, 0);
    if (user.credential !== undefined && keep > 0) {
      user.previous = [user.credential, ...(user.previous ?? [])].slice(0, keep);
    } else if (keep === 0) {
      user.previous = undefined;
    }
    user.credential = this.hasher.hash(password);
    user.pwdLastSet = mustChange ? 0 : this.now();
  }

  checkQuality(user: UserEntry, password: string): DirectoryError | undefined {
    const policy = this.passwordPolicy;
    if (password.length < policy.minLength) {
      return policyViolation("TOO_SHORT", `the password is too short. It should be equal or longer than ${policy.minLength} characters!`);
    }
    if (policy.complexity) {
      const verdict = checkComplexity(password, user.samAccountName, user.displayName);
      if (!verdict.ok) return policyViolation("NOT_COMPLEX", verdict.detail);
    }
    return undefined;
  }

  isLockedOut(user: UserEntry, now = this.now()): boolean {
    if (user.lockoutTime === 0) return false;
    const duration = this.lockoutPolicy.durationMs;
    return duration === 0 || now < user.lockoutTime + duration;
  }

  isExpired(user: UserEntry, now = this.now()): boolean {
    const maxAge = this.passwordPolicy.maxAgeMs;
    return !user.passwordNeverExpires && maxAge !== 0 && user.pwdLastSet !== 0 && now >= user.pwdLastSet + maxAge;
  }

  /** pwdLastSet=0 forces a change, unless the password never expires (which AD lets win). */
  mustChange(user: UserEntry): boolean {
    return user.pwdLastSet === 0 && !user.passwordNeverExpires && user.credential !== undefined;
  }

  effectiveBadPwdCount(user: UserEntry, now = this.now()): number {
    if (user.badPwdCount === 0) return 0;
    return now >= user.badPasswordTime + this.lockoutPolicy.observationWindowMs ? 0 : user.badPwdCount;
  }

  /** Raises badPwdCount within the observation window; returns whether the account just locked. */
  private countBadPassword(user: UserEntry, now: number): boolean {
    const threshold = this.lockoutPolicy.threshold;
    if (threshold === 0) return false;
    user.badPwdCount = this.effectiveBadPwdCount(user, now) + 1;
    user.badPasswordTime = now;
    if (user.badPwdCount >= threshold) {
      user.lockoutTime = now;
      return true;
    }
    return false;
  }

  private inHistory(user: UserEntry, password: string): boolean {
    const count = this.passwordPolicy.historyCount;
    if (count === 0) return false;
    const hashes = [user.credential, ...(user.previous ?? [])].slice(0, count);
    return hashes.some((h) => this.hasher.verify(password, h));
  }

  private matchesRecentHistory(user: UserEntry, password: string): boolean {
    return (user.previous ?? []).slice(0, 2).some((h) => this.hasher.verify(password, h));
  }
}
