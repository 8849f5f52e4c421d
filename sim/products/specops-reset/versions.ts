import { LabError } from "../../kernel/index.ts";

/**
 * The versions the lab models. The document gives thresholds (4.1, 5.0, 6.3)
 * but no number for "the latest version": the lab calls its own latest 8.0.
 */
export const SPR_VERSIONS = ["4.0", "4.1", "5.0", "6.3", "7.0", "8.0"] as const;
export type SprVersion = (typeof SPR_VERSIONS)[number];
export const SPR_LATEST: SprVersion = "8.0";
export const LATEST_IS_LAB_CHOICE = "The document names no version for \"the latest version\"; the lab chose 8.0.";

/** Upgrades start from this version or later (spr.upgrade.from-4.1). */
export const MIN_UPGRADE_FROM = "4.1";
/** Upgrading from this version or lower needs a new licence key (spr.license.new-key). */
export const NEW_KEY_AT_OR_BELOW = "5.0";
/** Clients of this version or lower read the old ADMX template (spr.client.admx-migrate). */
export const OLD_ADMX_AT_OR_BELOW = "6.3";

export function isSprVersion(value: string): value is SprVersion {
  return (SPR_VERSIONS as readonly string[]).includes(value);
}

export function requireSprVersion(value: string): SprVersion {
  if (!isSprVersion(value)) {
    throw new LabError({ code: "SPR_VERSION_UNKNOWN", message: `Specops Password Reset version "${value}" is not modelled; known: ${SPR_VERSIONS.join(", ")}` });
  }
  return value;
}

/** Numeric comparison of dotted versions ("4.10" after "4.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The file version Windows shows for a component binary of this version. */
export function fileVersionOf(version: string): string {
  return `${version}.0.0`;
}

/** Licence keys carry a generation: keys for 5.0 and lower ("legacy") are refused by 6.x and later. */
export type LicenceGeneration = "legacy" | "current";

export function licenceGenerationFor(version: string): LicenceGeneration {
  return compareVersions(version, NEW_KEY_AT_OR_BELOW) <= 0 ? "legacy" : "current";
}

export function licenceAccepted(serverVersion: string, generation: LicenceGeneration): boolean {
  return generation === "current" || licenceGenerationFor(serverVersion) === "legacy";
}
