import type { DelegatedRight, LockoutPolicy, PasswordPolicy } from "../ad/index.ts";
import { LabError } from "../kernel/index.ts";
import { DOMAIN_PASSWORD_COMPLEX, UF_ACCOUNTDISABLE, UF_LOCKOUT, userAccountControl } from "./account-flags.ts";
import { msToInterval } from "./ad-time.ts";
import type { AdminUserSpec, DirectoryAdmin } from "./directory-admin.ts";
import { delegationAces } from "./delegation-aces.ts";
import { bytes, integer } from "./entry-values.ts";
import { sleep } from "./host-process.ts";
import { escapeFilterValue } from "./ldap-filter.ts";
import { LdapSession, type LdapChange } from "./ldap-session.ts";
import type { SambaDc } from "./samba-dc.ts";
import { SambaDirectoryService } from "./samba-directory-service.ts";
import { sidToString } from "./sid.ts";
import { unicodePwd } from "./unicode-pwd.ts";

/**
 * Setup on a Samba DC over LDAP as Administrator; delegation through
 * `samba-tool dsacl` (an ACE in SDDL, where LDAP would need the binary
 * security descriptor rebuilt by hand). Users it creates get their
 * password registered with the service's credential vault, so they can act.
 */
export class SambaDirectoryAdmin implements DirectoryAdmin {
  readonly service: SambaDirectoryService;
  readonly #dc: SambaDc;
  readonly #session: LdapSession;

  private constructor(dc: SambaDc, service: SambaDirectoryService, session: LdapSession) {
    this.#dc = dc;
    this.service = service;
    this.#session = session;
  }

  static async connect(dc: SambaDc): Promise<SambaDirectoryAdmin> {
    const service = await SambaDirectoryService.connect(dc.endpoint);
    const session = new LdapSession(dc.endpoint.url, { keepBound: true });
    const refused = await session.bind(dc.endpoint.adminDn, dc.endpoint.adminPassword);
    if (refused) throw new LabError({ code: "SAMBA_ADMIN_BIND_FAILED", message: `the DC refused Administrator's bind: ${refused.diagnostic}` });
    return new SambaDirectoryAdmin(dc, service, session);
  }

  get domainDn(): string {
    return this.#dc.endpoint.domainDn;
  }

  async createOu(name: string): Promise<string> {
    const dn = `OU=${name},${this.domainDn}`;
    await this.#must(`create ${dn}`, this.#session.add(dn, { objectClass: ["top", "organizationalUnit"] }));
    return dn;
  }

  async createUser(spec: AdminUserSpec): Promise<void> {
    const cn = spec.displayName ?? spec.samAccountName;
    const dn = `CN=${cn},${spec.ouDn ?? `CN=Users,${this.domainDn}`}`;
    const attributes: Record<string, string | Buffer | string[]> = {
      objectClass: ["top", "person", "organizationalPerson", "user"],
      sAMAccountName: spec.samAccountName,
      userPrincipalName: `${spec.samAccountName}@${this.#dc.endpoint.dnsName}`,
      unicodePwd: unicodePwd(spec.password),
      userAccountControl: String(userAccountControl({ enabled: spec.enabled ?? true, passwordNeverExpires: spec.passwordNeverExpires === true })),
    };
    if (spec.displayName !== undefined) attributes.displayName = spec.displayName;
    if (spec.mustChangePassword) attributes.pwdLastSet = "0";
    await this.#must(`create user ${dn}`, this.#session.add(dn, attributes));
    this.service.credentials.set(spec.samAccountName, spec.password);
  }

  async createGroup(name: string): Promise<void> {
    const dn = `CN=${name},CN=Users,${this.domainDn}`;
    await this.#must(`create group ${dn}`, this.#session.add(dn, { objectClass: ["top", "group"], sAMAccountName: name }));
  }

  async addToGroup(group: string, member: string): Promise<void> {
    const groupDn = (await this.#principal(group)).dn;
    const memberDn = (await this.#principal(member)).dn;
    await this.#must(`add ${member} to ${group}`, this.#session.modify(groupDn, [{ operation: "add", type: "member", values: [memberDn] }]));
  }

  async delegate(ouDn: string, trustee: string, rights: readonly DelegatedRight[]): Promise<void> {
    const sid = (await this.#principal(trustee)).sid;
    const aces = delegationAces(rights, sid).join("");
    await this.#dc.sambaTool(["dsacl", "set", "-H", this.#dc.samDbPath, "--action=allow", `--objectdn=${ouDn}`, `--sddl=${aces}`]);
  }

  async setAccountEnabled(user: string, enabled: boolean): Promise<void> {
    const [entry] = await this.#session.search(this.domainDn, {
      filter: `(&(objectCategory=person)(sAMAccountName=${escapeFilterValue(user)}))`,
      attributes: ["userAccountControl", "msDS-User-Account-Control-Computed"],
    });
    if (!entry) throw new LabError({ code: "AD_NO_SUCH_OBJECT", message: `no user "${user}" on the DC` });
    // A userAccountControl written without UF_LOCKOUT unlocks a locked account (Samba's samldb, as AD):
    // enabling is not unlocking, so the lockout bit goes back in while the account is locked.
    const uac = integer(entry, "userAccountControl") | (integer(entry, "msDS-User-Account-Control-Computed") & UF_LOCKOUT);
    const next = enabled ? uac & ~UF_ACCOUNTDISABLE : uac | UF_ACCOUNTDISABLE;
    await this.#must(`${enabled ? "enable" : "disable"} ${user}`, this.#session.modify(entry.dn, [{ operation: "replace", type: "userAccountControl", values: [String(next)] }]));
  }

  async setPolicies(password: PasswordPolicy, lockout: LockoutPolicy): Promise<void> {
    const [head] = await this.#session.search(this.domainDn, { scope: "base", attributes: ["pwdProperties"] });
    const properties = integer(head!, "pwdProperties");
    const replace = (type: string, value: string | number): LdapChange => ({ operation: "replace", type, values: [String(value)] });
    await this.#must("set the domain policy", this.#session.modify(this.domainDn, [
      replace("minPwdLength", password.minLength),
      replace("pwdProperties", password.complexity ? properties | DOMAIN_PASSWORD_COMPLEX : properties & ~DOMAIN_PASSWORD_COMPLEX),
      replace("pwdHistoryLength", password.historyCount),
      replace("minPwdAge", msToInterval(password.minAgeMs, false)),
      replace("maxPwdAge", msToInterval(password.maxAgeMs, true)),
      replace("lockoutThreshold", lockout.threshold),
      replace("lockoutDuration", msToInterval(lockout.durationMs, true)),
      replace("lockOutObservationWindow", msToInterval(lockout.observationWindowMs, false)),
    ]));
  }

  async elapse(ms: number): Promise<void> {
    await sleep(ms);
  }

  async close(): Promise<void> {
    await Promise.all([this.service.close(), this.#session.close()]);
  }

  async #principal(name: string): Promise<{ dn: string; sid: string }> {
    const [entry] = await this.#session.search(this.domainDn, { filter: `(sAMAccountName=${escapeFilterValue(name)})`, attributes: ["objectSid", "sAMAccountName"], binary: ["objectSid"] });
    if (!entry) throw new LabError({ code: "AD_NO_SUCH_OBJECT", message: `no user or group "${name}" on the DC` });
    return { dn: entry.dn, sid: sidToString(bytes(entry, "objectSid")[0]!) };
  }

  async #must(what: string, pending: Promise<{ ldapCode: number; diagnostic: string } | undefined>): Promise<void> {
    const refused = await pending;
    if (refused) {
      throw new LabError({ code: "SAMBA_SETUP_REFUSED", message: `${what}: LDAP ${refused.ldapCode}: ${refused.diagnostic}`, details: { ...refused, what } });
    }
  }
}
