import type { ParityCase } from "./parity-case.ts";

const START = "Start-2026x";
const OPEN = { minAgeMs: 0 } as const;
const WRONG_BIND = "INVALID_CREDENTIALS/49/52e";
const NO_RIGHTS = "INSUFFICIENT_RIGHTS/50/00002098";

/** The lockout duration of the one case that waits for real: short, so CI pays seconds. */
export const EXPIRY_CASE_DURATION_MS = 3_000;
/** Samba reads the clock coarsely; waiting this much past the duration keeps the case off the boundary. */
export const EXPIRY_MARGIN_MS = 1_500;

/**
 * The scripted cases of issue 11, each run on both directories. `expect` is
 * AD's documented answer (checked on both sides, so a shared mistake is
 * caught too); `knownDifference` marks a step where the in-memory directory
 * follows Windows and Samba does not (see KNOWN-DIFFERENCES.md).
 */
export const PARITY_CASES: readonly ParityCase[] = [
  {
    id: "reset-by-admin",
    title: "Administrator resets a user's password",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "canResetPassword", actor: "Administrator", user: "jdoe", expect: "true" },
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: START, expect: WRONG_BIND },
    ],
  },
  {
    id: "reset-delegated-with-rights",
    title: "A helpdesk account delegated Reset Password on the OU resets a user in it",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "canResetPassword", actor: "helpdesk", user: "jdoe", expect: "true" },
      { op: "resetPassword", actor: "helpdesk", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "resetPassword", actor: "resetonly", user: "jdoe", password: "Again-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Again-2026x", expect: "OK" },
    ],
  },
  {
    id: "reset-delegated-without-rights",
    title: "Accounts without the right, or outside the delegated OU, are refused",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }, { name: "outsider", password: START, ou: "Other" }, { name: "plain", password: START, ou: "Users" }] },
    steps: [
      { op: "canResetPassword", actor: "nohelp", user: "jdoe", expect: "false" },
      { op: "resetPassword", actor: "nohelp", user: "jdoe", password: "Reset-2026x", expect: NO_RIGHTS },
      { op: "canResetPassword", actor: "helpdesk", user: "outsider", expect: "false" },
      { op: "resetPassword", actor: "helpdesk", user: "outsider", password: "Reset-2026x", expect: NO_RIGHTS },
      { op: "resetPassword", actor: "helpdesk", user: "plain", password: "Reset-2026x", expect: NO_RIGHTS },
      { op: "checkPassword", user: "jdoe", password: START, expect: "OK" },
    ],
  },
  {
    id: "reset-must-change-rights",
    title: "Forcing a change at next logon needs Write pwdLastSet as well as Reset Password",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "resetPassword", actor: "resetonly", user: "jdoe", password: "Reset-2026x", mustChange: true, expect: NO_RIGHTS },
      { op: "checkPassword", user: "jdoe", password: START, expect: "OK" },
      { op: "resetPassword", actor: "helpdesk", user: "jdoe", password: "Reset-2026x", mustChange: true, expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "MUST_CHANGE_PASSWORD/49/773" },
      { op: "resetPassword", actor: "resetonly", user: "jdoe", password: "Again-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Again-2026x", expect: "OK" },
    ],
  },
  {
    id: "change-old-password",
    title: "A user's own change with the right and with a wrong old password",
    setup: { passwordPolicy: OPEN, lockoutPolicy: { threshold: 5 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "changePassword", user: "jdoe", oldPassword: "Wrong-2026x", newPassword: "Next-2026xy", expect: "CONSTRAINT_VIOLATION/19/00000056 WRONG_OLD_PASSWORD" },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Next-2026xy", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Next-2026xy", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: START, expect: WRONG_BIND },
    ],
  },
  {
    id: "complexity",
    title: "Complexity: fewer than three character categories is refused on reset and on change",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "alllowercase1", expect: "CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX" },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "ALLUPPERCASE", expect: "CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX" },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Upper-and-lower", expect: "OK" },
    ],
  },
  {
    id: "complexity-off",
    title: "With complexity off, a simple password long enough is accepted",
    setup: { passwordPolicy: { ...OPEN, complexity: false }, users: [{ name: "jdoe", password: START }] },
    steps: [{ op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "alllowercase", expect: "OK" }],
  },
  {
    id: "minimum-length",
    title: "Minimum length: one character short is refused, the exact length accepted",
    setup: { passwordPolicy: { ...OPEN, minLength: 10 }, users: [{ name: "jdoe", password: "Start-2026xy" }] },
    steps: [
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Ab1-xyzab", expect: "CONSTRAINT_VIOLATION/19/0000052D TOO_SHORT" },
      { op: "changePassword", user: "jdoe", oldPassword: "Start-2026xy", newPassword: "Ab1-xyzab", expect: "CONSTRAINT_VIOLATION/19/0000052D TOO_SHORT" },
      { op: "changePassword", user: "jdoe", oldPassword: "Start-2026xy", newPassword: "Ab1-xyzabc", expect: "OK" },
    ],
  },
  {
    id: "history",
    title: "History: a change may not reuse the last N passwords; a reset may",
    setup: { passwordPolicy: { ...OPEN, historyCount: 3 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: START, expect: "CONSTRAINT_VIOLATION/19/0000052D IN_HISTORY" },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Second-2026x", expect: "OK" },
      { op: "changePassword", user: "jdoe", oldPassword: "Second-2026x", newPassword: "Third-2026x", expect: "OK" },
      { op: "changePassword", user: "jdoe", oldPassword: "Third-2026x", newPassword: START, expect: "CONSTRAINT_VIOLATION/19/0000052D IN_HISTORY" },
      { op: "changePassword", user: "jdoe", oldPassword: "Third-2026x", newPassword: "Fourth-2026x", expect: "OK" },
      { op: "changePassword", user: "jdoe", oldPassword: "Fourth-2026x", newPassword: START, expect: "OK" },
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Fourth-2026x", expect: "OK" },
    ],
  },
  {
    id: "minimum-age",
    title: "Minimum age: a change right after a set is too young; a reset is not held to it",
    setup: { passwordPolicy: { minAgeMs: 86_400_000 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Next-2026xy", expect: "CONSTRAINT_VIOLATION/19/0000052D TOO_YOUNG" },
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Next-2026xy", expect: "OK" },
    ],
  },
  {
    id: "lockout-threshold",
    title: "Lockout after the threshold: even the right password is refused until an unlock",
    setup: { passwordPolicy: OPEN, lockoutPolicy: { threshold: 3 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "checkPassword", user: "jdoe", password: "Wrong-1", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: "Wrong-3", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: START, expect: "ACCOUNT_LOCKED_OUT/49/775" },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Next-2026xy", expect: "ACCOUNT_LOCKED_OUT/19/00000775" },
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "ACCOUNT_LOCKED_OUT/49/775" },
      { op: "unlock", actor: "helpdesk", user: "jdoe", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
    ],
  },
  {
    id: "lockout-expiry",
    title: "A lockout ends by itself after the lockout duration (the one case that waits in real time)",
    setup: {
      passwordPolicy: OPEN,
      lockoutPolicy: { threshold: 2, durationMs: EXPIRY_CASE_DURATION_MS, observationWindowMs: EXPIRY_CASE_DURATION_MS },
      users: [{ name: "jdoe", password: START }],
    },
    steps: [
      { op: "checkPassword", user: "jdoe", password: "Wrong-1", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: START, expect: "ACCOUNT_LOCKED_OUT/49/775" },
      { op: "elapse", ms: EXPIRY_CASE_DURATION_MS + EXPIRY_MARGIN_MS },
      { op: "checkPassword", user: "jdoe", password: START, expect: "OK" },
    ],
  },
  {
    id: "unlock-rights",
    title: "Unlocking needs Write lockoutTime; a reset can unlock in the same request",
    setup: { passwordPolicy: OPEN, lockoutPolicy: { threshold: 2 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "checkPassword", user: "jdoe", password: "Wrong-1" },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2" },
      { op: "unlock", actor: "resetonly", user: "jdoe", expect: NO_RIGHTS },
      { op: "unlock", actor: "nohelp", user: "jdoe", expect: NO_RIGHTS },
      { op: "resetPassword", actor: "resetonly", user: "jdoe", password: "Reset-2026x", unlock: true, expect: NO_RIGHTS },
      { op: "resetPassword", actor: "helpdesk", user: "jdoe", password: "Reset-2026x", unlock: true, expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Wrong-1" },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2" },
      { op: "unlock", actor: "helpdesk", user: "jdoe", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
    ],
  },
  {
    id: "must-change-at-next-logon",
    title: "A user who must change at next logon cannot bind, but can change with the old password",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START, mustChange: true }] },
    steps: [
      { op: "checkPassword", user: "jdoe", password: START, expect: "MUST_CHANGE_PASSWORD/49/773" },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2026x", expect: WRONG_BIND },
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Mine-2026xy", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Mine-2026xy", expect: "OK" },
    ],
  },
  {
    id: "disabled-account",
    title: "A disabled account: 533 with the right password, 52e with a wrong one; a reset does not enable it",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START, enabled: false }] },
    steps: [
      { op: "checkPassword", user: "jdoe", password: START, expect: "ACCOUNT_DISABLED/49/533" },
      { op: "checkPassword", user: "jdoe", password: "Wrong-2026x", expect: WRONG_BIND },
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "ACCOUNT_DISABLED/49/533" },
      { op: "setEnabled", user: "jdoe", enabled: true },
      { op: "checkPassword", user: "jdoe", password: "Reset-2026x", expect: "OK" },
    ],
  },
  {
    id: "acting-account-refused",
    title: "An acting account that is disabled cannot reset anyone",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }, { name: "agent", password: START, ou: "Users" }], memberships: [["HelpdeskStaff", "agent"]] },
    steps: [
      { op: "resetPassword", actor: "agent", user: "jdoe", password: "Reset-2026x", expect: "OK" },
      { op: "setEnabled", user: "agent", enabled: false },
      { op: "resetPassword", actor: "agent", user: "jdoe", password: "Again-2026x", expect: "ACCOUNT_DISABLED/49/533" },
    ],
  },
  {
    id: "recent-history-not-counted",
    title: "A wrong password that is one of the two previous ones does not count towards lockout",
    setup: { passwordPolicy: OPEN, lockoutPolicy: { threshold: 5 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "changePassword", user: "jdoe", oldPassword: START, newPassword: "Second-2026x", expect: "OK" },
      { op: "changePassword", user: "jdoe", oldPassword: "Second-2026x", newPassword: "Third-2026x", expect: "OK" },
      { op: "checkPassword", user: "jdoe", password: START, expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: "Second-2026x", expect: WRONG_BIND },
      { op: "checkPassword", user: "jdoe", password: "Never-2026x", expect: WRONG_BIND },
    ],
  },
  {
    id: "names-groups-policies",
    title: "Finding users by every name form, nested and primary group membership, the policies",
    setup: { passwordPolicy: { ...OPEN, minLength: 8, historyCount: 5 }, lockoutPolicy: { threshold: 4, durationMs: 600_000, observationWindowMs: 300_000 }, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "findUser", user: "jdoe", form: "sam" },
      { op: "findUser", user: "jdoe", form: "upn" },
      { op: "findUser", user: "jdoe", form: "netbios" },
      { op: "findUser", user: "jdoe", form: "dns" },
      { op: "findUser", user: "jdoe", form: "dn" },
      { op: "findUser", user: "jdoe", form: "foreign", expect: "no such user" },
      { op: "findUser", user: "nobody", form: "sam", expect: "no such user" },
      { op: "isMemberOf", user: "helpdesk", group: "ITStaff", expect: "true" },
      { op: "isMemberOf", user: "helpdesk", group: "HelpdeskStaff", expect: "true" },
      { op: "isMemberOf", user: "jdoe", group: "Domain Users", expect: "true" },
      { op: "isMemberOf", user: "jdoe", group: "HelpdeskStaff", expect: "false" },
      { op: "isMemberOf", user: "HelpdeskStaff", group: "ITStaff", expect: "true" },
      { op: "policies", expect: "minLength=8 complexity=true history=5 minAge=0 maxAge=3628800000 threshold=4 duration=600000 window=300000" },
      { op: "checkPassword", user: "nobody", password: START, expect: WRONG_BIND },
      { op: "changePassword", user: "nobody", oldPassword: START, newPassword: "Next-2026xy", expect: "NO_SUCH_OBJECT/32/0000208D" },
    ],
  },
  // ---- known differences: the in-memory directory follows Windows here ----
  {
    id: "known-complexity-names",
    title: "Windows refuses a password containing the account name or a display-name token; Samba does not check names",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }, { name: "marple", password: START, displayName: "Jane Marple" }] },
    steps: [
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "X{user}-2026", expect: "CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX", knownDifference: "KD-COMPLEXITY-NAMES", expectSamba: "OK" },
      { op: "resetPassword", actor: "Administrator", user: "marple", password: "Marple-2026x", expect: "CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX", knownDifference: "KD-COMPLEXITY-NAMES", expectSamba: "OK" },
    ],
  },
  {
    id: "known-complexity-symbols",
    title: "Windows counts only caseless letters as the fifth category; Samba counts any non-ASCII character",
    setup: { passwordPolicy: OPEN, users: [{ name: "jdoe", password: START }] },
    steps: [
      { op: "resetPassword", actor: "Administrator", user: "jdoe", password: "abcdefg1€", expect: "CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX", knownDifference: "KD-COMPLEXITY-UNICODE", expectSamba: "OK" },
    ],
  },
  {
    id: "known-protected-accounts",
    title: "AdminSDHolder keeps delegated helpdesks off Domain Admins members; Samba has no SDProp",
    setup: { passwordPolicy: OPEN, users: [{ name: "padmin", password: START }], memberships: [["Domain Admins", "padmin"]] },
    steps: [
      { op: "resetPassword", actor: "helpdesk", user: "padmin", password: "Reset-2026x", expect: NO_RIGHTS, knownDifference: "KD-ADMINSDHOLDER", expectSamba: "OK" },
    ],
  },
];
