import { LabError, memoPure } from "../kernel/index.ts";

/**
 * Virtual paths of a site ("/", "/pwreset", "/pwreset/images"): forward
 * slashes, a leading slash, no trailing one except for the root. IIS compares
 * them case-insensitively; the configured case is kept for display.
 */
export function normaliseVirtualPath(path: string, what = "virtual path"): string {
  if (typeof path !== "string") throw invalidPath(String(path), what, "it is not a string");
  const out = normalised(path);
  if (typeof out !== "string") throw invalidPath(path, what, out.why);
  return out;
}

/** Why a path is not a virtual path (the caller names what the path was for). */
interface Invalid {
  readonly why: string;
}

// Memoised (a pure function; a refusal is frozen data, thrown afresh by the caller): applications are
// created, found and removed by the same few paths.
const normalised = memoPure(normalise);

function normalise(path: string): string | Invalid {
  let p = path.trim().replace(/\\/g, "/");
  if (!p.startsWith("/")) p = `/${p}`;
  p = p.replace(/\/{2,}/g, "/");
  if (p.length > 1) p = p.replace(/\/$/, "");
  const segments = p.split("/").slice(1);
  if (p !== "/" && segments.some((s) => s === "" || s === "." || s === "..")) return Object.freeze({ why: "it has an empty, '.' or '..' segment" });
  if (/[?#*:<>|"]/.test(p)) return Object.freeze({ why: "it holds one of ? # * : < > | \"" });
  return p;
}

/** Whether `path` is `base` or below it ("/pwreset/x" is within "/pwreset", "/pwresetx" is not). */
export function isWithin(base: string, path: string): boolean {
  const b = base.toLowerCase();
  const p = path.toLowerCase();
  if (b === "/") return true;
  return p === b || p.startsWith(`${b}/`);
}

/** `path` relative to `base`, with a leading slash ("/pwreset/a/b" under "/pwreset" is "/a/b"). */
export function relativeTo(base: string, path: string): string {
  if (base === "/") return path;
  const rest = path.slice(base.length);
  return rest === "" ? "/" : rest;
}

export function sameVirtualPath(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Joins a physical folder and a relative virtual path into a Windows path. */
export function joinPhysical(folder: string, relative: string): string {
  const tail = relative.replace(/^\/+/, "").replace(/\//g, "\\");
  if (tail === "") return folder;
  return `${folder.replace(/[\\/]+$/, "")}\\${tail}`;
}

function invalidPath(path: string, what: string, why: string): LabError {
  return new LabError({ code: "IIS_PATH_INVALID", message: `${what} "${path}" is not valid: ${why}` });
}
