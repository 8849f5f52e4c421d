import fc from "fast-check";
import type { LockoutPolicy, PasswordPolicy } from "../ad/index.ts";
import type { ParityCase, ParityStep } from "./parity-case.ts";

export interface RandomParityOptions {
  /** Most steps in one sequence. */
  readonly maxSteps: number;
  /**
   * Sequences under a short real-time lockout (EXPIRY_DURATION_MS) with
   * "elapse" steps that wait it out; kept short so that the DC's own clock,
   * running during the other steps, never reaches an expiry by itself.
   */
  readonly withElapse: boolean;
}

export const RANDOM_EXPIRY_DURATION_MS = 5_000;
const ELAPSE_MS = RANDOM_EXPIRY_DURATION_MS + 1_500;

const INITIAL = "Initial-2026x";
/** Passwords every policy accepts: what old passwords and binds draw from, so they are often right. */
const GOOD = [INITIAL, "Alpha-2026xy", "Bravo-2026xy", "Charlie-2026x"] as const;
/** Every password a step may set: the good ones to cycle through history, and each kind of policy refusal. */
export const PASSWORD_POOL = [...GOOD, "Foxtrot 2026x", "short1A", "Ab1-", "alllowercase", "echo2026echo", "ALLUPPER-123"] as const;
const USERS = ["u1", "u2"] as const;
const ACTORS = ["Administrator", "helpdesk", "resetonly", "nohelp"] as const;

type Policies = { readonly passwordPolicy: Partial<PasswordPolicy>; readonly lockoutPolicy: Partial<LockoutPolicy> };

const POLICIES: readonly Policies[] = [
  { passwordPolicy: { minAgeMs: 0 }, lockoutPolicy: { threshold: 3 } },
  { passwordPolicy: { minAgeMs: 0, minLength: 10, complexity: false, historyCount: 3 }, lockoutPolicy: { threshold: 0 } },
  { passwordPolicy: { minAgeMs: 0, historyCount: 0 }, lockoutPolicy: { threshold: 5 } },
  { passwordPolicy: { minLength: 8 }, lockoutPolicy: { threshold: 4 } },
];

const EXPIRY_POLICY: Policies = {
  passwordPolicy: { minAgeMs: 0, historyCount: 2 },
  lockoutPolicy: { threshold: 2, durationMs: RANDOM_EXPIRY_DURATION_MS, observationWindowMs: RANDOM_EXPIRY_DURATION_MS },
};

/**
 * Random sequences of the operations of the parity cases over two users:
 * u1 in the delegated OU, u2 outside it, both starting with a password
 * every policy accepts. The generated passwords avoid what Samba and Windows
 * judge differently (names, symbols outside ASCII): a known difference would
 * make the two directories diverge and every later step differ with it.
 */
export function randomParityCase(options: RandomParityOptions): fc.Arbitrary<ParityCase> {
  const user = fc.constantFrom(...USERS);
  const actor = fc.constantFrom(...ACTORS);
  const password = fc.constantFrom(...PASSWORD_POOL);
  const known = fc.constantFrom(...GOOD, "Wrong-2026x");
  const steps: Array<fc.WeightedArbitrary<ParityStep>> = [
    { weight: 4, arbitrary: fc.record({ op: fc.constant("checkPassword" as const), user, password: known }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("resetPassword" as const), actor, user, password, mustChange: fc.boolean(), unlock: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("changePassword" as const), user, oldPassword: known, newPassword: password }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("unlock" as const), actor, user }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("canResetPassword" as const), actor, user }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("setEnabled" as const), user, enabled: fc.boolean() }) },
  ];
  if (options.withElapse) steps.push({ weight: 2, arbitrary: fc.constant({ op: "elapse" as const, ms: ELAPSE_MS }) });
  const policies = options.withElapse ? fc.constant(EXPIRY_POLICY) : fc.constantFrom(...POLICIES);
  return fc.record({ policies, steps: fc.array(fc.oneof(...steps), { minLength: 1, maxLength: options.maxSteps, size: "max" }) }).map(({ policies: p, steps: s }) => ({
    id: "random",
    title: `random sequence of ${s.length} steps`,
    setup: { ...p, users: [{ name: "u1", password: INITIAL, ou: "Staff" as const }, { name: "u2", password: INITIAL, ou: "Other" as const }] },
    steps: s,
  }));
}
