import { LabError } from "../kernel/index.ts";

/** The domain password policy (attributes of the domain head, set by the Default Domain Policy). */
export interface PasswordPolicy {
  /** minPwdLength, in UTF-16 code units as AD counts them. */
  readonly minLength: number;
  /** "Password must meet complexity requirements" (pwdProperties DOMAIN_PASSWORD_COMPLEX). */
  readonly complexity: boolean;
  /** pwdHistoryLength: how many passwords, the current one included, a change may not reuse. */
  readonly historyCount: number;
  /** minPwdAge in ms: a change (not a reset) is refused until this long after pwdLastSet. */
  readonly minAgeMs: number;
  /** maxPwdAge in ms; 0 means passwords never expire. */
  readonly maxAgeMs: number;
}

/** The domain lockout policy. */
export interface LockoutPolicy {
  /** lockoutThreshold: bad passwords that lock the account; 0 never locks. */
  readonly threshold: number;
  /** lockoutDuration in ms; 0 means locked until an administrator unlocks. */
  readonly durationMs: number;
  /** lockOutObservationWindow in ms: badPwdCount counts from zero again once this long has passed since the last bad password. */
  readonly observationWindowMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Windows Server's Default Domain Policy values. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({
  minLength: 7,
  complexity: true,
  historyCount: 24,
  minAgeMs: 1 * DAY,
  maxAgeMs: 42 * DAY,
});

/** Lockout is off by default in AD; duration and window keep their stored 30-minute defaults. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = Object.freeze({
  threshold: 0,
  durationMs: 30 * MINUTE,
  observationWindowMs: 30 * MINUTE,
});

/** Merges and checks a password policy against the limits AD itself enforces. */
export function resolvePasswordPolicy(partial: Partial<PasswordPolicy> = {}, base: PasswordPolicy = DEFAULT_PASSWORD_POLICY): PasswordPolicy {
  // Nothing to change (every lab without a policy of its own): the base, already checked and frozen.
  if (base === DEFAULT_PASSWORD_POLICY && isEmpty(partial)) return base;
  const policy = { ...base, ...partial };
  requireInteger("minLength", policy.minLength, 0, 255);
  requireInteger("historyCount", policy.historyCount, 0, 24);
  requireInteger("minAgeMs", policy.minAgeMs, 0, Number.MAX_SAFE_INTEGER);
  requireInteger("maxAgeMs", policy.maxAgeMs, 0, Number.MAX_SAFE_INTEGER);
  if (typeof policy.complexity !== "boolean") policyError("complexity must be true or false");
  if (policy.maxAgeMs !== 0 && policy.minAgeMs >= policy.maxAgeMs) {
    policyError(`minimum password age (${policy.minAgeMs} ms) must be less than the maximum (${policy.maxAgeMs} ms), as AD requires`);
  }
  return Object.freeze(policy);
}

export function resolveLockoutPolicy(partial: Partial<LockoutPolicy> = {}, base: LockoutPolicy = DEFAULT_LOCKOUT_POLICY): LockoutPolicy {
  if (base === DEFAULT_LOCKOUT_POLICY && isEmpty(partial)) return base;
  const policy = { ...base, ...partial };
  requireInteger("threshold", policy.threshold, 0, 999);
  requireInteger("durationMs", policy.durationMs, 0, Number.MAX_SAFE_INTEGER);
  requireInteger("observationWindowMs", policy.observationWindowMs, 0, Number.MAX_SAFE_INTEGER);
  if (policy.threshold > 0 && policy.observationWindowMs === 0) policyError("an observation window of 0 with a threshold would never count bad passwords");
  if (policy.durationMs !== 0 && policy.observationWindowMs > policy.durationMs) {
    policyError(`the observation window (${policy.observationWindowMs} ms) may not be longer than the lockout duration (${policy.durationMs} ms), as AD requires`);
  }
  return Object.freeze(policy);
}

function isEmpty(partial: object): boolean {
  for (const _ in partial) return false;
  return true;
}

function requireInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    policyError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function policyError(message: string): never {
  throw new LabError({ code: "AD_BAD_POLICY", message, remedy: "use values a domain controller would accept" });
}
