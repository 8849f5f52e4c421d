import { LabError, type Rng } from "../kernel/index.ts";
import type { ContainerEntry } from "./entries.ts";

export type PackageArch = "x86" | "x64";
/** Assigned packages install at computer startup; published ones are only offered to users, never installed by a computer. */
export type DeploymentType = "assigned" | "published";

export interface SoftwarePackage {
  readonly name: string;
  readonly version: string;
  /** UNC path of the .msi, e.g. \\FS01\share\x.msi: computers read it with their own account at startup. */
  readonly msiPath: string;
  readonly arch: PackageArch;
  readonly deployment: DeploymentType;
}

export type SettingScope = "computer" | "user";

/** One administrative-template (registry policy) value. */
export interface AdminTemplateSetting {
  readonly scope: SettingScope;
  /** Registry key, HKLM\... for computer settings, HKCU\... for user settings. */
  readonly key: string;
  readonly valueName: string;
  readonly value: string | number;
}

export interface GpoView {
  readonly guid: string;
  readonly name: string;
  readonly dn: string;
  readonly computerSettingsEnabled: boolean;
  readonly userSettingsEnabled: boolean;
  /** Principals with Apply Group Policy; "Authenticated Users" by default. */
  readonly securityFiltering: readonly string[];
  readonly packages: readonly SoftwarePackage[];
  readonly settings: readonly AdminTemplateSetting[];
}

export interface GpoLinkView {
  readonly gpo: string;
  readonly guid: string;
  readonly target: string;
  readonly enabled: boolean;
  readonly enforced: boolean;
  /** Link order within the container: 1 has the highest precedence there. */
  readonly order: number;
}

interface Gpo {
  readonly guid: string;
  readonly name: string;
  computerSettingsEnabled: boolean;
  userSettingsEnabled: boolean;
  securityFiltering: string[];
  readonly packages: SoftwarePackage[];
  readonly settings: Map<string, AdminTemplateSetting>;
  /** The frozen view of the GPO as it is now; dropped by every change, so a view handed out never moves. */
  view?: GpoView | undefined;
}

interface GpoLink {
  readonly guid: string;
  enabled: boolean;
  enforced: boolean;
}

/** Windows' fixed GUIDs for the two GPOs every domain starts with. */
export const DEFAULT_DOMAIN_POLICY_GUID = "{31B2F340-016D-11D2-945F-00C04FB984F9}";
export const DEFAULT_DC_POLICY_GUID = "{6AC1786C-016F-11D2-945F-00C04FB984F9}";

/**
 * Group Policy objects, their links (gPLink on the domain head and OUs) and
 * the resolution of which apply to a computer, in AD's LSDOU order: domain
 * first, then each OU down to the computer's; within a container, link order
 * N before link order 1; "Block Inheritance" on an OU drops the non-enforced
 * links above it; enforced links come last, the higher container winning.
 * The result is in application order, so for conflicting settings the last wins.
 */
export class GroupPolicyStore {
  readonly #gpos = new Map<string, Gpo>();
  readonly #links = new Map<string, GpoLink[]>();

  #rng: Rng | undefined;

  constructor(
    /** The GUID stream, made when the first GPO without a given GUID is created. */
    private readonly makeRng: () => Rng,
    private readonly domainDn: string,
  ) {}

  create(name: string, guid?: string): GpoView {
    if (name.trim() === "") throw new LabError({ code: "AD_INVALID_NAME", message: "a GPO needs a name" });
    if (this.find(name)) throw new LabError({ code: "AD_GPO_EXISTS", message: `a GPO named "${name}" already exists`, details: { ldapCode: 68 } });
    const id = guid ?? this.newGuid();
    this.#gpos.set(id.toUpperCase(), { guid: id, name, computerSettingsEnabled: true, userSettingsEnabled: true, securityFiltering: ["Authenticated Users"], packages: [], settings: new Map() });
    return this.view(this.require(id));
  }

  /** By display name (case-insensitive) or GUID. */
  get(nameOrGuid: string): GpoView | undefined {
    const gpo = this.find(nameOrGuid);
    return gpo && this.view(gpo);
  }

  all(): GpoView[] {
    return [...this.#gpos.values()].map((g) => this.view(g)).sort((a, b) => a.name.localeCompare(b.name));
  }

  link(nameOrGuid: string, target: ContainerEntry, options: { enabled?: boolean; enforced?: boolean; order?: number } = {}): GpoLinkView {
    const gpo = this.require(nameOrGuid);
    if (target.kind === "container") {
      throw new LabError({
        code: "AD_CANNOT_LINK",
        message: `GPOs link only to the domain, sites and organizational units; ${target.dn} is a container`,
        remedy: "move the computers into an OU and link the GPO there",
        details: { ldapCode: 53 },
      });
    }
    const links = this.#links.get(target.key) ?? [];
    if (links.some((l) => l.guid === gpo.guid)) {
      throw new LabError({ code: "AD_GPO_ALREADY_LINKED", message: `"${gpo.name}" is already linked to ${target.dn}` });
    }
    const link: GpoLink = { guid: gpo.guid, enabled: options.enabled ?? true, enforced: options.enforced ?? false };
    // A new link takes the lowest precedence (the highest order number) unless an order is given.
    const index = options.order === undefined ? links.length : Math.min(Math.max(options.order - 1, 0), links.length);
    links.splice(index, 0, link);
    this.#links.set(target.key, links);
    return this.linkView(target.dn, links, link);
  }

  updateLink(nameOrGuid: string, target: ContainerEntry, change: { enabled?: boolean; enforced?: boolean }): GpoLinkView {
    const gpo = this.require(nameOrGuid);
    const links = this.#links.get(target.key) ?? [];
    const link = links.find((l) => l.guid === gpo.guid);
    if (!link) throw new LabError({ code: "AD_NO_SUCH_LINK", message: `"${gpo.name}" is not linked to ${target.dn}` });
    if (change.enabled !== undefined) link.enabled = change.enabled;
    if (change.enforced !== undefined) link.enforced = change.enforced;
    return this.linkView(target.dn, links, link);
  }

  unlink(nameOrGuid: string, target: ContainerEntry): void {
    const gpo = this.require(nameOrGuid);
    const links = this.#links.get(target.key) ?? [];
    const i = links.findIndex((l) => l.guid === gpo.guid);
    if (i < 0) throw new LabError({ code: "AD_NO_SUCH_LINK", message: `"${gpo.name}" is not linked to ${target.dn}` });
    links.splice(i, 1);
  }

  linksOf(target: ContainerEntry): GpoLinkView[] {
    const links = this.#links.get(target.key) ?? [];
    return links.map((l) => this.linkView(target.dn, links, l));
  }

  setStatus(nameOrGuid: string, status: { computerSettingsEnabled?: boolean; userSettingsEnabled?: boolean }): GpoView {
    const gpo = this.require(nameOrGuid);
    if (status.computerSettingsEnabled !== undefined) gpo.computerSettingsEnabled = status.computerSettingsEnabled;
    if (status.userSettingsEnabled !== undefined) gpo.userSettingsEnabled = status.userSettingsEnabled;
    gpo.view = undefined;
    return this.view(gpo);
  }

  setSecurityFiltering(nameOrGuid: string, principals: readonly string[]): GpoView {
    const gpo = this.require(nameOrGuid);
    gpo.securityFiltering = [...principals];
    gpo.view = undefined;
    return this.view(gpo);
  }

  addPackage(nameOrGuid: string, pkg: SoftwarePackage): GpoView {
    const gpo = this.require(nameOrGuid);
    validatePackage(pkg);
    if (gpo.packages.some((p) => p.name.toLowerCase() === pkg.name.toLowerCase() && p.version === pkg.version)) {
      throw new LabError({ code: "AD_PACKAGE_EXISTS", message: `"${gpo.name}" already deploys ${pkg.name} ${pkg.version}` });
    }
    gpo.packages.push(Object.freeze({ ...pkg }));
    gpo.view = undefined;
    return this.view(gpo);
  }

  removePackage(nameOrGuid: string, packageName: string): GpoView {
    const gpo = this.require(nameOrGuid);
    const before = gpo.packages.length;
    for (let i = gpo.packages.length - 1; i >= 0; i--) if (gpo.packages[i]!.name.toLowerCase() === packageName.toLowerCase()) gpo.packages.splice(i, 1);
    gpo.view = undefined;
    if (gpo.packages.length === before) throw new LabError({ code: "AD_NO_SUCH_PACKAGE", message: `"${gpo.name}" deploys no package named ${packageName}` });
    return this.view(gpo);
  }

  setSetting(nameOrGuid: string, setting: AdminTemplateSetting): GpoView {
    const gpo = this.require(nameOrGuid);
    validateSetting(setting);
    gpo.settings.set(settingKey(setting), Object.freeze({ ...setting }));
    gpo.view = undefined;
    return this.view(gpo);
  }

  /**
   * GPOs whose computer settings apply to a computer in the container chain
   * (domain head first, the computer's own container last), in application
   * order. `appliesTo` answers security filtering for a principal name.
   */
  applicable(chain: readonly ContainerEntry[], appliesTo: (principal: string) => boolean): GpoView[] {
    let blockedAbove = 0;
    chain.forEach((c, i) => {
      if (c.blockInheritance) blockedAbove = i;
    });
    const order: Gpo[] = [];
    chain.forEach((container, i) => {
      for (const link of [...(this.#links.get(container.key) ?? [])].reverse()) {
        if (link.enabled && !link.enforced && i >= blockedAbove) order.push(this.require(link.guid));
      }
    });
    for (let i = chain.length - 1; i >= 0; i--) {
      for (const link of [...(this.#links.get(chain[i]!.key) ?? [])].reverse()) {
        if (link.enabled && link.enforced) order.push(this.require(link.guid));
      }
    }
    const applied = order.filter((g) => g.computerSettingsEnabled && g.securityFiltering.some(appliesTo));
    // A GPO reached through two links is processed once, at its highest precedence.
    const unique = applied.filter((g, i) => applied.lastIndexOf(g) === i);
    return unique.map((g) => this.view(g));
  }

  private newGuid(): string {
    const hex = Buffer.from((this.#rng ??= this.makeRng()).bytes(16)).toString("hex").toUpperCase();
    return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
  }

  private find(nameOrGuid: string): Gpo | undefined {
    const byGuid = this.#gpos.get(nameOrGuid.toUpperCase());
    if (byGuid) return byGuid;
    const lowered = nameOrGuid.toLowerCase();
    for (const g of this.#gpos.values()) if (g.name.toLowerCase() === lowered) return g;
    return undefined;
  }

  private require(nameOrGuid: string): Gpo {
    const gpo = this.find(nameOrGuid);
    if (!gpo) {
      const known = [...this.#gpos.values()].map((g) => g.name).sort();
      throw new LabError({ code: "AD_NO_SUCH_GPO", message: `no GPO "${nameOrGuid}"; known: ${known.join(", ")}`, details: { ldapCode: 32 } });
    }
    return gpo;
  }

  /** Read-only (frozen, arrays too) and shared until the GPO changes: readers ask for the same GPO again and again. */
  private view(gpo: Gpo): GpoView {
    return (gpo.view ??= Object.freeze({
      guid: gpo.guid,
      name: gpo.name,
      dn: `CN=${gpo.guid},CN=Policies,CN=System,${this.domainDn}`,
      computerSettingsEnabled: gpo.computerSettingsEnabled,
      userSettingsEnabled: gpo.userSettingsEnabled,
      securityFiltering: Object.freeze([...gpo.securityFiltering]),
      packages: Object.freeze([...gpo.packages]),
      settings: Object.freeze([...gpo.settings.values()]),
    }));
  }

  private linkView(targetDn: string, links: readonly GpoLink[], link: GpoLink): GpoLinkView {
    const gpo = this.require(link.guid);
    return { gpo: gpo.name, guid: gpo.guid, target: targetDn, enabled: link.enabled, enforced: link.enforced, order: links.indexOf(link) + 1 };
  }
}

/** \\server\share\...\file.msi */
const UNC_MSI = /^\\\\[^\\/:*?"<>|]+\\[^\\/:*?"<>|]+(\\[^\\/:*?"<>|]+)*\\[^\\/:*?"<>|]+\.msi$/i;

function validatePackage(pkg: SoftwarePackage): void {
  if (!pkg.name || !pkg.version) throw new LabError({ code: "AD_BAD_PACKAGE", message: "a software package needs a name and a version" });
  if (!UNC_MSI.test(pkg.msiPath)) {
    throw new LabError({
      code: "AD_PACKAGE_PATH_NOT_UNC",
      message: `${pkg.msiPath} is not a UNC path to an .msi; computers install from the network at startup and cannot use a local path`,
      remedy: "give the package as \\\\SERVER\\share\\folder\\file.msi",
    });
  }
  if (pkg.arch !== "x86" && pkg.arch !== "x64") throw new LabError({ code: "AD_BAD_PACKAGE", message: `architecture must be x86 or x64, got ${String(pkg.arch)}` });
  if (pkg.deployment !== "assigned" && pkg.deployment !== "published") {
    throw new LabError({ code: "AD_BAD_PACKAGE", message: `deployment must be assigned or published, got ${String(pkg.deployment)}` });
  }
}

function validateSetting(setting: AdminTemplateSetting): void {
  const hive = setting.scope === "computer" ? /^(HKLM|HKEY_LOCAL_MACHINE)\\/i : /^(HKCU|HKEY_CURRENT_USER)\\/i;
  if (setting.scope !== "computer" && setting.scope !== "user") {
    throw new LabError({ code: "AD_BAD_SETTING", message: `scope must be computer or user, got ${String(setting.scope)}` });
  }
  if (!hive.test(setting.key)) {
    throw new LabError({
      code: "AD_BAD_SETTING",
      message: `a ${setting.scope} setting lives under ${setting.scope === "computer" ? "HKLM" : "HKCU"}, got ${setting.key}`,
    });
  }
  if (typeof setting.value !== "string" && !(typeof setting.value === "number" && Number.isInteger(setting.value))) {
    throw new LabError({ code: "AD_BAD_SETTING", message: "a setting's value is a string or an integer (REG_SZ or REG_DWORD)" });
  }
}

function settingKey(s: AdminTemplateSetting): string {
  return `${s.scope}|${s.key.toLowerCase()}|${s.valueName.toLowerCase()}`;
}
