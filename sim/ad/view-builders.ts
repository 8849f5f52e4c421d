import { computerDn, groupDn, type ComputerEntry, type ContainerEntry, type GroupEntry, type UserEntry } from "./entries.ts";
import type { AccountState } from "./password-engine.ts";
import type { ComputerView, ContainerView, DomainControllerView, GroupView, UserView } from "./views.ts";

/** Views are copies: a caller holding one cannot change the directory through it. */
export function userView(entry: UserEntry, state: AccountState, memberOf: readonly string[]): UserView {
  const view: { -readonly [K in keyof UserView]?: UserView[K] } = {
    sAMAccountName: entry.samAccountName,
    userPrincipalName: entry.userPrincipalName,
    distinguishedName: entry.dn,
  };
  // Only the attributes that are set, in this order (views compare and serialise cleanly).
  if (entry.displayName !== undefined) view.displayName = entry.displayName;
  if (entry.givenName !== undefined) view.givenName = entry.givenName;
  if (entry.surname !== undefined) view.sn = entry.surname;
  if (entry.mail !== undefined) view.mail = entry.mail;
  if (entry.mobile !== undefined) view.mobile = entry.mobile;
  if (entry.department !== undefined) view.department = entry.department;
  if (entry.description !== undefined) view.description = entry.description;
  view.enabled = entry.enabled;
  view.serviceAccount = entry.serviceAccount;
  view.passwordNeverExpires = entry.passwordNeverExpires;
  view.cannotChangePassword = entry.cannotChangePassword;
  view.hasPassword = entry.credential !== undefined;
  view.pwdLastSet = entry.pwdLastSet;
  view.badPwdCount = state.badPwdCount;
  view.lockoutTime = entry.lockoutTime;
  view.lockedOut = state.lockedOut;
  view.passwordExpired = state.passwordExpired;
  view.mustChangePassword = state.mustChangePassword;
  view.memberOf = [...memberOf];
  return view as UserView;
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
    ...(c.os !== undefined ? { os: c.os } : {}),
    ...(c.dcRole !== undefined ? { dcRole: c.dcRole } : {}),
  };
}

export function dcView(c: ComputerEntry): DomainControllerView {
  return { host: c.name, readOnly: c.dcRole === "readOnly", os: c.os ?? "", distinguishedName: computerDn(c) };
}

export function containerView(entry: ContainerEntry): ContainerView {
  return { distinguishedName: entry.dn, kind: entry.kind, name: entry.name, blockInheritance: entry.blockInheritance };
}
