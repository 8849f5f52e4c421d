import type { Host } from "../../host/index.ts";
import { notifierOf, type NotifierRuntime, type SpsState } from "./sps-state.ts";
import { fileVersionOf, productCodeOf, SPS_COMPONENT_NAMES, SPS_PCN } from "./versions.ts";

/**
 * The Password Change Notifier is an LSA notification package: a DLL that
 * LSASS loads at boot from System32 for every name listed under
 * HKLM\SYSTEM\CurrentControlSet\Control\Lsa "Notification Packages". So an
 * installed notifier runs only after a restart, a loaded DLL cannot be
 * replaced or deleted until the next one (Windows Installer schedules the
 * file operation for the reboot), and a 32-bit DLL (in SysWOW64 on x64)
 * is never found by 64-bit LSASS.
 */
export const PCN_PACKAGE = "SpecopsPasswordSyncPCN";
export const LSA_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa";
export const LSA_VALUE = "Notification Packages";
export const PCN_CONFIG_KEY = "HKLM\\SOFTWARE\\Specopssoft\\Specops Password Sync\\Password Change Notifier";
/** Windows' own notification package, present on every DC. */
const DEFAULT_PACKAGES = ["scecli"];

export type PcnInstallVia = "msi" | "setup" | "gpsi" | "seed";

export type PcnInstallResult =
  | { readonly ok: true; readonly dllPath: string; readonly deferred: boolean; readonly eventId: number }
  | { readonly ok: false; readonly error: number; readonly message: string; readonly installedVersion?: string; readonly eventId: number };

/** The DLL in the native System32, and where WOW64 redirects a 32-bit msi's copy on x64 (one string each for every lab). */
const NATIVE_DLL = `C:\\Windows\\System32\\${PCN_PACKAGE}.dll`;
const WOW64_DLL = `C:\\Windows\\SysWOW64\\${PCN_PACKAGE}.dll`;

/** The DLL's folder for an msi of `arch` on this host (WOW64 file redirection for 32-bit on x64). */
export function pcnDllPath(host: Host, arch: "x86" | "x64"): string {
  return host.is64Bit && arch === "x86" ? WOW64_DLL : NATIVE_DLL;
}

/** Where LSASS looks for the package: the native System32. */
export function lsassDllPath(): string {
  return NATIVE_DLL;
}

/** The notifier's row in Programs and Features, when one is installed. */
export function installedNotifier(host: Host): { version: string; arch: "x86" | "x64"; productCode: string } | undefined {
  const row = host.products.byComponent(SPS_PCN);
  return row && { version: row.version, arch: row.arch, productCode: row.productCode };
}

/** Runs the notifier msi (whatever started it: msiexec, the Setup Assistant, GPSI at startup). */
export function installNotifier(state: SpsState, host: Host, version: string, arch: "x86" | "x64", via: PcnInstallVia): PcnInstallResult {
  const existing = installedNotifier(host);
  if (existing) {
    const message = `Another version of this product is already installed (${SPS_COMPONENT_NAMES[SPS_PCN]} ${existing.version}). Installation of this version cannot continue.`;
    const event = host.record("sps-pcn", "msi.refused", { version, arch, via, error: 1638, installedVersion: existing.version, message });
    return { ok: false, error: 1638, message, installedVersion: existing.version, eventId: event.id };
  }
  if (arch === "x64" && !host.is64Bit) {
    const message = "This installation package is not supported by this processor type.";
    const event = host.record("sps-pcn", "msi.refused", { version, arch, via, error: 1633, message });
    return { ok: false, error: 1633, message, eventId: event.id };
  }
  const dllPath = pcnDllPath(host, arch);
  const runtime = notifierOf(state, host.name);
  const write = (): void => host.fs.writeFile(dllPath, `${PCN_PACKAGE} ${version}`, { version: fileVersionOf(version), size: 180_224 });
  // GPSI installs at startup, before LSASS loads the packages (the lab's model: one restart suffices, as the document says).
  const inUse = via !== "gpsi" && runtime.loaded?.dllPath.toLowerCase() === dllPath.toLowerCase();
  // A loaded DLL is locked: Windows Installer writes the new file at the next restart.
  if (inUse) host.atNextRestart(`replace ${dllPath}`, write);
  else write();
  addPackage(host);
  host.registry.view(64).setValue(PCN_CONFIG_KEY, "Version", { type: "REG_SZ", data: version });
  host.products.add({
    productCode: productCodeOf(SPS_PCN, version, arch),
    name: SPS_COMPONENT_NAMES[SPS_PCN],
    version,
    arch,
    installFolder: dllPath.slice(0, dllPath.lastIndexOf("\\")),
    publisher: "Specopssoft",
    component: SPS_PCN,
  });
  const event = host.record("sps-pcn", "msi.installed", { version, arch, via, dllPath, deferredToRestart: inUse, loadedNow: runtime.loaded?.version ?? null });
  return { ok: true, dllPath, deferred: inUse, eventId: event.id };
}

/** Removes the notifier msi: the package leaves the LSA list; a loaded DLL is deleted at the next restart. */
export function uninstallNotifier(state: SpsState, host: Host): { removed: boolean; eventId: number } {
  const existing = installedNotifier(host);
  if (!existing) {
    const event = host.record("sps-pcn", "msi.uninstall-nothing", {});
    return { removed: false, eventId: event.id };
  }
  host.products.remove(existing.productCode);
  removePackage(host);
  host.registry.view(64).deleteValue(PCN_CONFIG_KEY, "Version");
  const dllPath = pcnDllPath(host, existing.arch);
  const runtime = notifierOf(state, host.name);
  const inUse = runtime.loaded?.dllPath.toLowerCase() === dllPath.toLowerCase();
  if (inUse) host.atNextRestart(`delete ${dllPath}`, () => void host.fs.delete(dllPath));
  else host.fs.delete(dllPath);
  const event = host.record("sps-pcn", "msi.uninstalled", { version: existing.version, dllPath, deleteDeferredToRestart: inUse, stillLoaded: runtime.loaded?.version ?? null });
  return { removed: true, eventId: event.id };
}

/** What LSASS does at boot: load every listed package it finds in System32. */
export function loadNotifierAtBoot(state: SpsState, host: Host, nowMs: number): NotifierRuntime {
  const runtime = notifierOf(state, host.name);
  runtime.loaded = undefined;
  runtime.loadFailure = undefined;
  if (!listedPackages(host).some((p) => p.toLowerCase() === PCN_PACKAGE.toLowerCase())) {
    host.record("sps-pcn", "lsa.no-notifier", { packages: listedPackages(host) });
    return runtime;
  }
  const path = lsassDllPath();
  const version = host.fs.fileVersion(path);
  if (!host.fs.isFile(path) || !version) {
    const reason = `LSA could not load notification package ${PCN_PACKAGE}: ${path} not found${host.fs.isFile(pcnDllPath(host, "x86")) ? " (a 32-bit copy is in SysWOW64, which 64-bit LSASS does not load)" : ""}`;
    const event = host.record("sps-pcn", "lsa.load-failed", { package: PCN_PACKAGE, path, reason });
    runtime.loadFailure = { reason, eventId: event.id };
    return runtime;
  }
  const productVersion = version.split(".").slice(0, 2).join(".");
  const event = host.record("sps-pcn", "lsa.loaded", { package: PCN_PACKAGE, path, version: productVersion });
  runtime.loaded = { version: productVersion, dllPath: path, loadedAtMs: nowMs, eventId: event.id };
  return runtime;
}

export function listedPackages(host: Host): string[] {
  const value = host.registry.view(64).getValue(LSA_KEY, LSA_VALUE);
  return value?.type === "REG_MULTI_SZ" ? [...value.data] : [...DEFAULT_PACKAGES];
}

function addPackage(host: Host): void {
  const packages = listedPackages(host);
  if (!packages.some((p) => p.toLowerCase() === PCN_PACKAGE.toLowerCase())) packages.push(PCN_PACKAGE);
  host.registry.view(64).setValue(LSA_KEY, LSA_VALUE, { type: "REG_MULTI_SZ", data: packages });
}

function removePackage(host: Host): void {
  const packages = listedPackages(host).filter((p) => p.toLowerCase() !== PCN_PACKAGE.toLowerCase());
  host.registry.view(64).setValue(LSA_KEY, LSA_VALUE, { type: "REG_MULTI_SZ", data: packages });
}
