import { memoPure } from "../kernel/index.ts";
import { fsError } from "./fs-errors.ts";

// A PE version resource holds four 16-bit numbers: major.minor.build.revision.
const VERSION_SHAPE = /^\d{1,5}(\.\d{1,5}){0,3}$/;

/** Checks a file version ("3.23.0.0", "3.23" also accepted) and returns it unchanged. */
export function validateFileVersion(version: string): string {
  // Not a string: check says why, every time.
  return typeof version === "string" ? checked(version) : check(version);
}

// Installers stamp the same few versions on every binary they write; a bad one throws every time (throws are not remembered).
const checked = memoPure(check);

function check(version: string): string {
  if (typeof version !== "string" || !VERSION_SHAPE.test(version) || version.split(".").some((p) => Number(p) > 65535)) {
    throw fsError("INVALID_VERSION", `file version "${String(version)}" is not of the form major.minor.build.revision with numbers up to 65535`, { version });
  }
  return version;
}

/** Orders two file versions numerically; missing parts count as 0 ("3.23" == "3.23.0.0"). */
export function compareFileVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = validateFileVersion(a).split(".").map(Number);
  const pb = validateFileVersion(b).split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
