import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { SPR_CLIENT } from "./components.ts";
import { dfsTargetFor, underTarget } from "./dfs-referral.ts";
import { installedVersion, recordInstalled } from "./estate.ts";
import { CLIENT_DIR, CLIENT_DLL, CLIENT_KEY } from "./paths.ts";
import { clientPrerequisites } from "./prerequisites.ts";
import { msiArch } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions, fileVersionOf } from "./versions.ts";

export const CLIENT_MSI_PATTERN = /^SpecopsPasswordResetClient_[0-9.]+_(x86|x64)\.msi$/i;

/** Registers, once per lab, how the Client's msi installs when Group Policy assigns it at a restart. */
export function registerClientInstaller(lab: Lab): void {
  const state = sprState(lab);
  if (state.installerRegistered) return;
  state.installerRegistered = true;
  lab.registerPackageInstaller(CLIENT_MSI_PATTERN, (host, msiPath, packageName) => installClientMsi(lab, host, msiPath, packageName));
}

/**
 * The Client Side Extension's msi on one workstation, at startup: it must
 * match the architecture of Windows, its requirements must be met, and the
 * file the workstation is referred to must be there. Installs the msi's own
 * version (its file version), not the one the GPO names.
 */
export function installClientMsi(lab: Lab, host: Host, msiPath: string, packageName: string): boolean {
  const record = (kind: string, data: Record<string, unknown>) => host.record("spr-client", kind, { package: packageName, msi: msiPath, ...data });
  const arch = msiArch(msiPath);
  if (arch !== host.arch) {
    record("spr:client.arch-mismatch", { packageArch: arch, hostArch: host.arch });
    return false;
  }
  const prereqs = clientPrerequisites(host);
  if (prereqs.misses.length > 0) {
    for (const miss of prereqs.misses) record("spr:client.install-refused", { rule: miss.rule, detail: miss.detail });
    return false;
  }
  const source = referredSource(lab, host, msiPath);
  if (!source.ok) {
    record("spr:client.dfs-target-missing", { target: source.target, path: source.path });
    return false;
  }
  const version = source.version;
  const current = installedVersion(host, SPR_CLIENT);
  if (current !== undefined && compareVersions(current, version) >= 0) return false;
  host.fs.writeFile(CLIENT_DLL, "MZ Specops Password Reset Client Side Extension", { version: fileVersionOf(version) });
  host.registry.view(64).setValue(CLIENT_KEY, "Version", { type: "REG_SZ", data: version });
  recordInstalled(host, SPR_CLIENT, version, CLIENT_DIR, arch);
  record("spr:client.installed", { version, from: current ?? null });
  return true;
}

type Source = { ok: true; version: string } | { ok: false; target: string; path: string };

/** Reads the msi the workstation gets: through its DFS referral when the share is a load-balanced namespace. */
function referredSource(lab: Lab, host: Host, msiPath: string): Source {
  const deployment = sprState(lab).deployment;
  let path = msiPath;
  if (deployment.share && deployment.dfsTargets.length > 0) {
    const target = dfsTargetFor(host.name, deployment.dfsTargets)!;
    const referred = underTarget(msiPath, deployment.share, target);
    if (referred) {
      path = referred;
      const file = lab.shares.resolve(referred, host.name, host.joined);
      if (!file.exists || !file.readable) return { ok: false, target, path: referred };
    }
  }
  const located = lab.shares.locate(path);
  const fileVersion = located ? lab.findHost(located.share.host)?.fs.fileVersion(located.localPath) : undefined;
  return { ok: true, version: productVersion(fileVersion) ?? "0.0" };
}

/** "8.0.0.0" -> "8.0". */
function productVersion(fileVersion: string | undefined): string | undefined {
  if (!fileVersion) return undefined;
  return fileVersion.split(".").slice(0, 2).join(".");
}
