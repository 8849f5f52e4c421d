import type { Lab } from "../../lab.ts";
import { installNotifier, loadNotifierAtBoot } from "./notifier.ts";
import { spsState, type SpsState } from "./sps-state.ts";
import { isSpsVersion } from "./versions.ts";

/** The notifier msi's file name, as the Setup Assistant extracts it and GPSI finds it on a share. */
export const PCN_MSI_PATTERN = /^SpecopsPasswordSync_PasswordChangeNotifier_(\d+\.\d+)_(x86|x64)\.msi$/i;

/**
 * Attaches the product to a lab once: Group Policy Software Installation
 * knows how to run the notifier msi, and every domain controller loads its
 * notification packages when it restarts (after startup software
 * installation, so a package GPSI installs at a restart is loaded by it).
 */
export function ensureRuntime(lab: Lab): SpsState {
  const state = spsState(lab);
  if (state.initialised) return state;
  state.initialised = true;
  lab.registerPackageInstaller(PCN_MSI_PATTERN, (host, msiPath) => {
    const file = msiPath.split("\\").pop() ?? msiPath;
    const m = PCN_MSI_PATTERN.exec(file);
    if (!m || !isSpsVersion(m[1]!)) return false;
    return installNotifier(state, host, m[1]!, m[2]!.toLowerCase() as "x86" | "x64", "gpsi").ok;
  });
  for (const host of lab.hosts()) {
    if (!host.isDomainController) continue;
    state.wired.add(`dc:${host.name.toUpperCase()}`);
    host.onRestart((h) => void loadNotifierAtBoot(state, h, lab.clock.now()));
  }
  return state;
}
