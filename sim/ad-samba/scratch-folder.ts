import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isProcessAlive } from "./host-process.ts";

const PREFIX = "lab-samba-";
const OWNER_FILE = "owner.pid";

/** A fresh folder for one DC, marked with the owning pid so a later run can sweep it if this one dies. */
export function makeScratchFolder(parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

export function removeScratchFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes DC folders left by runs that were killed before their cleanup ran
 * (only folders this module made: the prefix and an owner file whose process
 * is gone). Returns the folders removed.
 */
export function sweepStaleScratchFolders(parent: string = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(parent, name);
    let owner: number;
    try {
      owner = Number.parseInt(readFileSync(join(dir, OWNER_FILE), "utf8"), 10);
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && !isProcessAlive(owner)) {
      removeScratchFolder(dir);
      removed.push(dir);
    }
  }
  return removed;
}
