import type { DirectoryResult } from "./directory-error.ts";
import type { Directory } from "./directory.ts";
import type { LockoutPolicy, PasswordPolicy } from "./policies.ts";
import type { UserView } from "./views.ts";

/**
 * What the products use to talk to a directory. Asynchronous because a real
 * backend (Samba over LDAP) will implement it too; results are data, in AD's
 * error terms, never exceptions.
 */
export interface DirectoryService {
  /** By sAMAccountName, UPN or DOMAIN\user. */
  findUser(name: string): Promise<UserView | undefined>;
  /** A bind. */
  checkPassword(user: string, password: string): Promise<DirectoryResult>;
  resetPassword(actor: string, user: string, newPassword: string, options?: { mustChange?: boolean; unlock?: boolean }): Promise<DirectoryResult>;
  changePassword(user: string, oldPassword: string, newPassword: string): Promise<DirectoryResult>;
  unlock(actor: string, user: string): Promise<DirectoryResult>;
  /** Nested membership, the primary group included. */
  isMemberOf(user: string, group: string): Promise<boolean>;
  canResetPassword(actor: string, user: string): Promise<boolean>;
  passwordPolicy(): Promise<PasswordPolicy>;
  lockoutPolicy(): Promise<LockoutPolicy>;
}

/** The lab's implementation: the synchronous Directory behind promises. */
export class InMemoryDirectoryService implements DirectoryService {
  constructor(private readonly directory: Directory) {}

  async findUser(name: string): Promise<UserView | undefined> {
    return this.directory.user(name);
  }

  async checkPassword(user: string, password: string): Promise<DirectoryResult> {
    return this.directory.checkPassword(user, password);
  }

  async resetPassword(actor: string, user: string, newPassword: string, options?: { mustChange?: boolean; unlock?: boolean }): Promise<DirectoryResult> {
    return this.directory.resetPassword(actor, user, newPassword, options);
  }

  async changePassword(user: string, oldPassword: string, newPassword: string): Promise<DirectoryResult> {
    return this.directory.changePassword(user, oldPassword, newPassword);
  }

  async unlock(actor: string, user: string): Promise<DirectoryResult> {
    return this.directory.unlock(actor, user);
  }

  async isMemberOf(user: string, group: string): Promise<boolean> {
    return this.directory.isMemberOf(user, group);
  }

  async canResetPassword(actor: string, user: string): Promise<boolean> {
    return this.directory.canReset(actor, user);
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    return this.directory.passwordPolicy();
  }

  async lockoutPolicy(): Promise<LockoutPolicy> {
    return this.directory.lockoutPolicy();
  }
}
