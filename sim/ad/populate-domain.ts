import { dnKey, escapeDnValue } from "./distinguished-name.ts";
import { UserEntry, type ContainerEntry } from "./entries.ts";
import type { ObjectStore } from "./object-store.ts";
import { generatePeople } from "./population.ts";

export interface PopulateDomainInput {
  readonly count: number;
  readonly departments: readonly string[];
  /** Where the department OUs go. */
  readonly parent: ContainerEntry;
  readonly seed: number;
  /** A salted hash every generated user starts with, or undefined for "a password nobody knows". */
  readonly initialCredential: string | undefined;
  readonly pwdLastSet: number;
}

/**
 * Inserts generated people straight into the store: one OU per department,
 * CN = display name (with the sAMAccountName added when two people share a
 * name in one OU), UPN and mail sam@dnsName. No per-user policy check or
 * hashing: this is a bulk import. Returns the department OU DNs.
 */
export function populateDomain(store: ObjectStore, input: PopulateDomainInput): string[] {
  const dnsName = store.domain.dnsName;
  const ous = new Map<string, ContainerEntry>();
  for (const dept of input.departments) {
    const dn = `OU=${escapeDnValue(dept)},${input.parent.dn}`;
    ous.set(dept, store.containers.get(dnKey(dn)) ?? store.addContainer(dn, "organizationalUnit"));
  }
  const isTaken = (sam: string): boolean => store.users.has(sam) || store.groups.has(sam) || store.upns.has(`${sam}@${dnsName}`);
  for (const person of generatePeople(input.seed, input.count, input.departments, isTaken)) {
    const ou = ous.get(person.department)!;
    let cn = person.displayName;
    let leafKey = store.leafKey(cn, ou);
    if (store.hasLeaf(leafKey)) {
      cn = `${person.displayName} (${person.samAccountName})`;
      leafKey = store.leafKey(cn, ou);
    }
    const upn = `${person.samAccountName}@${dnsName}`;
    const entry = new UserEntry(person.samAccountName, upn, cn, ou.dn);
    entry.givenName = person.givenName;
    entry.surname = person.surname;
    entry.displayName = person.displayName;
    entry.mail = upn;
    entry.mobile = person.mobile;
    entry.department = person.department;
    if (input.initialCredential !== undefined) {
      entry.credential = input.initialCredential;
      entry.pwdLastSet = input.pwdLastSet;
    }
    store.insertUser(entry, leafKey);
  }
  return [...ous.values()].map((o) => o.dn);
}
