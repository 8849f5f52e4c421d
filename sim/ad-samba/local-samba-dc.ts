import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LabError } from "../kernel/index.ts";
import { isPortOpen } from "./host-process.ts";
import { acquirePortLock } from "./port-lock.ts";
import { postProvisionSettings, provisionArgs, withGlobalSettings } from "./provision-args.ts";
import type { SambaDc } from "./samba-dc.ts";
import { DEFAULT_SAMBA_DOMAIN, endpointOf, type SambaDomainOptions } from "./samba-domain.ts";
import { SambaProcess } from "./samba-process.ts";
import type { SambaTools } from "./samba-tools.ts";
import { runTool } from "./run-tool.ts";
import { makeScratchFolder, removeScratchFolder, sweepStaleScratchFolders } from "./scratch-folder.ts";

const LDAPS_PORT = 636;
const LOOPBACK = "127.0.0.1";

export interface LocalSambaDcOptions {
  readonly domain?: SambaDomainOptions;
  /** How long to wait for another lab DC to free the ports. */
  readonly lockTimeoutMs?: number;
  readonly readyTimeoutMs?: number;
}

/**
 * Provisions a throwaway DC with the host's Samba in a fresh temporary
 * folder, starts it on loopback, and waits until LDAPS answers. `stop()`
 * ends it and removes the folder; a process exit hook does the same if the
 * caller never gets to `stop()`, and folders of runs killed outright are
 * swept by the next start.
 */
export async function startLocalSambaDc(tools: SambaTools, options: LocalSambaDcOptions = {}): Promise<SambaDc> {
  const domain = options.domain ?? DEFAULT_SAMBA_DOMAIN;
  sweepStaleScratchFolders();
  const releaseLock = await acquirePortLock(LDAPS_PORT, options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs });
  let dir: string | undefined;
  let samba: SambaProcess | undefined;
  const cleanupNow = () => {
    samba?.killNow();
    if (dir) removeScratchFolder(dir);
    releaseLock();
  };
  process.once("exit", cleanupNow);
  try {
    if (await isPortOpen(LOOPBACK, LDAPS_PORT)) {
      throw new LabError({
        code: "SAMBA_PORT_IN_USE",
        message: `something already listens on ${LOOPBACK}:${LDAPS_PORT}; the lab's DC needs that port`,
        remedy: "stop the other directory server (a system samba-ad-dc or slapd) for the duration of the run",
      });
    }
    dir = makeScratchFolder();
    await runTool(tools.sambaTool, provisionArgs(domain, dir, { loopbackOnly: true }), { code: "SAMBA_PROVISION_FAILED", what: "samba-tool domain provision" });
    mkdirSync(join(dir, "run"), { recursive: true });
    const smbConf = join(dir, "etc", "smb.conf");
    writeFileSync(smbConf, withGlobalSettings(readFileSync(smbConf, "utf8"), postProvisionSettings(domain)));
    samba = SambaProcess.start(tools.samba, smbConf);
    await samba.waitForLdaps(LOOPBACK, LDAPS_PORT, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await samba?.stop();
    cleanupNow();
    process.removeListener("exit", cleanupNow);
    throw error;
  }
  const samDbPath = join(dir, "private", "sam.ldb");
  let stopped = false;
  return {
    endpoint: endpointOf(domain, `ldaps://${LOOPBACK}:${LDAPS_PORT}`),
    backend: "host",
    samDbPath,
    sambaTool: (args) => runTool(tools.sambaTool, args, { code: "SAMBA_TOOL_FAILED", what: `samba-tool ${args.slice(0, 2).join(" ")}` }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await samba!.stop();
      cleanupNow();
      process.removeListener("exit", cleanupNow);
    },
  };
}
