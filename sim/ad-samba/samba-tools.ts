import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Where the host's Samba programs are. */
export interface SambaTools {
  readonly samba: string;
  readonly sambaTool: string;
}

export type SambaToolsLookup = { readonly found: true; readonly tools: SambaTools } | { readonly found: false; readonly reason: string };

// Debian puts `samba` in /usr/sbin, which a non-root PATH often lacks.
export const SAMBA_EXTRA_DIRS: readonly string[] = ["/usr/sbin", "/usr/local/sbin", "/usr/local/samba/sbin", "/usr/local/samba/bin"];

/** Finds `samba` and `samba-tool` on PATH (and the sbin folders); says which is missing otherwise. */
export function findSambaTools(path: string = process.env.PATH ?? "", extraDirs: readonly string[] = SAMBA_EXTRA_DIRS): SambaToolsLookup {
  const dirs = [...path.split(delimiter).filter(Boolean), ...extraDirs];
  const locate = (name: string) => dirs.map((d) => join(d, name)).find(isExecutable);
  const samba = locate("samba");
  const sambaTool = locate("samba-tool");
  if (samba && sambaTool) return { found: true, tools: { samba, sambaTool } };
  const missing = [samba ? undefined : "samba", sambaTool ? undefined : "samba-tool"].filter(Boolean).join(" and ");
  return { found: false, reason: `${missing} not found on PATH or in /usr/sbin (install the Debian packages: apt-get install -y samba samba-ad-dc)` };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
