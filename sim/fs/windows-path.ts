import { memoPure } from "../kernel/index.ts";
import { fsError } from "./fs-errors.ts";

/** A parsed absolute path: an upper-case drive letter and its folder names, case preserved. */
export interface WindowsPath {
  readonly drive: string;
  readonly segments: readonly string[];
}

const INVALID_CHARS = /[<>:"|?*\u0000-\u001f]/;
// Win32 maps these names to devices in every folder, with or without an extension.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX_SEGMENT = 255;

/**
 * Parses an absolute Windows path the way Win32 does: `\` or `/`, repeated
 * separators collapse, `.` and `..` resolve (`..` stops at the root), and
 * trailing dots and spaces of a name are dropped. The lab has no current
 * directory, so a path must name its drive.
 */
export function parseWindowsPath(input: string): WindowsPath {
  return parsed(input);
}

// Products read and write the same few hundred paths over and over; results are frozen.
const parsed = memoPure(parse);

function parse(input: string): WindowsPath {
  if (typeof input !== "string" || input.trim() === "") throw fsError("INVALID_PATH", "a path is required (e.g. C:\\temp)", { path: input });
  let text = input.replace(/\//g, "\\");
  if (text.startsWith("\\\\?\\")) text = text.slice(4);
  if (text.startsWith("\\\\")) throw fsError("INVALID_PATH", `network path "${input}" is not supported by a host's local file system`, { path: input });
  const match = /^([A-Za-z]):(.*)$/s.exec(text);
  if (!match) throw fsError("INVALID_PATH", `path "${input}" must start with a drive letter, e.g. C:\\temp`, { path: input });
  const rest = match[2]!;
  if (rest !== "" && !rest.startsWith("\\")) {
    throw fsError("INVALID_PATH", `path "${input}" is drive-relative; write it as ${match[1]}:\\${rest}`, { path: input });
  }
  const segments: string[] = [];
  for (const raw of rest.split("\\")) {
    if (raw === "" || raw === ".") continue;
    if (raw === "..") {
      segments.pop();
      continue;
    }
    const name = raw.replace(/[. ]+$/, "");
    if (name === "") throw fsError("INVALID_PATH", `path "${input}" has a name made only of dots or spaces ("${raw}")`, { path: input });
    if (INVALID_CHARS.test(name)) throw fsError("INVALID_PATH", `name "${name}" in "${input}" contains a character Windows forbids (< > : " | ? * or a control character)`, { path: input });
    if (RESERVED_NAMES.test(name)) throw fsError("INVALID_PATH", `name "${name}" in "${input}" is a reserved device name`, { path: input });
    if (name.length > MAX_SEGMENT) throw fsError("INVALID_PATH", `name "${name.slice(0, 20)}..." in "${input}" is longer than ${MAX_SEGMENT} characters`, { path: input });
    segments.push(name);
  }
  return Object.freeze({ drive: match[1]!.toUpperCase(), segments: Object.freeze(segments) });
}

/** Display form: `C:\` for a root, `C:\Program Files\X` otherwise. */
export function formatWindowsPath(path: WindowsPath): string {
  return `${path.drive}:\\${path.segments.join("\\")}`;
}

/** Canonical form without a file system to take stored case from. */
export function normaliseWindowsPath(input: string): string {
  return formatWindowsPath(parseWindowsPath(input));
}

/** Comparison key: Windows names compare case-insensitively. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

// The comparison keys of a parsed path. Parsed paths are memoised and frozen, so each one's keys are
// worked out once (a pure function of the path; weak: they go when the parse memo lets the path go).
const KEYS = new WeakMap<WindowsPath, readonly string[]>();

/** `path.segments` as comparison keys. */
export function segmentKeys(path: WindowsPath): readonly string[] {
  let keys = KEYS.get(path);
  if (keys === undefined) KEYS.set(path, (keys = Object.freeze(path.segments.map(nameKey))));
  return keys;
}

/** Accepts "C", "c:", "C:\" or any path on the drive; returns "C". */
export function parseDriveLetter(input: string): string {
  if (typeof input === "string" && /^[A-Za-z]:?\\?$/.test(input.replace(/\//g, "\\"))) return input[0]!.toUpperCase();
  return parseWindowsPath(input).drive;
}
