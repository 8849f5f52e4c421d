import { LabError, memoPure } from "../kernel/index.ts";
import { findHive, HIVES, type HiveInfo } from "./hives.ts";

/** Windows refuses key names longer than this (characters). */
export const MAX_KEY_NAME_LENGTH = 255;

export interface KeyPath {
  readonly hive: HiveInfo;
  /** Subkey names below the root, as written; never empty strings. */
  readonly segments: readonly string[];
}

/**
 * Splits "HKLM\SOFTWARE\X" (or "HKEY_LOCAL_MACHINE\..."). Empty segments, as
 * in a trailing or doubled backslash, are dropped, as RegCreateKeyEx does.
 */
export function parseKeyPath(path: unknown): KeyPath {
  // Not a string: parse says why, every time.
  return typeof path === "string" ? parsed(path) : parse(path);
}

// The same few keys are read and written all run long; results are frozen.
const parsed = memoPure(parse);

function parse(path: unknown): KeyPath {
  if (typeof path !== "string" || path.length === 0) {
    throw badPath(`a registry key path must be a non-empty string, got ${describe(path)}`, path);
  }
  const [root = "", ...rest] = path.split("\\");
  const hive = findHive(root);
  if (!hive) {
    const known = HIVES.map((h) => `${h.id} (${h.longName})`).join(", ");
    throw badPath(`unknown root key "${root}" in "${path}"; the lab models ${known}`, path);
  }
  const segments = rest.filter((s) => s.length > 0);
  for (const segment of segments) {
    if (segment.length > MAX_KEY_NAME_LENGTH) {
      throw badPath(`key name "${segment.slice(0, 40)}..." in "${path}" is ${segment.length} characters; Windows allows ${MAX_KEY_NAME_LENGTH}`, path);
    }
    if (segment.includes("\0")) throw badPath(`key name in "${path}" contains a NUL character`, path);
  }
  return Object.freeze({ hive, segments: Object.freeze(segments) });
}

function badPath(message: string, path: unknown): LabError {
  return new LabError({
    code: "REG_BAD_PATH",
    message,
    remedy: "write the path as ROOT\\Key\\Subkey with ROOT one of HKLM, HKCU, HKU, HKCR or their HKEY_ names",
    details: { path: typeof path === "string" ? path : String(path) },
  });
}

function describe(value: unknown): string {
  return typeof value === "string" ? "an empty string" : typeof value;
}
