import type { Lab } from "../../lab.ts";
import { readServerConfig } from "./server-config.ts";
import { ELEVATED_GROUPS } from "./server-runtime.ts";
import { sprState } from "./spr-state.ts";

export interface TestAccount {
  readonly name: string;
  password(): string;
}

/** Accounts the lab treats as elevated (it asks them to check the Helpdesk pages; the Server decides whether they may). */
const ELEVATED = new Set<string>([...ELEVATED_GROUPS, "Enterprise Admins", "Account Operators"].map((g) => g.toLowerCase()));

/** Service accounts the Servers run as: never used as test users. */
function serviceAccounts(lab: Lab): Set<string> {
  return new Set(lab.hosts().map((h) => readServerConfig(h.fs)?.serviceAccount.toLowerCase()).filter((n): n is string => !!n));
}

function account(lab: Lab, name: string, initial: string): TestAccount {
  const passwords = sprState(lab).passwords;
  const key = name.toLowerCase();
  if (!passwords.has(key)) passwords.set(key, initial);
  return { name, password: () => passwords.get(key)! };
}

/**
 * The user the post-upgrade tests run as: the first account of the
 * scenario's domain that is enabled, not elevated and not a service account.
 */
export function testUser(lab: Lab): TestAccount | undefined {
  const services = serviceAccounts(lab);
  const found = (lab.spec.domain?.accounts ?? []).find(
    (a) => !a.disabled && !services.has(a.name.toLowerCase()) && !(a.groups ?? []).some((g) => ELEVATED.has(g.toLowerCase())),
  );
  return found && account(lab, found.name, found.password);
}

/** The elevated account that checks the Helpdesk and Reporting pages: the first one in the Helpdesk group or Domain Admins. */
export function elevatedUser(lab: Lab): TestAccount | undefined {
  const services = serviceAccounts(lab);
  const found = (lab.spec.domain?.accounts ?? []).find(
    (a) => !a.disabled && !services.has(a.name.toLowerCase()) && (a.groups ?? []).some((g) => ELEVATED.has(g.toLowerCase())),
  );
  return found && account(lab, found.name, found.password);
}

const WORDS = ["river", "copper", "lantern", "meadow", "harbor", "violet", "summit", "pebble"];

/** A new password the domain's policy accepts; a passphrase (spaces, long) when Specops Password Policy asks for them. */
export function nextPassword(lab: Lab): string {
  const state = sprState(lab);
  const n = ++state.passwordSerial;
  if (state.passwordPolicy?.passphrases) {
    return `Quiet ${WORDS[n % WORDS.length]} ${WORDS[(n + 3) % WORDS.length]} ${WORDS[(n + 5) % WORDS.length]} ${1000 + n}`;
  }
  return `Spr#${1000 + n}Reset`;
}

export const TEST_ANSWERS = "blue|paris|rex";
