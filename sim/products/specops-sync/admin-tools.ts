import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { addPoint, addScope, writePolicy } from "./policy.ts";
import type { SpsState } from "./sps-state.ts";
import type { TargetKind } from "./targets.ts";
import { fileVersionOf, policyFormatOf, productCodeOf, SPS_ADMIN, SPS_COMPONENT_NAMES } from "./versions.ts";

export const ADMIN_FOLDER = "C:\\Program Files\\Specopssoft\\Specops Password Sync\\Administration Tools";
export const ADMIN_EXE = `${ADMIN_FOLDER}\\Specopssoft.PasswordSync.AdminTool.exe`;
export const GPMC_SNAPIN = `${ADMIN_FOLDER}\\Specopssoft.PasswordSync.GpmcSnapIn.dll`;
export const DEFAULT_POLICY_GPO = "Specops Password Sync Policy";
export const DEFAULT_SCOPE = "Default Sync Scope";

/** The Administration tool and the GPMC snap-in, on the computer the administrator works from. */
export function installAdminTools(host: Host, version: string): void {
  const existing = host.products.byComponent(SPS_ADMIN);
  if (existing) host.products.remove(existing.productCode);
  host.fs.writeFile(ADMIN_EXE, "Specops Password Sync Administration Tool", { version: fileVersionOf(version), size: 1_800_000 });
  host.fs.writeFile(GPMC_SNAPIN, "Specops Password Sync GPMC snap-in", { version: fileVersionOf(version), size: 600_000 });
  host.products.add({
    productCode: productCodeOf(SPS_ADMIN, version, host.arch),
    name: SPS_COMPONENT_NAMES[SPS_ADMIN],
    version,
    arch: host.arch,
    installFolder: ADMIN_FOLDER,
    publisher: "Specopssoft",
    component: SPS_ADMIN,
  });
  host.record("sps-admin", "admin-tools.installed", { version });
}

export function uninstallAdminTools(host: Host): boolean {
  const row = host.products.byComponent(SPS_ADMIN);
  if (!row) return false;
  host.products.remove(row.productCode);
  host.fs.delete(ADMIN_FOLDER, { recursive: true });
  host.record("sps-admin", "admin-tools.uninstalled", { version: row.version });
  return true;
}

export function adminToolsVersion(host: Host): string | undefined {
  return host.products.byComponent(SPS_ADMIN)?.version;
}

/** Imports a licence key through the Administration Tool (stored in the domain for every Sync Server). */
export function importLicense(lab: Lab, state: SpsState, host: Host, expiresInDays: number | undefined): void {
  const now = lab.clock.now();
  const event = host.record("sps-admin", "license.imported", { expiresInDays: expiresInDays ?? null });
  state.license = { importedAtMs: now, expiresAtMs: expiresInDays === undefined ? undefined : now + expiresInDays * 86_400_000, eventId: event.id };
}

export interface SyncConfiguration {
  /** OU the Sync Scope covers (the domain by default). */
  readonly ou?: string;
  readonly scope?: string;
  /** Sync Points: a target system each, with the provider of its kind. */
  readonly points: readonly { readonly name: string; readonly target: string; readonly provider: TargetKind }[];
  /** GPO carrying the Password Sync policy, linked to `link` (the scope's OU by default). */
  readonly gpo?: string;
  readonly link?: string;
  /** Points the policy names (all of `points` by default). */
  readonly policyPoints?: readonly string[];
}

/** What the Administration Tool and the GPMC snap-in of `version` write: scope, points, and the policy in a GPO. */
export function configureSync(lab: Lab, state: SpsState, host: Host, version: string, config: SyncConfiguration): void {
  const directory = lab.domain();
  const ou = config.ou ?? directory.domainDn;
  const scope = config.scope ?? DEFAULT_SCOPE;
  addScope(state.policy, { name: scope, ou });
  for (const p of config.points) addPoint(state.policy, { name: p.name, scope, provider: p.provider, target: state.targets.require(p.target).name });
  const gpo = config.gpo ?? DEFAULT_POLICY_GPO;
  const link = config.link ?? ou;
  const named = config.policyPoints ?? config.points.map((p) => p.name);
  const format = policyFormatOf(version);
  writePolicy(directory, gpo, link, named, format);
  host.record("sps-admin", "policy.saved", { scope, ou, gpo, link, points: [...named], format, toolsVersion: version });
}
