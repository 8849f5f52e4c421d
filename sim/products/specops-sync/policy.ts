import { isUnderDn, parentDn, type Directory } from "../../ad/index.ts";
import { LabError, memoPure } from "../../kernel/index.ts";
import type { TargetKind } from "./targets.ts";

/**
 * Specops Password Sync configuration. Sync Scopes (an administration unit
 * tied to an OU: users below it may be synced) and Sync Points (a target
 * system reached through one provider, within a scope) are set in the
 * Administration Tool; the Password Sync policy that names the Sync Points a
 * user syncs to lives in a GPO, as user settings, edited with the GPMC
 * snap-in. The Sync Server reads the policies that apply to the user from
 * the directory.
 */
export interface SyncScope {
  readonly name: string;
  /** The User Scope of Management: an OU (or the domain) DN. */
  readonly ou: string;
}

export interface SyncPoint {
  readonly name: string;
  readonly scope: string;
  readonly provider: TargetKind;
  /** The target system's name (see targets.ts). */
  readonly target: string;
}

export interface PolicyStore {
  readonly scopes: Map<string, SyncScope>;
  readonly points: Map<string, SyncPoint>;
}

export function createPolicyStore(): PolicyStore {
  return { scopes: new Map(), points: new Map() };
}

/** Where the GPMC snap-in writes the policy (user settings of the GPO): one value per Sync Point, its data the policy format. */
export const POLICY_KEY = "HKCU\\Software\\Policies\\Specopssoft\\Specops Password Sync\\Sync Points";

export function addScope(store: PolicyStore, scope: SyncScope): void {
  store.scopes.set(scope.name.toLowerCase(), scope);
}

export function addPoint(store: PolicyStore, point: SyncPoint): void {
  if (!store.scopes.has(point.scope.toLowerCase())) {
    throw new LabError({ code: "SPS_SCOPE_UNKNOWN", message: `Sync Point ${point.name}: no Sync Scope "${point.scope}"; scopes: ${[...store.scopes.values()].map((s) => s.name).join(", ") || "none"}` });
  }
  store.points.set(point.name.toLowerCase(), point);
}

/** Writes a Password Sync policy naming `points` into a GPO (created and linked when missing). */
export function writePolicy(directory: Directory, gpoName: string, linkDn: string, points: readonly string[], format: number): void {
  if (!directory.gpo(gpoName)) directory.createGpo(gpoName);
  if (!directory.gpoLinks(linkDn).some((l) => l.gpo.toLowerCase() === gpoName.toLowerCase())) directory.linkGpo(gpoName, linkDn);
  for (const point of points) directory.setAdminTemplateSetting(gpoName, { scope: "user", key: POLICY_KEY, valueName: point, value: format });
}

const POLICY_KEY_LOWER = POLICY_KEY.toLowerCase();

/**
 * The containers above a DN, topmost first, each as parentDn gives it.
 * Memoized (pure, frozen): every change reads the same user's policy, and
 * walking up the DN was a third of reading it.
 */
const ancestorsOf = memoPure((dn: string): readonly string[] => {
  const up: string[] = [];
  for (let at = parentDn(dn); at; at = parentDn(at)) up.unshift(at);
  return Object.freeze(up);
}, 1024);

/** The containers whose GPOs apply to an object: from the domain head (or the topmost ancestor outside it) down to the object's own. */
function containersDown(domainDn: string, dn: string): readonly string[] {
  const up = ancestorsOf(dn);
  const head = domainDn.toLowerCase();
  for (let i = up.length - 1; i >= 0; i--) if (up[i]!.toLowerCase() === head) return i === 0 ? up : up.slice(i);
  return up;
}

export interface UserPolicy {
  /** Scopes the user falls in. */
  readonly scopes: readonly string[];
  /** GPOs that apply to the user and carry a Password Sync policy. */
  readonly gpos: readonly string[];
  /** Sync Points the readable policies name, within the user's scopes, in a stable order. */
  readonly points: readonly SyncPoint[];
  /** Policies the reader could not read (written by newer Administration Tools). */
  readonly unreadable: readonly { gpo: string; point: string; format: number }[];
  /** Points a policy names that are unknown or outside the user's scopes. */
  readonly ignored: readonly string[];
}

/**
 * The Sync Points a user syncs to, as a Sync Server reading policy format
 * up to `readableFormat` sees them. GPOs apply from the domain down to the
 * user's OU through enabled links with user settings enabled (the lab
 * leaves out Block Inheritance and enforcement here: policies of this product
 * are linked plainly).
 */
export function resolveUserPolicy(directory: Directory, store: PolicyStore, userDn: string, readableFormat: number): UserPolicy {
  const scopes = [...store.scopes.values()].filter((s) => isUnderDn(userDn, s.ou)).map((s) => s.name);
  const inScope = new Set(scopes.map((s) => s.toLowerCase()));
  const gpos: string[] = [];
  const named = new Map<string, number>();
  const unreadable: { gpo: string; point: string; format: number }[] = [];
  for (const container of containersDown(directory.domainDn, userDn)) {
    let links;
    try {
      links = directory.gpoLinks(container);
    } catch {
      continue; // a CN= container that carries no links
    }
    for (const link of links.filter((l) => l.enabled).sort((a, b) => b.order - a.order)) {
      const gpo = directory.gpo(link.guid);
      if (!gpo || !gpo.userSettingsEnabled) continue;
      const settings = gpo.settings.filter((s) => s.scope === "user" && s.key.toLowerCase() === POLICY_KEY_LOWER);
      if (settings.length === 0) continue;
      gpos.push(gpo.name);
      for (const s of settings) {
        const format = Number(s.value);
        if (format > readableFormat) unreadable.push({ gpo: gpo.name, point: s.valueName, format });
        else named.set(s.valueName.toLowerCase(), format);
      }
    }
  }
  const points: SyncPoint[] = [];
  const ignored: string[] = [];
  for (const name of [...named.keys()].sort()) {
    const point = store.points.get(name);
    if (point && inScope.has(point.scope.toLowerCase())) points.push(point);
    else ignored.push(name);
  }
  return { scopes, gpos, points, unreadable, ignored };
}
