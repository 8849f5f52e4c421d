import { LabError, memoPure } from "../../kernel/index.ts";
import type { ComponentDef } from "../../product/index.ts";

export const SPS_PCN = "sps-pcn";
export const SPS_SERVER = "sps-server";
export const SPS_ADMIN = "sps-admin";
export type SpsComponent = typeof SPS_PCN | typeof SPS_SERVER | typeof SPS_ADMIN;

/** The documented upgrade order: Password Change Notifier, Sync Server, Administration Tools. */
export const SPS_ORDER: readonly SpsComponent[] = [SPS_PCN, SPS_SERVER, SPS_ADMIN];

export const SPS_VERSIONS = ["4.0", "4.1", "5.0", "6.2", "7.2"] as const;
export type SpsVersion = (typeof SPS_VERSIONS)[number];
/** The document names no newest version: 7.2 is the lab's. */
export const SPS_LATEST: SpsVersion = "7.2";
export const SPS_MIN_UPGRADE_FROM: SpsVersion = "4.1";

const LATEST_NOTE = "The document gives the threshold 4.1 but not the newest version; the lab names 7.2 its latest.";

export const SPS_COMPONENT_NAMES: Readonly<Record<SpsComponent, string>> = {
  [SPS_PCN]: "Specops Password Sync Password Change Notifier",
  [SPS_SERVER]: "Specops Password Sync Server",
  [SPS_ADMIN]: "Specops Password Sync Administration Tools",
};

export const SPS_COMPONENTS: readonly ComponentDef[] = [SPS_PCN, SPS_SERVER, SPS_ADMIN].map((id) => ({
  id,
  name: SPS_COMPONENT_NAMES[id as SpsComponent],
  versions: SPS_VERSIONS,
  latest: SPS_LATEST,
  latestIsLabChoice: LATEST_NOTE,
}));

export function isSpsComponent(id: string): id is SpsComponent {
  return id === SPS_PCN || id === SPS_SERVER || id === SPS_ADMIN;
}

export function isSpsVersion(v: string): v is SpsVersion {
  return (SPS_VERSIONS as readonly string[]).includes(v);
}

export function requireVersion(v: string): SpsVersion {
  if (!isSpsVersion(v)) {
    throw new LabError({ code: "SPS_VERSION_UNKNOWN", message: `Specops Password Sync has no version "${v}"; the lab models ${SPS_VERSIONS.join(", ")}` });
  }
  return v;
}

/**
 * A dotted version's numbers. Memoized (pure, frozen): plans compare the
 * same few versions over and over, and splitting them each time was most of
 * a comparison.
 */
const versionParts = memoPure((version: string): readonly number[] => Object.freeze(version.split(".").map(Number)), 256);

/** Numeric comparison of dotted versions ("4.1" < "5.0" < "7.2"). */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The PCN-to-Sync Server protocol a version speaks (the lab's: see rule sps.order.protocol). */
export function protocolOf(version: string): 1 | 2 {
  return compareVersions(version, "5.0") < 0 ? 1 : 2;
}

/** Whether a server of `serverVersion` accepts a notifier of `notifierVersion` (a new notifier falls back; a new server does not). */
export function serverAccepts(serverVersion: string, notifierVersion: string): boolean {
  const server = protocolOf(serverVersion);
  const notifier = protocolOf(notifierVersion);
  return server === 1 ? true : notifier === 2;
}

/** The Password Sync policy format a version of the Administration Tools writes and a Sync Server reads up to. */
export function policyFormatOf(version: string): 1 | 2 | 3 {
  if (compareVersions(version, "5.0") < 0) return 1;
  if (compareVersions(version, "7.0") < 0) return 2;
  return 3;
}

/** File version of the binaries of a product version ("7.2" -> "7.2.0.0"). */
export function fileVersionOf(version: string): string {
  return `${version}.0.0`;
}

/** The folder the Setup Assistant extracts to, as the document gives it. */
export function setupFolder(version: string): string {
  return `C:\\temp\\SpecopsPasswordSync_Setup_${version}`;
}

/** The notifier msi's file name for an architecture. */
export function pcnMsiName(version: string, arch: "x86" | "x64"): string {
  return `SpecopsPasswordSync_PasswordChangeNotifier_${version}_${arch}.msi`;
}

/** Where the Setup Assistant leaves the notifier msi (the document's Products\SpecopsPasswordSync). */
export function pcnMsiPath(version: string, arch: "x86" | "x64"): string {
  return `${setupFolder(version)}\\Products\\SpecopsPasswordSync\\${pcnMsiName(version, arch)}`;
}

/** A stable Windows Installer product code per component, version and architecture (the lab's own GUIDs). */
export function productCodeOf(component: SpsComponent, version: string, arch: "x86" | "x64"): string {
  const c = { [SPS_PCN]: "1", [SPS_SERVER]: "2", [SPS_ADMIN]: "3" }[component];
  const v = version.replace(".", "").padStart(4, "0");
  return `{5B0C0A${c}0-${v}-4A50-9000-00000000${arch === "x64" ? "0064" : "0086"}}`;
}
