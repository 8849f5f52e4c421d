import { escapeDnValue } from "./distinguished-name.ts";

/**
 * The directory's stored objects. They are internal: callers get views.
 * DNs are not stored whole; each object keeps its RDN value and its parent's
 * DN (a shared string), which keeps a 100,000-user domain small.
 */

export type ContainerKind = "domain" | "organizationalUnit" | "container";

export interface ContainerEntry {
  readonly dn: string;
  readonly key: string;
  readonly kind: ContainerKind;
  readonly name: string;
  /** gPOptions=1 on an OU: GPOs linked above it do not apply below it (unless enforced). */
  blockInheritance: boolean;
}

export class UserEntry {
  givenName: string | undefined = undefined;
  surname: string | undefined = undefined;
  displayName: string | undefined = undefined;
  mail: string | undefined = undefined;
  mobile: string | undefined = undefined;
  department: string | undefined = undefined;
  description: string | undefined = undefined;
  enabled = true;
  serviceAccount = false;
  /** userAccountControl DONT_EXPIRE_PASSWORD. */
  passwordNeverExpires = false;
  /** userAccountControl PASSWD_CANT_CHANGE: changes (not resets) are refused. */
  cannotChangePassword = false;
  /** Salted hash of the current password; undefined when nobody knows it (see README in index.ts). */
  credential: string | undefined = undefined;
  /** Hashes of earlier passwords, newest first (ntPwdHistory without the current one). */
  previous: string[] | undefined = undefined;
  /** Instants in ms since 1970 (lab calendar); 0 is AD's "never" / "must change". */
  pwdLastSet = 0;
  badPwdCount = 0;
  badPasswordTime = 0;
  lockoutTime = 0;

  constructor(
    public samAccountName: string,
    public userPrincipalName: string,
    public cn: string,
    public parentDn: string,
  ) {}

  get dn(): string {
    return `CN=${escapeDnValue(this.cn)},${this.parentDn}`;
  }
}

export type GroupScope = "global" | "domainLocal" | "universal" | "builtinLocal";

export interface GroupEntry {
  readonly samAccountName: string;
  readonly cn: string;
  parentDn: string;
  readonly scope: GroupScope;
  /** sAMAccountName keys (lower case) of direct members; primary-group members are implicit. */
  readonly members: Set<string>;
}

export type DcRole = "writable" | "readOnly";

export interface ComputerEntry {
  /** NetBIOS name, upper case (sAMAccountName without the trailing $). */
  readonly name: string;
  parentDn: string;
  enabled: boolean;
  /** Whether the host still holds its secure channel; unjoining clears it and disables the account. */
  joined: boolean;
  os: string | undefined;
  dcRole: DcRole | undefined;
}


export function groupDn(group: GroupEntry): string {
  return `CN=${escapeDnValue(group.cn)},${group.parentDn}`;
}

export function computerDn(computer: ComputerEntry): string {
  return `CN=${computer.name},${computer.parentDn}`;
}
