import { LabError, type LabContext, type Rng } from "../kernel/index.ts";
import { AccessControl, DELEGATED_RIGHTS, type DelegatedRight, type EffectiveRights } from "./access-control.ts";
import {
  OK,
  accountDisabled,
  fail,
  insufficientRights,
  invalidCredentials,
  noSuchObject,
  type DirectoryError,
  type DirectoryResult,
} from "./directory-error.ts";
import { dnKey, domainDnFromDns, formatDn, isUnderDn, parseDn } from "./distinguished-name.ts";
import { UserEntry, computerDn, groupDn, type ComputerEntry, type GroupEntry, type GroupScope } from "./entries.ts";
import {
  DEFAULT_DC_POLICY_GUID,
  DEFAULT_DOMAIN_POLICY_GUID,
  GroupPolicyStore,
  type AdminTemplateSetting,
  type GpoLinkView,
  type GpoView,
  type PackageArch,
  type SoftwarePackage,
} from "./group-policy.ts";
import { IMPLICIT_GROUPS, Membership } from "./membership.ts";
import { ObjectStore, principalName } from "./object-store.ts";
import { validateComputerName, validateDnsDomain, validateNetbiosDomain, validateSamAccountName } from "./name-rules.ts";
import { PasswordEngine } from "./password-engine.ts";
import { PasswordHasher } from "./password-hasher.ts";
import { resolveLockoutPolicy, resolvePasswordPolicy, type LockoutPolicy, type PasswordPolicy } from "./policies.ts";
import { populateDomain } from "./populate-domain.ts";
import { DEFAULT_DEPARTMENTS } from "./population.ts";
import { ScpStore, type ScpSpec } from "./scp-store.ts";
import { serviceLogonProvider, type ServiceLogonProvider } from "./service-logon.ts";
import { assignedSoftware, planInstallation, type InstallDecision, type ShareFileResolver, type SoftwareAssignment } from "./software-installation.ts";
import { computerView, containerView, dcView, groupView, userView } from "./view-builders.ts";
import type { ComputerView, ContainerView, DomainControllerView, GroupView, ScpView, UserView } from "./views.ts";

export interface DirectoryOptions {
  readonly dnsName: string;
  /** Defaults to the first DNS label, upper-cased. */
  readonly netbiosName?: string;
  readonly passwordPolicy?: Partial<PasswordPolicy>;
  readonly lockoutPolicy?: Partial<LockoutPolicy>;
  /** The built-in Administrator's password (policy-checked); without it Administrator cannot log on. */
  readonly administratorPassword?: string;
}

export interface UserSpec {
  readonly samAccountName: string;
  /** Parent container DN; CN=Users by default. */
  readonly ou?: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly displayName?: string;
  /** Defaults to sAMAccountName@dnsName. */
  readonly userPrincipalName?: string;
  readonly mail?: string;
  readonly mobile?: string;
  readonly department?: string;
  readonly description?: string;
  /** Checked against the policy like a reset; a user created without one starts disabled, as in AD. */
  readonly password?: string;
  readonly mustChangePassword?: boolean;
  readonly enabled?: boolean;
  readonly passwordNeverExpires?: boolean;
  readonly cannotChangePassword?: boolean;
}

export interface PopulationOptions {
  readonly users: number;
  readonly departments?: readonly string[];
  /** Where the department OUs go; the domain head by default. */
  readonly parentOu?: string;
  /**
   * One initial password for everyone (bulk provisioning, no policy check),
   * stored as one salted hash the users share until their first password set
   * gives each a hash with its own salt. Without it the users hold a password
   * nobody knows: every logon fails (52e) until someone resets it.
   */
  readonly initialPassword?: string;
  /** pwdLastSet=0 on the generated users; true by default when an initial password is given. */
  readonly mustChangePassword?: boolean;
}

export interface PopulationSummary {
  readonly users: number;
  readonly departmentOus: readonly string[];
  readonly fakerSeed: number;
}

const BUILTIN_GROUPS: ReadonlyArray<{ name: string; scope: GroupScope; builtin: boolean }> = [
  { name: "Administrators", scope: "builtinLocal", builtin: true },
  { name: "Account Operators", scope: "builtinLocal", builtin: true },
  { name: "Domain Admins", scope: "global", builtin: false },
  { name: "Enterprise Admins", scope: "universal", builtin: false },
  { name: "Domain Users", scope: "global", builtin: false },
  { name: "Domain Computers", scope: "global", builtin: false },
  { name: "Domain Controllers", scope: "global", builtin: false },
  { name: "Read-only Domain Controllers", scope: "global", builtin: false },
];

/**
 * One Active Directory domain, in memory, on the lab's clock and rng. Setup
 * calls (OUs, users, groups, joins, GPOs) throw a LabError on bad input;
 * the operations a product performs (binds, resets, changes, unlocks) return
 * `DirectoryResult` data in AD's own error terms. Every change records a
 * trace event from component "ad" on the DC that handled it (the first
 * writable DC, or the domain name before any DC exists) — never a password.
 */
export class Directory {
  readonly dnsName: string;
  readonly netbiosName: string;
  readonly domainDn: string;
  readonly usersContainerDn: string;
  readonly computersContainerDn: string;
  readonly domainControllersOuDn: string;

  readonly #ctx: LabContext;
  readonly #rng: Rng;
  #populationRng: Rng | undefined;
  readonly #hasher: PasswordHasher;
  readonly #engine: PasswordEngine;
  readonly #store: ObjectStore;
  readonly #membership: Membership;
  readonly #access: AccessControl;
  readonly #gp: GroupPolicyStore;
  readonly #scps = new ScpStore();
  readonly #dcOrder: string[] = [];

  constructor(context: LabContext, options: DirectoryOptions) {
    validateDnsDomain(options.dnsName);
    this.#ctx = context;
    this.dnsName = options.dnsName.toLowerCase();
    this.netbiosName = (options.netbiosName ?? this.dnsName.split(".")[0]!.slice(0, 15)).toUpperCase();
    validateNetbiosDomain(this.netbiosName);
    this.domainDn = domainDnFromDns(this.dnsName);
    this.usersContainerDn = `CN=Users,${this.domainDn}`;
    this.computersContainerDn = `CN=Computers,${this.domainDn}`;
    this.domainControllersOuDn = `OU=Domain Controllers,${this.domainDn}`;

    this.#store = new ObjectStore(this);
    const rng = context.rng.fork(`ad/${this.dnsName}`);
    this.#rng = rng;
    this.#hasher = new PasswordHasher(rng.fork("salts"));
    this.#engine = new PasswordEngine(context.clock, this.#hasher, resolvePasswordPolicy(options.passwordPolicy), resolveLockoutPolicy(options.lockoutPolicy));
    this.#membership = new Membership(this.#store.groups, (key) => this.#store.primaryGroupOf(key));
    this.#access = new AccessControl(this.#membership);
    // Forks consume nothing, so the streams only some labs use are made when first needed.
    this.#gp = new GroupPolicyStore(() => rng.fork("gpo-guids"), this.domainDn);

    this.#store.addContainer(this.domainDn, "domain");
    this.#store.addContainer(this.usersContainerDn, "container");
    this.#store.addContainer(this.computersContainerDn, "container");
    this.#store.addContainer(`CN=Builtin,${this.domainDn}`, "container");
    this.#store.addContainer(this.domainControllersOuDn, "organizationalUnit");
    for (const g of BUILTIN_GROUPS) this.#store.insertGroup(g.name, g.builtin ? `CN=Builtin,${this.domainDn}` : this.usersContainerDn, g.scope);
    this.#membership.add("administrators", "domain admins");
    this.#membership.add("administrators", "enterprise admins");
    const users = this.#store.container(this.usersContainerDn);
    const admin = this.#store.insertUser(new UserEntry("Administrator", `Administrator@${this.dnsName}`, "Administrator", users.dn), this.#store.leafKey("Administrator", users));
    for (const g of ["administrators", "domain admins", "enterprise admins"]) this.#membership.add(g, "administrator");
    if (options.administratorPassword !== undefined) {
      const refusal = this.#engine.checkQuality(admin, options.administratorPassword);
      if (refusal) throw this.#asLabError(refusal, "the administrator password");
      this.#engine.store(admin, options.administratorPassword, false);
    }
    this.#gp.create("Default Domain Policy", DEFAULT_DOMAIN_POLICY_GUID);
    this.#gp.create("Default Domain Controllers Policy", DEFAULT_DC_POLICY_GUID);
    this.#gp.link(DEFAULT_DOMAIN_POLICY_GUID, this.#store.container(this.domainDn));
    this.#gp.link(DEFAULT_DC_POLICY_GUID, this.#store.container(this.domainControllersOuDn));
    this.#record("domain-created", { dnsName: this.dnsName, netbiosName: this.netbiosName, domainDn: this.domainDn });
  }

  // ---- policies ---------------------------------------------------------

  passwordPolicy(): PasswordPolicy {
    return this.#engine.passwordPolicy;
  }

  lockoutPolicy(): LockoutPolicy {
    return this.#engine.lockoutPolicy;
  }

  setPasswordPolicy(change: Partial<PasswordPolicy>): PasswordPolicy {
    this.#engine.passwordPolicy = resolvePasswordPolicy(change, this.#engine.passwordPolicy);
    this.#record("password-policy-set", { ...this.#engine.passwordPolicy });
    return this.#engine.passwordPolicy;
  }

  setLockoutPolicy(change: Partial<LockoutPolicy>): LockoutPolicy {
    this.#engine.lockoutPolicy = resolveLockoutPolicy(change, this.#engine.lockoutPolicy);
    this.#record("lockout-policy-set", { ...this.#engine.lockoutPolicy });
    return this.#engine.lockoutPolicy;
  }

  // ---- domain controllers -------------------------------------------------

  /** Records a lab host as a DC: its computer account moves to the Domain Controllers OU. */
  addDomainController(host: string, options: { readOnly?: boolean; os: string }): DomainControllerView {
    const name = this.#store.hostName(host);
    validateComputerName(name);
    if (typeof options?.os !== "string" || options.os === "") throw new LabError({ code: "AD_BAD_DC", message: `domain controller ${name} needs an OS id` });
    const key = name.toLowerCase();
    let computer = this.#store.computers.get(key);
    if (computer?.dcRole) throw new LabError({ code: "AD_ALREADY_DC", message: `${name} is already a domain controller` });
    const dcOu = this.#store.container(this.domainControllersOuDn);
    if (!computer) computer = this.#store.insertComputer(name, dcOu);
    else this.#store.moveComputer(computer, dcOu);
    computer.dcRole = options.readOnly ? "readOnly" : "writable";
    computer.os = options.os;
    computer.enabled = true;
    computer.joined = true;
    this.#dcOrder.push(key);
    this.#record("dc-added", { host: name, readOnly: options.readOnly === true, os: options.os });
    return dcView(computer);
  }

  domainControllers(): DomainControllerView[] {
    return this.#dcOrder.map((k) => dcView(this.#store.computers.get(k)!));
  }

  // ---- containers -------------------------------------------------------

  createOu(dn: string, options: { blockInheritance?: boolean } = {}): ContainerView {
    const rdns = parseDn(dn);
    if (rdns[0]!.type !== "OU") throw new LabError({ code: "AD_INVALID_DN", message: `${dn} is not an OU DN (it must start with OU=)` });
    const parent = formatDn(rdns.slice(1));
    this.#store.container(parent);
    if (this.#store.containers.has(dnKey(dn))) throw new LabError({ code: "AD_ENTRY_EXISTS", message: `${dn} already exists`, details: { ldapCode: 68 } });
    const entry = this.#store.addContainer(formatDn(rdns), "organizationalUnit");
    entry.blockInheritance = options.blockInheritance === true;
    this.#record("ou-created", { dn: entry.dn });
    return containerView(entry);
  }

  ou(dn: string): ContainerView | undefined {
    let key: string;
    try {
      key = dnKey(dn);
    } catch {
      return undefined;
    }
    const entry = this.#store.containers.get(key);
    return entry && containerView(entry);
  }

  setBlockInheritance(ouDn: string, block: boolean): ContainerView {
    const entry = this.#store.container(ouDn);
    if (entry.kind !== "organizationalUnit") throw new LabError({ code: "AD_CANNOT_BLOCK", message: `only OUs can block inheritance; ${entry.dn} is a ${entry.kind}` });
    entry.blockInheritance = block;
    this.#record("block-inheritance-set", { dn: entry.dn, block });
    return containerView(entry);
  }

  // ---- users --------------------------------------------------------------

  createUser(spec: UserSpec): UserView {
    return this.#userView(this.#createUser(spec, false));
  }

  /** A user that services log on as. It is an ordinary user in AD; the flag only marks intent. */
  createServiceAccount(spec: UserSpec): UserView {
    return this.#userView(this.#createUser(spec, true));
  }

  /** By sAMAccountName, UPN, DOMAIN\user or DN. */
  user(name: string): UserView | undefined {
    const entry = this.#store.findUser(name);
    return entry && this.#userView(entry);
  }

  /** The sAMAccountName of the user `name` finds (as `user` does), without building the whole view. */
  userName(name: string): string | undefined {
    return this.#store.findUser(name)?.samAccountName;
  }

  users(options: { under?: string } = {}): UserView[] {
    const out: UserView[] = [];
    for (const entry of this.#store.users.values()) {
      if (!options.under || isUnderDn(entry.parentDn, options.under)) out.push(this.#userView(entry));
    }
    return out;
  }

  get userCount(): number {
    return this.#store.users.size;
  }

  setAccountEnabled(name: string, enabled: boolean): UserView {
    const entry = this.#store.requireUser(name);
    entry.enabled = enabled;
    this.#record(enabled ? "account-enabled" : "account-disabled", { user: entry.samAccountName });
    return this.#userView(entry);
  }

  setUserFlags(name: string, flags: { passwordNeverExpires?: boolean; cannotChangePassword?: boolean }): UserView {
    const entry = this.#store.requireUser(name);
    if (flags.passwordNeverExpires !== undefined) entry.passwordNeverExpires = flags.passwordNeverExpires;
    if (flags.cannotChangePassword !== undefined) entry.cannotChangePassword = flags.cannotChangePassword;
    this.#record("account-flags-set", { user: entry.samAccountName, ...flags });
    return this.#userView(entry);
  }

  moveUser(name: string, ouDn: string): UserView {
    const entry = this.#store.requireUser(name);
    const from = entry.dn;
    this.#store.moveUser(entry, this.#store.container(ouDn));
    this.#record("object-moved", { from, to: entry.dn });
    return this.#userView(entry);
  }

  // ---- groups -------------------------------------------------------------

  createGroup(name: string, options: { ou?: string; scope?: GroupScope } = {}): GroupView {
    validateSamAccountName(name, 64, "group");
    this.#store.requireFreeSam(name);
    const group = this.#store.insertGroup(name, this.#store.container(options.ou ?? this.usersContainerDn).dn, options.scope ?? "global");
    this.#record("group-created", { group: name, dn: groupDn(group) });
    return this.#groupView(group);
  }

  group(name: string): GroupView | undefined {
    const group = this.#store.groups.get(this.#store.samOf(name).toLowerCase());
    return group && this.#groupView(group);
  }

  addToGroup(groupName: string, memberName: string): void {
    const group = this.#store.requireGroup(groupName);
    const member = this.#store.requirePrincipal(memberName);
    if (member.key === group.samAccountName.toLowerCase()) throw new LabError({ code: "AD_BAD_MEMBERSHIP", message: `a group cannot contain itself (${group.samAccountName})` });
    if (this.#membership.add(group.samAccountName.toLowerCase(), member.key)) {
      this.#record("group-member-added", { group: group.samAccountName, member: principalName(member) });
    }
  }

  removeFromGroup(groupName: string, memberName: string): void {
    const group = this.#store.requireGroup(groupName);
    const member = this.#store.requirePrincipal(memberName);
    if (this.#membership.remove(group.samAccountName.toLowerCase(), member.key)) {
      this.#record("group-member-removed", { group: group.samAccountName, member: principalName(member) });
    }
  }

  /** Nested membership, the primary group included; false for unknown names. */
  isMemberOf(principalName: string, groupName: string): boolean {
    const principal = this.#store.findPrincipal(principalName);
    const groupKey = this.#store.samOf(groupName).toLowerCase();
    return principal !== undefined && this.#membership.isMember(principal.key, groupKey);
  }

  /** Every group (nested, primary included), by name, sorted. */
  groupsOf(principalName: string): string[] {
    const principal = this.#store.findPrincipal(principalName);
    if (!principal) return [];
    return [...this.#membership.allGroups(principal.key)].map((k) => this.#store.groups.get(k)!.samAccountName).sort();
  }

  // ---- computers ----------------------------------------------------------

  /** Creates (or re-enables, after an unjoin) the computer account of a host joining the domain. */
  joinComputer(host: string, options: { ou?: string; os?: string } = {}): ComputerView {
    const name = this.#store.hostName(host);
    validateComputerName(name);
    const existing = this.#store.computers.get(name.toLowerCase());
    if (existing?.joined) throw new LabError({ code: "AD_ALREADY_JOINED", message: `${name} is already joined to ${this.dnsName}` });
    let computer: ComputerEntry;
    if (existing) {
      computer = existing;
      if (options.ou) this.#store.moveComputer(computer, this.#store.container(options.ou));
    } else {
      this.#store.requireFreeSam(`${name}$`);
      computer = this.#store.insertComputer(name, this.#store.container(options.ou ?? this.computersContainerDn));
    }
    computer.enabled = true;
    computer.joined = true;
    if (options.os !== undefined) computer.os = options.os;
    this.#record("computer-joined", { computer: name, dn: computerDn(computer), reusedAccount: existing !== undefined });
    return computerView(computer, this.dnsName);
  }

  /**
   * The host leaves the domain. As `Remove-Computer` does, the account stays,
   * disabled (its SCPs with it); `deleteAccount` removes it and its children.
   */
  unjoinComputer(host: string, options: { deleteAccount?: boolean } = {}): void {
    const computer = this.#store.requireComputer(host);
    if (computer.dcRole) throw new LabError({ code: "AD_IS_DC", message: `${computer.name} is a domain controller; demote it first` });
    computer.joined = false;
    computer.enabled = false;
    if (options.deleteAccount) {
      this.#scps.removeAll(computer.name);
      this.#membership.forget(`${computer.name.toLowerCase()}$`);
      this.#store.deleteComputer(computer);
    }
    this.#record("computer-unjoined", { computer: computer.name, accountDeleted: options.deleteAccount === true });
  }

  /** A joined host: its account exists, is enabled and it holds the secure channel. */
  isJoined(host: string): boolean {
    const computer = this.#store.findComputer(host);
    return computer !== undefined && computer.enabled && computer.joined;
  }

  computer(host: string): ComputerView | undefined {
    const computer = this.#store.findComputer(host);
    return computer && computerView(computer, this.dnsName);
  }

  moveComputer(host: string, ouDn: string): ComputerView {
    const computer = this.#store.requireComputer(host);
    const from = computerDn(computer);
    this.#store.moveComputer(computer, this.#store.container(ouDn));
    this.#record("object-moved", { from, to: computerDn(computer) });
    return computerView(computer, this.dnsName);
  }

  // ---- delegation and rights -----------------------------------------------

  /** Grants rights on an OU (or the domain) to a user or group, inherited by every user below. */
  delegate(ouDn: string, trustee: string, rights: readonly DelegatedRight[]): void {
    const container = this.#store.container(ouDn);
    const principal = this.#store.requirePrincipal(trustee, true);
    const unknown = rights.filter((r) => !DELEGATED_RIGHTS.includes(r));
    if (unknown.length > 0 || rights.length === 0) {
      throw new LabError({ code: "AD_BAD_RIGHTS", message: `rights must be some of ${DELEGATED_RIGHTS.join(", ")}; got ${rights.join(", ") || "none"}` });
    }
    this.#access.delegate({ ouDn: container.dn, trustee: principal.key, rights: new Set(rights) });
    this.#record("delegation-granted", { ou: container.dn, trustee: principalName(principal), rights: [...rights] });
  }

  revokeDelegation(ouDn: string, trustee: string): number {
    const principal = this.#store.requirePrincipal(trustee, true);
    const removed = this.#access.revoke(this.#store.container(ouDn).dn, principal.key);
    if (removed > 0) this.#record("delegation-revoked", { ou: ouDn, trustee: principalName(principal) });
    return removed;
  }

  /** What `actor` may do to `target`, or undefined when either is unknown. */
  rightsOver(actor: string, target: string): EffectiveRights | undefined {
    const a = this.#store.findPrincipal(actor);
    const t = this.#store.findUser(target);
    return a && t ? this.#access.rights(a.key, t.samAccountName.toLowerCase(), t.dn) : undefined;
  }

  canReset(actor: string, target: string): boolean {
    return this.rightsOver(actor, target)?.resetPassword === true;
  }

  // ---- passwords and logons ---------------------------------------------------

  /** A bind with a name in any accepted form. Unknown users fail like a wrong password (52e), as Samba answers. */
  authenticate(account: string, password: string): DirectoryResult {
    const entry = this.#store.findUser(account);
    if (!entry) {
      this.#record("logon-failed", { account, code: "INVALID_CREDENTIALS", adData: "52e", cause: "no such user" });
      return fail(invalidCredentials());
    }
    const outcome = this.#engine.bind(entry, password);
    if (outcome.result.ok) {
      this.#record("logon", { user: entry.samAccountName });
    } else {
      const error = outcome.result.error;
      this.#record("logon-failed", { user: entry.samAccountName, code: error.code, adData: error.adData, badPwdCount: this.#engine.effectiveBadPwdCount(entry), counted: outcome.counted });
    }
    if (outcome.lockedNow) this.#record("account-locked-out", { user: entry.samAccountName, badPwdCount: entry.badPwdCount });
    return outcome.result;
  }

  /** Same as authenticate: an LDAP simple bind. */
  checkPassword(user: string, password: string): DirectoryResult {
    return this.authenticate(user, password);
  }

  /** Provisioning as SYSTEM on the DC: policy-checked like a reset, no rights needed. */
  setPassword(user: string, newPassword: string, options: { mustChange?: boolean } = {}): DirectoryResult {
    const entry = this.#store.findUser(user);
    if (!entry) return fail(noSuchObject(user, this.domainDn));
    const result = this.#engine.reset(entry, newPassword, { mustChange: options.mustChange === true });
    this.#recordPasswordResult("password-set", "password-set-refused", result, { user: entry.samAccountName, mustChange: options.mustChange === true });
    return result;
  }

  /** An administrative reset: rights checked, then length and complexity (never history or minimum age). */
  resetPassword(actor: string, user: string, newPassword: string, options: { mustChange?: boolean; unlock?: boolean } = {}): DirectoryResult {
    const session = this.#actorSession(actor);
    if (!session.ok) return session;
    const entry = this.#store.findUser(user);
    if (!entry) return fail(noSuchObject(user, this.domainDn));
    const rights = this.#access.rights(session.key, entry.samAccountName.toLowerCase(), entry.dn);
    const missing = !rights.resetPassword
      ? "Reset Password"
      : options.mustChange && !rights.forceChange
        ? "Write pwdLastSet"
        : options.unlock && !rights.unlock
          ? "Write lockoutTime"
          : undefined;
    const data = { actor: session.name, user: entry.samAccountName, mustChange: options.mustChange === true, unlock: options.unlock === true };
    if (missing) {
      const result = fail(insufficientRights(`${missing} on ${entry.dn}, basis: ${rights.basis}`));
      this.#recordPasswordResult("password-reset", "password-reset-refused", result, data);
      return result;
    }
    const result = this.#engine.reset(entry, newPassword, options);
    this.#recordPasswordResult("password-reset", "password-reset-refused", result, data);
    return result;
  }

  /** The user's own change: old password, then minimum age, length, complexity, history. */
  changePassword(user: string, oldPassword: string, newPassword: string): DirectoryResult {
    const entry = this.#store.findUser(user);
    if (!entry) return fail(noSuchObject(user, this.domainDn));
    const result = this.#engine.change(entry, oldPassword, newPassword);
    const plain: DirectoryResult = result.ok ? OK : { ok: false, error: result.error };
    this.#recordPasswordResult("password-changed", "password-change-refused", plain, { user: entry.samAccountName, badPwdCount: this.#engine.effectiveBadPwdCount(entry) });
    if (result.lockedNow) this.#record("account-locked-out", { user: entry.samAccountName, badPwdCount: entry.badPwdCount });
    return plain;
  }

  unlock(actor: string, user: string): DirectoryResult {
    const session = this.#actorSession(actor);
    if (!session.ok) return session;
    const entry = this.#store.findUser(user);
    if (!entry) return fail(noSuchObject(user, this.domainDn));
    const rights = this.#access.rights(session.key, entry.samAccountName.toLowerCase(), entry.dn);
    if (!rights.unlock) {
      const result = fail(insufficientRights(`Write lockoutTime on ${entry.dn}, basis: ${rights.basis}`));
      this.#recordPasswordResult("account-unlocked", "unlock-refused", result, { actor: session.name, user: entry.samAccountName });
      return result;
    }
    this.#engine.unlock(entry);
    this.#record("account-unlocked", { actor: session.name, user: entry.samAccountName });
    return OK;
  }

  /** What the service control manager of a joined host calls to check a service account. */
  serviceLogonProvider(): ServiceLogonProvider {
    return serviceLogonProvider((account, password) => this.authenticate(account, password));
  }

  // ---- group policy -------------------------------------------------------------

  createGpo(name: string): GpoView {
    const gpo = this.#gp.create(name);
    this.#record("gpo-created", { gpo: gpo.name, guid: gpo.guid });
    return gpo;
  }

  gpo(nameOrGuid: string): GpoView | undefined {
    return this.#gp.get(nameOrGuid);
  }

  gpos(): GpoView[] {
    return this.#gp.all();
  }

  /** Links a GPO to the domain head or an OU (the Domain Controllers OU included); containers refuse links, as in AD. */
  linkGpo(gpo: string, targetDn: string, options: { enabled?: boolean; enforced?: boolean; order?: number } = {}): GpoLinkView {
    const link = this.#gp.link(gpo, this.#store.container(targetDn), options);
    this.#record("gpo-linked", { ...link });
    return link;
  }

  setGpoLink(gpo: string, targetDn: string, change: { enabled?: boolean; enforced?: boolean }): GpoLinkView {
    const link = this.#gp.updateLink(gpo, this.#store.container(targetDn), change);
    this.#record("gpo-link-changed", { ...link });
    return link;
  }

  unlinkGpo(gpo: string, targetDn: string): void {
    const target = this.#store.container(targetDn);
    this.#gp.unlink(gpo, target);
    this.#record("gpo-unlinked", { gpo, target: target.dn });
  }

  gpoLinks(targetDn: string): GpoLinkView[] {
    return this.#gp.linksOf(this.#store.container(targetDn));
  }

  setGpoStatus(gpo: string, status: { computerSettingsEnabled?: boolean; userSettingsEnabled?: boolean }): GpoView {
    const view = this.#gp.setStatus(gpo, status);
    this.#record("gpo-status-set", { gpo: view.name, ...status });
    return view;
  }

  /** Who gets "Apply Group Policy"; principals are user, group or computer names, or "Authenticated Users". */
  setGpoSecurityFiltering(gpo: string, principals: readonly string[]): GpoView {
    for (const p of principals) this.#store.requirePrincipal(p, true);
    const view = this.#gp.setSecurityFiltering(gpo, principals);
    this.#record("gpo-security-filtering-set", { gpo: view.name, principals: [...principals] });
    return view;
  }

  addSoftwarePackage(gpo: string, pkg: SoftwarePackage): GpoView {
    const view = this.#gp.addPackage(gpo, pkg);
    this.#record("gpo-package-added", { gpo: view.name, ...pkg });
    return view;
  }

  removeSoftwarePackage(gpo: string, packageName: string): GpoView {
    const view = this.#gp.removePackage(gpo, packageName);
    this.#record("gpo-package-removed", { gpo: view.name, package: packageName });
    return view;
  }

  setAdminTemplateSetting(gpo: string, setting: AdminTemplateSetting): GpoView {
    const view = this.#gp.setSetting(gpo, setting);
    this.#record("gpo-setting-set", { gpo: view.name, ...setting });
    return view;
  }

  /**
   * GPOs whose computer settings apply to a host, in application order.
   * A host that is not joined (unknown, unjoined or disabled account) gets none.
   */
  gposForComputer(host: string): GpoView[] {
    const computer = this.#store.findComputer(host);
    if (!computer || !computer.enabled || !computer.joined) return [];
    const key = `${computer.name.toLowerCase()}$`;
    const groups = this.#membership.allGroups(key);
    return this.#gp.applicable(this.#store.chain(computer.parentDn), (principal) => {
      const p = this.#store.samOf(principal).toLowerCase();
      return p === key || groups.has(p) || IMPLICIT_GROUPS.has(p);
    });
  }

  /**
   * Assigned packages that apply to the host; the host installs them at its
   * next restart. Checking the share is the caller's job (see softwareInstallPlan).
   */
  softwareForComputer(host: string, options: { arch?: PackageArch } = {}): SoftwareAssignment[] {
    return assignedSoftware(this.gposForComputer(host), options.arch);
  }

  /** The startup decision per package, with the share check supplied by the host/lab. */
  softwareInstallPlan(host: string, resolveShareFile: ShareFileResolver, options: { arch?: PackageArch } = {}): InstallDecision[] {
    return planInstallation(this.softwareForComputer(host, options), this.#store.hostName(host), resolveShareFile);
  }

  /** Computer-scope administrative-template values in force on the host (last GPO applied wins). */
  adminTemplateSettingsForComputer(host: string): Array<AdminTemplateSetting & { gpo: string }> {
    const merged = new Map<string, AdminTemplateSetting & { gpo: string }>();
    for (const gpo of this.gposForComputer(host)) {
      for (const s of gpo.settings) {
        if (s.scope === "computer") merged.set(`${s.key.toLowerCase()}|${s.valueName.toLowerCase()}`, { ...s, gpo: gpo.name });
      }
    }
    return [...merged.values()].sort((a, b) => `${a.key}|${a.valueName}`.localeCompare(`${b.key}|${b.valueName}`));
  }

  // ---- service connection points ----------------------------------------------------

  publishServiceConnectionPoint(host: string, spec: ScpSpec): ScpView {
    const computer = this.#store.requireComputer(host);
    const created = this.#scps.publish(computer.name, spec);
    const view = this.#scps.of(computer.name, computerDn(computer)).find((s) => s.name.toLowerCase() === spec.name.toLowerCase())!;
    this.#record(created ? "scp-published" : "scp-updated", { computer: computer.name, dn: view.distinguishedName, keywords: [...view.keywords], bindings: [...view.serviceBindingInformation] });
    return view;
  }

  removeServiceConnectionPoint(host: string, name: string): boolean {
    const computer = this.#store.requireComputer(host);
    const removed = this.#scps.remove(computer.name, name);
    if (removed) this.#record("scp-removed", { computer: computer.name, name });
    return removed;
  }

  /** SCPs with the keyword, as `asComputer` would read them: a host that is not joined cannot bind and sees none. */
  findServiceConnectionPoints(keyword: string, asComputer: string): ScpView[] {
    if (!this.isJoined(asComputer)) return [];
    return this.#scps.find(keyword, (name) => computerDn(this.#store.computers.get(name.toLowerCase())!));
  }

  // ---- population -------------------------------------------------------------------

  /**
   * Generates users with faker seeded from the lab rng: names, unique
   * sAMAccountName (first.last[n]), UPN and mail (sam@dnsName), mobile, one
   * OU per department. Records one trace event for the bulk import.
   */
  populate(options: PopulationOptions): PopulationSummary {
    const count = options.users;
    if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
      throw new LabError({ code: "AD_BAD_POPULATION", message: `users must be an integer from 0 to 1,000,000, got ${String(count)}` });
    }
    const departments = options.departments ?? DEFAULT_DEPARTMENTS;
    if (departments.length === 0) throw new LabError({ code: "AD_BAD_POPULATION", message: "at least one department is needed" });
    const parent = this.#store.container(options.parentOu ?? this.domainDn);
    const mustChange = options.mustChangePassword ?? options.initialPassword !== undefined;
    const seed = (this.#populationRng ??= this.#rng.fork("population")).nextSeed();
    // One salted hash shared by the whole import (a cheap initial credential): a
    // user gets a hash of their own, with their own salt, at their first set.
    const initialCredential = options.initialPassword === undefined ? undefined : this.#hasher.hash(options.initialPassword);
    const departmentOus = populateDomain(this.#store, { count, departments, parent, seed, initialCredential, pwdLastSet: mustChange ? 0 : this.#engine.now() });
    this.#record("population-created", { users: count, departmentOus, fakerSeed: seed, initialPassword: options.initialPassword !== undefined, mustChange });
    return { users: count, departmentOus, fakerSeed: seed };
  }

  // ---- internals ------------------------------------------------------------------

  /** Every caller passes data made for the event alone (a literal, or a copy it spread): recorded without another copy. */
  #record(kind: string, data: Record<string, unknown>): void {
    this.#ctx.trace.recordOwn({ host: this.#handlingDc(), component: "ad", kind, data });
  }

  #recordPasswordResult(kind: string, refusedKind: string, result: DirectoryResult, data: Record<string, unknown>): void {
    if (result.ok) this.#record(kind, data);
    else this.#record(refusedKind, { ...data, code: result.error.code, adData: result.error.adData, reason: result.error.reason });
  }

  /** Writes go to a writable DC; the first one added plays PDC emulator. */
  #handlingDc(): string {
    for (const key of this.#dcOrder) {
      const dc = this.#store.computers.get(key);
      if (dc?.dcRole === "writable") return dc.name;
    }
    return this.dnsName;
  }

  #actorSession(actor: string): ({ ok: true; key: string; name: string }) | { ok: false; error: DirectoryError } {
    const principal = this.#store.findPrincipal(actor);
    if (!principal || principal.kind === "group") return fail(invalidCredentials());
    if (principal.kind === "computer") {
      const c = principal.entry;
      if (!c.enabled) return fail(accountDisabled());
      if (!c.joined) return fail(invalidCredentials());
      return { ok: true, key: principal.key, name: `${c.name}$` };
    }
    const refusal = this.#engine.sessionRefusal(principal.entry);
    if (refusal) return { ok: false, error: refusal };
    return { ok: true, key: principal.key, name: principal.entry.samAccountName };
  }

  #createUser(spec: UserSpec, serviceAccount: boolean): UserEntry {
    validateSamAccountName(spec?.samAccountName, 20, "user logon (pre-Windows 2000)");
    this.#store.requireFreeSam(spec.samAccountName);
    const upn = spec.userPrincipalName ?? `${spec.samAccountName}@${this.dnsName}`;
    if (!/^[^@\s]+@[^@\s]+$/.test(upn)) throw new LabError({ code: "AD_INVALID_NAME", message: `"${upn}" is not a UPN (name@suffix)` });
    if (this.#store.upns.has(upn.toLowerCase())) throw new LabError({ code: "AD_ENTRY_EXISTS", message: `the UPN ${upn} is already in use`, details: { ldapCode: 19 } });
    const parent = this.#store.container(spec.ou ?? this.usersContainerDn);
    const displayName = spec.displayName ?? ([spec.givenName, spec.surname].filter(Boolean).join(" ") || undefined);
    const cn = displayName ?? spec.samAccountName;
    const leafKey = this.#store.requireFreeLeaf(cn, parent);
    const entry = new UserEntry(spec.samAccountName, upn, cn, parent.dn);
    entry.givenName = spec.givenName;
    entry.surname = spec.surname;
    entry.displayName = displayName;
    entry.mail = spec.mail;
    entry.mobile = spec.mobile;
    entry.department = spec.department;
    entry.description = spec.description;
    entry.serviceAccount = serviceAccount;
    entry.passwordNeverExpires = spec.passwordNeverExpires === true;
    entry.cannotChangePassword = spec.cannotChangePassword === true;
    if (spec.password !== undefined) {
      const refusal = this.#engine.checkQuality(entry, spec.password);
      if (refusal) throw this.#asLabError(refusal, `the password for ${spec.samAccountName}`);
      this.#engine.store(entry, spec.password, spec.mustChangePassword === true);
    }
    entry.enabled = spec.enabled ?? spec.password !== undefined;
    this.#store.insertUser(entry, leafKey);
    this.#record(serviceAccount ? "service-account-created" : "user-created", {
      user: entry.samAccountName,
      dn: entry.dn,
      enabled: entry.enabled,
      passwordSet: spec.password !== undefined,
      mustChange: spec.mustChangePassword === true,
    });
    return entry;
  }

  #asLabError(error: DirectoryError, what: string): LabError {
    return new LabError({ code: "AD_CONSTRAINT_VIOLATION", message: `${what} was refused: ${error.message}`, remedy: "choose a password the domain policy accepts", details: { ...error } });
  }

  #userView(entry: UserEntry): UserView {
    const memberOf = this.#membership.directGroups(entry.samAccountName.toLowerCase()).map((k) => this.#store.groups.get(k)!.samAccountName);
    return userView(entry, this.#engine.state(entry), memberOf);
  }

  #groupView(group: GroupEntry): GroupView {
    return groupView(group, [...group.members].map((k) => {
      const p = this.#store.findPrincipal(k);
      return p ? principalName(p) : k;
    }));
  }

}
