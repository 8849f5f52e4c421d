import type { ContainerKind, DcRole, GroupScope } from "./entries.ts";

/** A user as a product reads it: AD attribute names, plus the derived states AD computes. */
export interface UserView {
  readonly sAMAccountName: string;
  readonly userPrincipalName: string;
  readonly distinguishedName: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly sn?: string;
  readonly mail?: string;
  readonly mobile?: string;
  readonly department?: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly serviceAccount: boolean;
  readonly passwordNeverExpires: boolean;
  readonly cannotChangePassword: boolean;
  /** False when no password was ever set (or nobody knows it: see populate). */
  readonly hasPassword: boolean;
  /** ms since 1970 on the lab calendar; 0 means "must change at next logon". */
  readonly pwdLastSet: number;
  readonly badPwdCount: number;
  /** ms since 1970 on the lab calendar; 0 when not locked. Stays set after an automatic unlock until the next good logon, as in AD. */
  readonly lockoutTime: number;
  readonly lockedOut: boolean;
  readonly passwordExpired: boolean;
  readonly mustChangePassword: boolean;
  /** Groups listed directly (memberOf); the primary group is not among them, as in AD. */
  readonly memberOf: readonly string[];
}

export interface GroupView {
  readonly sAMAccountName: string;
  readonly distinguishedName: string;
  readonly scope: GroupScope;
  /** Direct members, by sAMAccountName. */
  readonly members: readonly string[];
}

export interface ComputerView {
  readonly name: string;
  readonly sAMAccountName: string;
  readonly distinguishedName: string;
  readonly dnsHostName: string;
  readonly enabled: boolean;
  readonly joined: boolean;
  readonly os?: string;
  readonly dcRole?: DcRole;
}

export interface DomainControllerView {
  readonly host: string;
  readonly readOnly: boolean;
  readonly os: string;
  readonly distinguishedName: string;
}

export interface ContainerView {
  readonly distinguishedName: string;
  readonly kind: ContainerKind;
  readonly name: string;
  readonly blockInheritance: boolean;
}

/** A serviceConnectionPoint object under a computer account. */
export interface ScpView {
  readonly name: string;
  readonly computer: string;
  readonly distinguishedName: string;
  readonly keywords: readonly string[];
  /** serviceBindingInformation values (URLs, host:port). */
  readonly serviceBindingInformation: readonly string[];
  readonly serviceClassName?: string;
}
