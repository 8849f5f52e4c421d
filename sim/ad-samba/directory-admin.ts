import type { DelegatedRight, DirectoryService, LockoutPolicy, PasswordPolicy } from "../ad/index.ts";

/** A user to create for a test; the password is required (both backends set it like a reset). */
export interface AdminUserSpec {
  readonly samAccountName: string;
  /** Parent OU DN; CN=Users by default. */
  readonly ouDn?: string;
  readonly password: string;
  readonly displayName?: string;
  readonly mustChangePassword?: boolean;
  readonly enabled?: boolean;
  readonly passwordNeverExpires?: boolean;
}

/**
 * The setup side of a directory, as an administrator's console does it:
 * what a parity test needs to build the same estate in both backends before
 * it runs the same DirectoryService operations on each. Setup that the
 * directory refuses throws a LabError.
 */
export interface DirectoryAdmin {
  readonly service: DirectoryService;
  readonly domainDn: string;
  /** An OU directly under the domain head; returns its DN. */
  createOu(name: string): Promise<string>;
  createUser(spec: AdminUserSpec): Promise<void>;
  createGroup(name: string): Promise<void>;
  addToGroup(group: string, member: string): Promise<void>;
  /** Grants rights on an OU to a user or group, inherited by the users below. */
  delegate(ouDn: string, trustee: string, rights: readonly DelegatedRight[]): Promise<void>;
  setAccountEnabled(user: string, enabled: boolean): Promise<void>;
  /** The whole domain policy, every field given (the backends' defaults differ in nothing but must not be trusted to). */
  setPolicies(password: PasswordPolicy, lockout: LockoutPolicy): Promise<void>;
  /** Lets time pass: the lab clock advances; on a real DC, real time is waited out. */
  elapse(ms: number): Promise<void>;
}
