import { computerDn, groupDn, type ComputerEntry, type ContainerEntry, type GroupEntry, type UserEntry } from "./entries.ts";
import type { AccountState } from "./password-engine.ts";
import type { ComputerView, ContainerView, DomainControllerView, GroupView, UserView } from "./views.ts";

/** Views are copies: a caller holding one cannot change the directory through it. */
export function userView(entry: UserEntry, state: AccountState, memberOf: readonly string[]): UserView {
  return {
    sAMAccountName: entry.samAccountName,
    userPrincipalName: entry.userPrincipalName,
    distinguishedName: entry.dn,
    ...defined({ displayName: entry.displayName, givenName: entry.givenName, sn: entry.surname, mail: entry.mail, mobile: entry.mobile, department: entry.department, description: entry.description }),
    enabled: entry.enabled,
    serviceAccount: entry.serviceAccount,
    passwordNeverExpires: entry.passwordNeverExpires,
    cannotChangePassword: entry.cannotChangePassword,
    hasPassword: entry.credential !== undefined,
    pwdLastSet: entry.pwdLastSet,
    badPwdCount: state.badPwdCount,
    lockoutTime: entry.lockoutTime,
    lockedOut: state.lockedOut,
    passwordExpired: state.passwordExpired,
    mustChangePassword: state.mustChangePassword,
    memberOf: [...memberOf],
  };
}

export function groupView(group: GroupEntry, members: readonly string[]): GroupView {
  return { sAMAccountName: group.samAccountName, distinguishedName: groupDn(group), scope: group.scope, members: [...members].sort() };
}

export function computerView(c: ComputerEntry, dnsName: string): ComputerView {
  return {
    name: c.name,
    sAMAccountName: `${c.name}$`,
    distinguishedName: computerDn(c),
    dnsHostName: `${c.name.toLowerCase()}.${dnsName}`,
    enabled: c.enabled,
    joined: c.joined,
    ...defined({ os: c.os, dcRole: c.dcRole }),
  };
}

export function dcView(c: ComputerEntry): DomainControllerView {
  return { host: c.name, readOnly: c.dcRole === "readOnly", os: c.os ?? "", distinguishedName: computerDn(c) };
}

export function containerView(entry: ContainerEntry): ContainerView {
  return { distinguishedName: entry.dn, kind: entry.kind, name: entry.name, blockInheritance: entry.blockInheritance };
}

/** Leaves out undefined fields, so views compare and serialise cleanly. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
