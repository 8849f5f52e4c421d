import type { Entry } from "ldapts";
import {
  invalidCredentials,
  noSuchObject,
  type DirectoryError,
  type DirectoryResult,
  type DirectoryService,
  type LockoutPolicy,
  type PasswordPolicy,
  type UserView,
} from "../ad/index.ts";
import { LabError } from "../kernel/index.ts";
import { DOMAIN_PASSWORD_COMPLEX } from "./account-flags.ts";
import { groupFilter, userLookup } from "./account-filter.ts";
import { intervalToMs } from "./ad-time.ts";
import { CredentialVault } from "./credential-vault.ts";
import { directoryErrorFromLdap, type LdapFailure } from "./directory-error-from-ldap.ts";
import { bytes, integer, text } from "./entry-values.ts";
import { escapeFilterValue } from "./ldap-filter.ts";
import { LdapSession, unexpected, type LdapChange } from "./ldap-session.ts";
import type { SambaDcEndpoint } from "./samba-domain.ts";
import { sambaUserView, USER_VIEW_ATTRIBUTES } from "./samba-user-view.ts";
import { sidToString } from "./sid.ts";
import { unicodePwd } from "./unicode-pwd.ts";

export interface SambaDirectoryServiceOptions {
  /** Actors' passwords; Administrator's is added from the endpoint. */
  readonly credentials?: CredentialVault;
  /** Host time in ms, for the effective badPwdCount; injectable for tests. */
  readonly now?: () => number;
}

const OK: DirectoryResult = Object.freeze({ ok: true }) as DirectoryResult;
const DOMAIN_POLICY_ATTRIBUTES = ["minPwdLength", "pwdProperties", "pwdHistoryLength", "minPwdAge", "maxPwdAge", "lockoutThreshold", "lockoutDuration", "lockOutObservationWindow"];
/** LDAP_MATCHING_RULE_IN_CHAIN: member, transitively. */
const IN_CHAIN = "1.2.840.113556.1.4.1941";
/**
 * Not a password: bytes the DC refuses (53, "not allowed to set the NT hash
 * password directly") only after the ACL module has let the write through,
 * so a reset with it answers "may this actor reset?" without resetting.
 */
const RIGHTS_PROBE = Buffer.from("lab");

/**
 * The DirectoryService over LDAPS to a Samba AD DC. Each operation is the
 * LDAP a product would send: a bind to check a password; a reset is a
 * replace of unicodePwd bound as the actor (pwdLastSet=0 and lockoutTime=0
 * in the same request for "must change" and "unlock", so the DC checks those
 * rights too); a change is delete-old + add-new of unicodePwd, sent on the
 * service's Administrator connection (every account holds Change Password
 * on every user, and a user who must change cannot bind to do it
 * themselves). Refusals come back as the DC worded them, read into the
 * lab's DirectoryError.
 */
export class SambaDirectoryService implements DirectoryService {
  readonly credentials: CredentialVault;
  readonly #endpoint: SambaDcEndpoint;
  readonly #admin: LdapSession;
  readonly #binds: LdapSession;
  readonly #actors = new Map<string, LdapSession>();
  readonly #now: () => number;

  private constructor(endpoint: SambaDcEndpoint, admin: LdapSession, options: SambaDirectoryServiceOptions) {
    this.#endpoint = endpoint;
    this.#admin = admin;
    this.#binds = new LdapSession(endpoint.url);
    this.credentials = options.credentials ?? new CredentialVault();
    this.credentials.set("Administrator", endpoint.adminPassword);
    this.#now = options.now ?? (() => Date.now()); // host-time-ok: the DC keeps real time
  }

  /** Connects and binds as Administrator; a DC that refuses is a LabError. */
  static async connect(endpoint: SambaDcEndpoint, options: SambaDirectoryServiceOptions = {}): Promise<SambaDirectoryService> {
    const admin = new LdapSession(endpoint.url, { keepBound: true });
    const refused = await admin.bind(endpoint.adminDn, endpoint.adminPassword);
    if (refused) {
      await admin.close();
      throw new LabError({ code: "SAMBA_ADMIN_BIND_FAILED", message: `the DC refused Administrator's bind: ${refused.diagnostic}`, details: { ...refused } });
    }
    return new SambaDirectoryService(endpoint, admin, options);
  }

  get endpoint(): SambaDcEndpoint {
    return this.#endpoint;
  }

  async findUser(name: string): Promise<UserView | undefined> {
    const entry = await this.#findUserEntry(name, [...USER_VIEW_ATTRIBUTES]);
    if (!entry) return undefined;
    const [policy, groups] = await Promise.all([
      this.lockoutPolicy(),
      this.#admin.search(this.#endpoint.domainDn, { filter: `(&(objectClass=group)(member=${escapeFilterValue(entry.dn)}))`, attributes: ["sAMAccountName"] }),
    ]);
    const memberOf = groups.map((g) => text(g, "sAMAccountName") ?? g.dn);
    return sambaUserView(entry, { observationWindowMs: policy.observationWindowMs, nowMs: this.#now(), memberOf });
  }

  async checkPassword(user: string, password: string): Promise<DirectoryResult> {
    // An empty simple bind is an anonymous bind, which "succeeds": never send one as a password check.
    if (password === "") return { ok: false, error: invalidCredentials() };
    const entry = await this.#findUserEntry(user, ["sAMAccountName"]);
    // Samba answers a bind as nobody with 52e too; answering here spares a malformed name's odd LDAP error.
    if (!entry) return { ok: false, error: invalidCredentials() };
    const refused = await this.#binds.exclusive(() => this.#binds.bind(entry.dn, password));
    return refused ? this.#refusal("bind", refused) : OK;
  }

  async resetPassword(actor: string, user: string, newPassword: string, options: { mustChange?: boolean; unlock?: boolean } = {}): Promise<DirectoryResult> {
    return this.#asActor(actor, async (session) => {
      const target = await this.#findUserEntry(user, ["sAMAccountName"]);
      if (!target) return { ok: false, error: noSuchObject(user, this.#endpoint.domainDn) };
      const changes: LdapChange[] = [{ operation: "replace", type: "unicodePwd", values: [unicodePwd(newPassword)] }];
      if (options.mustChange) changes.push({ operation: "replace", type: "pwdLastSet", values: ["0"] });
      if (options.unlock) changes.push({ operation: "replace", type: "lockoutTime", values: ["0"] });
      const refused = await session.modify(target.dn, changes);
      if (refused) return this.#refusal("reset", refused);
      this.credentials.refresh(text(target, "sAMAccountName") ?? user, newPassword);
      return OK;
    });
  }

  async changePassword(user: string, oldPassword: string, newPassword: string): Promise<DirectoryResult> {
    const target = await this.#findUserEntry(user, ["sAMAccountName"]);
    if (!target) return { ok: false, error: noSuchObject(user, this.#endpoint.domainDn) };
    const refused = await this.#admin.modify(target.dn, [
      { operation: "delete", type: "unicodePwd", values: [unicodePwd(oldPassword)] },
      { operation: "add", type: "unicodePwd", values: [unicodePwd(newPassword)] },
    ]);
    if (refused) return this.#refusal("change", refused);
    this.credentials.refresh(text(target, "sAMAccountName") ?? user, newPassword);
    return OK;
  }

  async unlock(actor: string, user: string): Promise<DirectoryResult> {
    return this.#asActor(actor, async (session) => {
      const target = await this.#findUserEntry(user, ["sAMAccountName"]);
      if (!target) return { ok: false, error: noSuchObject(user, this.#endpoint.domainDn) };
      const refused = await session.modify(target.dn, [{ operation: "replace", type: "lockoutTime", values: ["0"] }]);
      return refused ? this.#refusal("unlock", refused) : OK;
    });
  }

  async isMemberOf(user: string, group: string): Promise<boolean> {
    const filter = groupFilter(group, this.#endpoint);
    if (!filter) return false;
    const [target] = await this.#admin.search(this.#endpoint.domainDn, { filter, attributes: ["objectSid"], binary: ["objectSid"] });
    if (!target) return false;
    const principal = (await this.#findUserEntry(user, ["sAMAccountName"])) ?? (await this.#findOtherPrincipal(user));
    if (!principal) return false;
    if (principal.kind === "group") {
      const hit = await this.#admin.search(target.dn, { scope: "base", filter: `(member:${IN_CHAIN}:=${escapeFilterValue(principal.dn)})`, attributes: ["cn"] });
      return hit.length > 0;
    }
    // tokenGroups: every group of the security token, nested and primary included.
    const [tokens] = await this.#admin.search(principal.dn, { scope: "base", attributes: ["tokenGroups"], binary: ["tokenGroups"] });
    const wanted = sidToString(bytes(target, "objectSid")[0]!);
    return tokens !== undefined && bytes(tokens, "tokenGroups").some((sid) => sidToString(sid) === wanted);
  }

  async canResetPassword(actor: string, user: string): Promise<boolean> {
    const target = await this.#findUserEntry(user, ["sAMAccountName"]);
    if (!target) return false;
    const result = await this.#asActor(actor, async (session) => {
      const refused = await session.modify(target.dn, [{ operation: "replace", type: "unicodePwd", values: [RIGHTS_PROBE] }]);
      if (!refused) throw new LabError({ code: "SAMBA_UNEXPECTED_ANSWER", message: `the DC accepted the rights probe as a password for ${target.dn}; its password is now unknown` });
      if (refused.ldapCode === 50) return { ok: false, error: { code: "INSUFFICIENT_RIGHTS", ldapCode: 50, message: refused.diagnostic } } as DirectoryResult;
      if (refused.ldapCode === 53) return OK;
      throw unexpected(`rights probe on ${target.dn}`, refused);
    });
    return result.ok;
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    const head = await this.#domainHead();
    return {
      minLength: integer(head, "minPwdLength"),
      complexity: (integer(head, "pwdProperties") & DOMAIN_PASSWORD_COMPLEX) !== 0,
      historyCount: integer(head, "pwdHistoryLength"),
      minAgeMs: intervalToMs(text(head, "minPwdAge")),
      maxAgeMs: intervalToMs(text(head, "maxPwdAge")),
    };
  }

  async lockoutPolicy(): Promise<LockoutPolicy> {
    const head = await this.#domainHead();
    return {
      threshold: integer(head, "lockoutThreshold"),
      durationMs: intervalToMs(text(head, "lockoutDuration")),
      observationWindowMs: intervalToMs(text(head, "lockOutObservationWindow")),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.#admin.close(), this.#binds.close(), ...[...this.#actors.values()].map((s) => s.close())]);
    this.#actors.clear();
  }

  // ---- internals ------------------------------------------------------------

  async #findUserEntry(name: string, attributes: string[]): Promise<Entry | undefined> {
    const lookup = userLookup(name, this.#endpoint);
    if (lookup.base === "none") return undefined;
    if (lookup.base === "dn") return (await this.#admin.search(lookup.dn, { scope: "base", filter: lookup.filter, attributes }))[0];
    for (const filter of lookup.filters) {
      const [entry] = await this.#admin.search(this.#endpoint.domainDn, { filter, attributes });
      if (entry) return entry;
    }
    return undefined;
  }

  async #findOtherPrincipal(name: string): Promise<{ kind: "group" | "computer"; dn: string } | undefined> {
    const filter = groupFilter(name, this.#endpoint);
    if (!filter) return undefined;
    const [group] = await this.#admin.search(this.#endpoint.domainDn, { filter, attributes: ["cn"] });
    if (group) return { kind: "group", dn: group.dn };
    const computerFilter = filter.replace("(objectClass=group)", "(objectClass=computer)");
    const [computer] = await this.#admin.search(this.#endpoint.domainDn, { filter: computerFilter, attributes: ["cn"] });
    return computer ? { kind: "computer", dn: computer.dn } : undefined;
  }

  /**
   * Binds the actor's own connection with the actor's password (a refused
   * bind is the answer: locked out, disabled, must change), then runs `work`
   * on it with nobody else's operation in between.
   */
  async #asActor(actor: string, work: (session: LdapSession) => Promise<DirectoryResult>): Promise<DirectoryResult> {
    const entry = await this.#findUserEntry(actor, ["sAMAccountName"]);
    if (!entry) return { ok: false, error: invalidCredentials() };
    const sam = text(entry, "sAMAccountName") ?? actor;
    const password = this.credentials.get(sam);
    if (password === undefined) {
      throw new LabError({
        code: "SAMBA_NO_CREDENTIAL",
        message: `the Samba backend has no password for ${sam}, so it cannot act as ${sam}`,
        remedy: `register it first: service.credentials.set("${sam}", password)`,
      });
    }
    let session = this.#actors.get(sam.toLowerCase());
    if (!session) this.#actors.set(sam.toLowerCase(), (session = new LdapSession(this.#endpoint.url)));
    const own = session;
    return own.exclusive(async () => {
      const refused = await own.bind(entry.dn, password);
      if (refused) return this.#refusal(`bind as ${sam}`, refused);
      return work(own);
    });
  }

  #refusal(what: string, failure: LdapFailure): { ok: false; error: DirectoryError } {
    const error = directoryErrorFromLdap(failure);
    if (!error) throw unexpected(what, failure);
    return { ok: false, error };
  }

  async #domainHead(): Promise<Entry> {
    const [head] = await this.#admin.search(this.#endpoint.domainDn, { scope: "base", attributes: DOMAIN_POLICY_ATTRIBUTES });
    if (!head) throw new LabError({ code: "SAMBA_UNEXPECTED_ANSWER", message: `the domain head ${this.#endpoint.domainDn} is not readable` });
    return head;
  }
}
