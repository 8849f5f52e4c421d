import type { Host } from "../../host/index.ts";
import { installedNotifier } from "./notifier.ts";
import type { SpsState } from "./sps-state.ts";

/**
 * Whether a DC still waits for its restart: Windows holds file operations
 * for it, or LSASS runs another notifier than Programs and Features lists
 * (it loads the package only at boot). A DC whose loaded notifier is the
 * installed one needs no restart, which keeps `lab plan` quiet on a
 * finished estate.
 */
export function awaitsRestart(state: SpsState, dc: Host): boolean {
  if (dc.pendingReboot.length > 0) return true;
  const installed = installedNotifier(dc)?.version;
  const loaded = state.notifiers.get(dc.name.toUpperCase())?.loaded?.version;
  return installed !== loaded;
}

/** The notifier package LSASS can load: the host's own architecture (64-bit LSASS never finds a 32-bit DLL). */
export function nativeNotifierArch(dc: Host): "x86" | "x64" {
  return dc.is64Bit ? "x64" : "x86";
}
