import type { Host } from "../../host/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";

/** A path on a machine of the estate: local to the step's host, or a UNC path to a share's host. */
export interface EstatePath {
  readonly host: Host;
  readonly path: string;
}

export function isUnc(path: string): boolean {
  return /^(\\\\|\/\/)/.test(path);
}

/**
 * Resolves `C:\x` on the step's host, or `\\FS01\share\x` to the folder the
 * share exposes on FS01 (the operator is an administrator: share ACLs, which
 * decide what computers may read, do not stop them).
 */
export function resolveEstatePath(lab: Lab, hostName: string | undefined, path: string): EstatePath {
  if (isUnc(path)) {
    const found = lab.shares.locate(path);
    if (!found) {
      const shares = lab.shares.list().map((s) => `\\\\${s.host}\\${s.name}`);
      throw new LabError({
        code: "FILES_NO_SHARE",
        message: `no share for ${path}; the lab's shares: ${shares.join(", ") || "none"}`,
        remedy: "add the share (lab hosts[].shares or a `share:` step) first",
      });
    }
    return { host: lab.host(found.share.host), path: found.localPath };
  }
  if (hostName === undefined) {
    throw new LabError({ code: "FILES_NO_HOST", message: `"${path}" is a local path: say on which machine with host: X (or use a UNC path \\\\HOST\\share\\...)` });
  }
  return { host: lab.host(hostName), path };
}
