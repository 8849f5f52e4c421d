import { LabError } from "../kernel/index.ts";
import { parseAccountName } from "./account-name.ts";
import { noSuchObject } from "./directory-error.ts";
import { dnKey, escapeDnValue, formatDn, isUnderDn, parseDn, suffixKeys } from "./distinguished-name.ts";
import { computerDn, groupDn, type ComputerEntry, type ContainerEntry, type ContainerKind, type GroupEntry, type GroupScope, type UserEntry } from "./entries.ts";
import { IMPLICIT_GROUPS } from "./membership.ts";

export type Principal =
  | { readonly kind: "user"; readonly key: string; readonly entry: UserEntry }
  | { readonly kind: "computer"; readonly key: string; readonly entry: ComputerEntry }
  | { readonly kind: "group"; readonly key: string; readonly entry: GroupEntry };

/** A principal, or one of the implicit groups every account is in ("Authenticated Users", "Everyone"). */
export type Trustee = Principal | { readonly kind: "implicit"; readonly key: string };

/**
 * The domain's objects and their names: containers by DN, users by
 * sAMAccountName and UPN, groups, computers, and the DN of every leaf so a CN
 * is unique in its container. It resolves every name form AD accepts; keys
 * are lower case (sAMAccountName, with a trailing $ for computers).
 */
export class ObjectStore {
  readonly containers = new Map<string, ContainerEntry>();
  readonly users = new Map<string, UserEntry>();
  readonly upns = new Map<string, UserEntry>();
  readonly groups = new Map<string, GroupEntry>();
  readonly computers = new Map<string, ComputerEntry>();
  /** Leaf DN key to principal key. */
  readonly #leafDns = new Map<string, string>();

  constructor(readonly domain: { readonly dnsName: string; readonly netbiosName: string; readonly domainDn: string }) {}

  // ---- containers

  addContainer(dn: string, kind: ContainerKind): ContainerEntry {
    const rdns = parseDn(dn);
    const entry: ContainerEntry = { dn: formatDn(rdns), key: dnKey(dn), kind, name: rdns[0]!.value, blockInheritance: false };
    this.containers.set(entry.key, entry);
    return entry;
  }

  container(dn: string): ContainerEntry {
    const entry = this.containers.get(dnKey(dn));
    if (!entry) {
      const domainDn = this.domain.domainDn;
      throw new LabError({
        code: "AD_NO_SUCH_OBJECT",
        message: noSuchObject(dn, domainDn).message,
        remedy: isUnderDn(dn, domainDn) ? `create it first with createOu("${dn}")` : `DNs in this domain end with ${domainDn}`,
        details: { ldapCode: 32 },
      });
    }
    return entry;
  }

  /** Containers from the domain head down to `dn` (inclusive). */
  chain(dn: string): ContainerEntry[] {
    const keys = suffixKeys(dn);
    const domainDepth = parseDn(this.domain.domainDn).length;
    const out: ContainerEntry[] = [];
    for (let i = keys.length - domainDepth; i >= 0; i--) {
      const entry = this.containers.get(keys[i]!);
      if (entry) out.push(entry);
    }
    return out;
  }

  // ---- leaves

  /** The key a leaf with this CN would have in the container. */
  leafKey(cn: string, container: ContainerEntry): string {
    return `cn=${escapeDnValue(cn).toLowerCase()},${container.key}`;
  }

  hasLeaf(leafKey: string): boolean {
    return this.#leafDns.has(leafKey);
  }

  requireFreeLeaf(cn: string, container: ContainerEntry): string {
    const key = this.leafKey(cn, container);
    if (this.#leafDns.has(key)) throw new LabError({ code: "AD_ENTRY_EXISTS", message: `CN=${cn} already exists in ${container.dn}`, details: { ldapCode: 68 } });
    return key;
  }

  insertUser(entry: UserEntry, leafKey: string): UserEntry {
    const key = entry.samAccountName.toLowerCase();
    this.users.set(key, entry);
    this.upns.set(entry.userPrincipalName.toLowerCase(), entry);
    this.#leafDns.set(leafKey, key);
    return entry;
  }

  insertGroup(name: string, parentDn: string, scope: GroupScope): GroupEntry {
    const group: GroupEntry = { samAccountName: name, cn: name, parentDn, scope, members: new Set() };
    this.groups.set(name.toLowerCase(), group);
    this.#leafDns.set(dnKey(groupDn(group)), name.toLowerCase());
    return group;
  }

  insertComputer(name: string, container: ContainerEntry): ComputerEntry {
    const leafKey = this.requireFreeLeaf(name.toUpperCase(), container);
    const computer: ComputerEntry = { name: name.toUpperCase(), parentDn: container.dn, enabled: true, joined: true, os: undefined, dcRole: undefined };
    this.computers.set(name.toLowerCase(), computer);
    this.#leafDns.set(leafKey, `${name.toLowerCase()}$`);
    return computer;
  }

  moveUser(entry: UserEntry, target: ContainerEntry): void {
    const leafKey = this.requireFreeLeaf(entry.cn, target);
    this.#leafDns.delete(dnKey(entry.dn));
    entry.parentDn = target.dn;
    this.#leafDns.set(leafKey, entry.samAccountName.toLowerCase());
  }

  moveComputer(computer: ComputerEntry, target: ContainerEntry): void {
    if (target.key === dnKey(computer.parentDn)) return;
    const leafKey = this.requireFreeLeaf(computer.name, target);
    this.#leafDns.delete(dnKey(computerDn(computer)));
    computer.parentDn = target.dn;
    this.#leafDns.set(leafKey, `${computer.name.toLowerCase()}$`);
  }

  deleteComputer(computer: ComputerEntry): void {
    this.#leafDns.delete(dnKey(computerDn(computer)));
    this.computers.delete(computer.name.toLowerCase());
  }

  // ---- names

  isSamTaken(sam: string): boolean {
    const key = sam.toLowerCase();
    return this.users.has(key) || this.groups.has(key) || (key.endsWith("$") && this.computers.has(key.slice(0, -1)));
  }

  requireFreeSam(sam: string): void {
    if (this.isSamTaken(sam)) {
      throw new LabError({ code: "AD_ENTRY_EXISTS", message: `the sAMAccountName ${sam} is already in use in ${this.domain.dnsName}`, details: { ldapCode: 68 } });
    }
  }

  /** The bare sAMAccountName of a name in DOMAIN\x form; other forms come back unchanged. */
  samOf(name: string): string {
    const parsed = parseAccountName(name, this.domain);
    return parsed.form === "sam" ? parsed.sam : name;
  }

  /** "fs01", "FS01$", "CORP\FS01$" and "fs01.corp.example" all name host FS01. */
  hostName(host: string): string {
    let name = String(host).trim();
    const parsed = parseAccountName(name, this.domain);
    if (parsed.form === "sam") name = parsed.sam;
    if (name.endsWith("$")) name = name.slice(0, -1);
    const dot = name.indexOf(".");
    if (dot > 0 && name.slice(dot + 1).toLowerCase() === this.domain.dnsName) name = name.slice(0, dot);
    return name.toUpperCase();
  }

  primaryGroupOf(key: string): string | undefined {
    if (this.users.has(key)) return "domain users";
    if (!key.endsWith("$")) return undefined;
    const computer = this.computers.get(key.slice(0, -1));
    if (!computer) return undefined;
    if (computer.dcRole === "writable") return "domain controllers";
    if (computer.dcRole === "readOnly") return "read-only domain controllers";
    return "domain computers";
  }

  // ---- lookups

  /** By sAMAccountName, UPN (the implicit sam@dnsName too), DOMAIN\user or DN. */
  findUser(name: string): UserEntry | undefined {
    if (typeof name !== "string") return undefined;
    if (/^\s*CN=/i.test(name)) {
      const key = this.#leafDns.get(safeDnKey(name));
      return key === undefined ? undefined : this.users.get(key);
    }
    const parsed = parseAccountName(name, this.domain);
    if (parsed.form === "foreign") return undefined;
    if (parsed.form === "upn") {
      const byUpn = this.upns.get(parsed.upn.toLowerCase());
      if (byUpn) return byUpn;
      return parsed.suffix.toLowerCase() === this.domain.dnsName ? this.users.get(parsed.sam.toLowerCase()) : undefined;
    }
    return this.users.get(parsed.sam.toLowerCase());
  }

  findPrincipal(name: string): Principal | undefined {
    const user = this.findUser(name);
    if (user) return { kind: "user", key: user.samAccountName.toLowerCase(), entry: user };
    const sam = this.samOf(String(name));
    const group = this.groups.get(sam.toLowerCase());
    if (group) return { kind: "group", key: sam.toLowerCase(), entry: group };
    if (sam.endsWith("$")) {
      const computer = this.computers.get(sam.slice(0, -1).toLowerCase());
      if (computer) return { kind: "computer", key: sam.toLowerCase(), entry: computer };
    }
    return undefined;
  }

  findComputer(host: string): ComputerEntry | undefined {
    return this.computers.get(this.hostName(host).toLowerCase());
  }

  requirePrincipal(name: string, allowImplicit = false): Trustee {
    const lowered = String(name).toLowerCase();
    if (allowImplicit && IMPLICIT_GROUPS.has(lowered)) return { kind: "implicit", key: lowered };
    const principal = this.findPrincipal(name);
    if (!principal) throw this.#missing(`no user, group or computer "${name}" in ${this.domain.dnsName} (computers are named NAME$)`);
    return principal;
  }

  requireUser(name: string): UserEntry {
    const entry = this.findUser(name);
    if (!entry) throw this.#missing(`no user "${name}" in ${this.domain.dnsName}`);
    return entry;
  }

  requireGroup(name: string): GroupEntry {
    const group = this.groups.get(this.samOf(name).toLowerCase());
    if (!group) throw this.#missing(`no group "${name}" in ${this.domain.dnsName}`);
    return group;
  }

  requireComputer(host: string): ComputerEntry {
    const computer = this.findComputer(host);
    if (!computer) throw this.#missing(`no computer account for "${host}" in ${this.domain.dnsName}`);
    return computer;
  }

  #missing(message: string): LabError {
    return new LabError({ code: "AD_NO_SUCH_OBJECT", message, details: { ldapCode: 32 } });
  }
}

export function principalName(p: Trustee): string {
  switch (p.kind) {
    case "user":
    case "group":
      return p.entry.samAccountName;
    case "computer":
      return `${p.entry.name}$`;
    case "implicit":
      return p.key === "everyone" ? "Everyone" : "Authenticated Users";
  }
}

/** dnKey that answers "no such key" instead of throwing, for lookups. */
function safeDnKey(dn: string): string {
  try {
    return dnKey(dn);
  } catch {
    return `invalid:${dn}`;
  }
}
