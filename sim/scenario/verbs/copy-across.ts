import { LabError } from "../../kernel/index.ts";
import type { EstatePath } from "./estate-path.ts";

export interface CopyOutcome {
  readonly files: number;
  readonly excluded: string[];
}

/**
 * Copies a file or folder tree, on one machine or between two (over a
 * share): versions and sizes travel with the files. A file copied onto an
 * existing folder lands inside it; a folder merges into an existing one,
 * replacing files of the same name. `exclude` names files (any depth,
 * case-insensitive) that are left out.
 */
export function copyAcross(from: EstatePath, to: EstatePath, exclude: readonly string[] = []): CopyOutcome {
  const src = from.host.fs;
  if (!src.exists(from.path)) throw new LabError({ code: "FILE_NOT_FOUND", message: `nothing at ${from.path} on ${from.host.name} to copy`, details: { host: from.host.name, path: from.path } });
  const skip = new Set(exclude.map((n) => n.toLowerCase()));
  if (from.host === to.host && skip.size === 0) {
    const files = src.isFile(from.path) ? 1 : src.walk(from.path).length;
    src.copy(from.path, to.path);
    return { files, excluded: [] };
  }
  const dst = to.host.fs;
  if (src.isFile(from.path)) {
    const entry = src.readFile(from.path)!;
    if (skip.has(entry.name.toLowerCase())) return { files: 0, excluded: [entry.name] };
    const target = dst.isDirectory(to.path) ? `${trimSlash(to.path)}\\${entry.name}` : to.path;
    dst.writeFile(target, entry.content, { size: entry.size, ...(entry.version !== undefined ? { version: entry.version } : {}) });
    return { files: 1, excluded: [] };
  }
  const base = src.normalise(from.path).split("\\").filter(Boolean).length;
  const excluded: string[] = [];
  let files = 0;
  dst.mkdir(to.path);
  for (const file of src.walk(from.path)) {
    const entry = src.readFile(file)!;
    if (skip.has(entry.name.toLowerCase())) {
      excluded.push(file);
      continue;
    }
    const rel = file.split("\\").filter(Boolean).slice(base).join("\\");
    dst.writeFile(`${trimSlash(to.path)}\\${rel}`, entry.content, { size: entry.size, ...(entry.version !== undefined ? { version: entry.version } : {}) });
    files++;
  }
  return { files, excluded };
}

function trimSlash(path: string): string {
  return path.replace(/[\\/]+$/, "");
}
