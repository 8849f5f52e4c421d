import { Directory, InMemoryDirectoryService, type DelegatedRight, type DirectoryService, type LockoutPolicy, type PasswordPolicy } from "../ad/index.ts";
import { createContext, type LabContext } from "../kernel/index.ts";
import type { AdminUserSpec, DirectoryAdmin } from "./directory-admin.ts";
import type { SambaDcEndpoint } from "./samba-domain.ts";

/** The in-memory directory behind the DirectoryAdmin interface, on its own lab clock. */
export class InMemoryDirectoryAdmin implements DirectoryAdmin {
  readonly service: DirectoryService;
  readonly directory: Directory;
  readonly context: LabContext;

  constructor(directory: Directory, context: LabContext) {
    this.directory = directory;
    this.context = context;
    this.service = new InMemoryDirectoryService(directory);
  }

  /** A directory named like the DC (same realm, NetBIOS name and Administrator password), so names and DNs line up. */
  static like(endpoint: Pick<SambaDcEndpoint, "dnsName" | "netbiosName" | "adminPassword">, seed = 1): InMemoryDirectoryAdmin {
    const context = createContext(seed);
    const directory = new Directory(context, { dnsName: endpoint.dnsName, netbiosName: endpoint.netbiosName, administratorPassword: endpoint.adminPassword });
    return new InMemoryDirectoryAdmin(directory, context);
  }

  get domainDn(): string {
    return this.directory.domainDn;
  }

  async createOu(name: string): Promise<string> {
    return this.directory.createOu(`OU=${name},${this.directory.domainDn}`).distinguishedName;
  }

  async createUser(spec: AdminUserSpec): Promise<void> {
    this.directory.createUser({
      samAccountName: spec.samAccountName,
      ...(spec.ouDn === undefined ? {} : { ou: spec.ouDn }),
      ...(spec.displayName === undefined ? {} : { displayName: spec.displayName }),
      password: spec.password,
      mustChangePassword: spec.mustChangePassword === true,
      enabled: spec.enabled ?? true,
      passwordNeverExpires: spec.passwordNeverExpires === true,
    });
  }

  async createGroup(name: string): Promise<void> {
    this.directory.createGroup(name);
  }

  async addToGroup(group: string, member: string): Promise<void> {
    this.directory.addToGroup(group, member);
  }

  async delegate(ouDn: string, trustee: string, rights: readonly DelegatedRight[]): Promise<void> {
    this.directory.delegate(ouDn, trustee, rights);
  }

  async setAccountEnabled(user: string, enabled: boolean): Promise<void> {
    this.directory.setAccountEnabled(user, enabled);
  }

  async setPolicies(password: PasswordPolicy, lockout: LockoutPolicy): Promise<void> {
    this.directory.setLockoutPolicy(lockout);
    this.directory.setPasswordPolicy(password);
  }

  async elapse(ms: number): Promise<void> {
    this.context.clock.advance(ms);
  }
}
