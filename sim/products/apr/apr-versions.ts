import { LabError, memoPure } from "../../kernel/index.ts";

/** The lab's component ids and versions of Netwrix (ANIXIS) Password Reset. */
export const APR_SERVER = "apr-server";
export const APR_WEB = "apr-web";
export const APR_CLIENT = "apr-client";
/** Password Policy Enforcer, only as far as APR's PPE integration needs it (its version). */
export const PPE = "ppe";

export type AprComponent = typeof APR_SERVER | typeof APR_WEB | typeof APR_CLIENT;
export const APR_COMPONENTS: readonly AprComponent[] = [APR_SERVER, APR_WEB, APR_CLIENT];

/** "2.9" stands for the 2.x line; "3.0" and "3.22" for the 3.x line before 3.23. */
export const APR_VERSIONS = ["2.9", "3.0", "3.22", "3.23"] as const;
export type AprVersion = (typeof APR_VERSIONS)[number];
export const APR_LATEST: AprVersion = "3.23";
export const PPE_VERSIONS = ["6.5", "7.0", "8.0"] as const;

export interface AprLine {
  readonly version: AprVersion;
  readonly major: 2 | 3;
  /** 2.x is a 32-bit program (Program Files (x86) and WOW6432Node on x64 Windows). */
  readonly bits: 32 | 64;
  /** 3.23 dropped the 32-bit server and web. */
  readonly x64Only: boolean;
  /** The key below HKLM\SOFTWARE\ANIXIS\ANIXIS Password Reset. */
  readonly registryVersionKey: string;
  readonly sqlCe: { readonly name: string; readonly folder: string; readonly version: string };
}

const SQLCE_35 = { name: "Microsoft SQL Server Compact 3.5 SP2 ENU", folder: "Microsoft SQL Server Compact Edition\\v3.5", version: "3.5.8080.0" };
const SQLCE_40 = { name: "Microsoft SQL Server Compact 4.0 x64 ENU", folder: "Microsoft SQL Server Compact Edition\\v4.0", version: "4.0.8876.1" };

// Lab inference: the 2.x line's registry key ("2.0") is not in the document, which names only 3.0.
const LINES: Readonly<Record<AprVersion, AprLine>> = {
  "2.9": { version: "2.9", major: 2, bits: 32, x64Only: false, registryVersionKey: "2.0", sqlCe: SQLCE_35 },
  "3.0": { version: "3.0", major: 3, bits: 64, x64Only: false, registryVersionKey: "3.0", sqlCe: SQLCE_40 },
  "3.22": { version: "3.22", major: 3, bits: 64, x64Only: false, registryVersionKey: "3.0", sqlCe: SQLCE_40 },
  "3.23": { version: "3.23", major: 3, bits: 64, x64Only: true, registryVersionKey: "3.0", sqlCe: SQLCE_40 },
};

export function isAprVersion(value: string): value is AprVersion {
  return (APR_VERSIONS as readonly string[]).includes(value);
}

export function aprLine(version: string): AprLine {
  const line = Object.hasOwn(LINES, version) ? LINES[version as AprVersion] : undefined;
  if (!line) {
    throw new LabError({ code: "APR_VERSION_UNKNOWN", message: `APR version "${version}" is not modelled; known: ${APR_VERSIONS.join(", ")}` });
  }
  return line;
}

const fileVersionText = (version: string): string => `${version}.0.0`.split(".").slice(0, 4).join(".");
// Worked out once per modelled version: installs stamp it on every binary they write.
const FILE_VERSIONS: ReadonlyMap<string, string> = new Map(APR_VERSIONS.map((v) => [v, fileVersionText(v)]));

/** The file version stamped on APR.dll and APRService.exe. */
export function fileVersionOf(version: AprVersion): string {
  return FILE_VERSIONS.get(version) ?? fileVersionText(version);
}

/**
 * The protocol version a binary speaks, from its file version: major * 100 +
 * minor ("3.23.0.0" -> 323). The lab's own convention (see the wire format).
 */
export function protocolOfFileVersion(fileVersion: string): number {
  return protocolMemo(fileVersion);
}

function protocolOfText(fileVersion: string): number {
  const [major, minor] = fileVersion.split(".").map((p) => Number.parseInt(p, 10));
  if (!Number.isInteger(major) || !Number.isInteger(minor)) {
    throw new LabError({ code: "APR_FILE_VERSION", message: `"${fileVersion}" is not a file version (major.minor[.build.revision])` });
  }
  return major! * 100 + minor!;
}

// Pure memo: every server start reads its binary's file version (a handful of texts in all).
const protocolMemo = memoPure(protocolOfText, 256);

export function protocolOf(version: AprVersion): number {
  return protocolOfFileVersion(fileVersionOf(version));
}

/** "3.23" from protocol 323, for messages. */
export function versionOfProtocol(protocol: number): string {
  return `${Math.floor(protocol / 100)}.${protocol % 100}`;
}

export function compareAprVersions(a: string, b: string): number {
  const [am, an] = versionParts(a);
  const [bm, bn] = versionParts(b);
  return (am! - bm!) || (an! - bn!);
}

// Pure memo of a version's numbers (frozen): Setup, the templates and the checks compare the same few versions.
const versionParts = memoPure((version: string): readonly number[] => Object.freeze(version.split(".").map(Number)), 256);

/** Upgrade codes of the installed-products table (the lab's own, stable per component and version). */
export function productCodeOf(component: AprComponent, version: AprVersion): string {
  const c = { [APR_SERVER]: "1", [APR_WEB]: "2", [APR_CLIENT]: "3" }[component];
  const v = version.replace(".", "").padStart(4, "0");
  return `{A9B1C0DE-${c}${v.slice(0, 3)}-4A50-8052-00000000${v}}`;
}

export const PRODUCT_NAMES: Readonly<Record<AprComponent, string>> = {
  [APR_SERVER]: "Netwrix Password Reset Server",
  [APR_WEB]: "Netwrix Password Reset Web Interface",
  [APR_CLIENT]: "Netwrix Password Reset Client",
};
