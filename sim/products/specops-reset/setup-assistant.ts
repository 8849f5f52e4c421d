import type { Host } from "../../host/index.ts";
import { clientFilesFolder, clientMsiName, setupFolder, type PackageArch } from "./paths.ts";
import { fileVersionOf } from "./versions.ts";

const MSI_BYTES = 4 * 1024 * 1024;

/**
 * "Save and Run the Setup Assistant on the server": extracts it to
 * C:\temp\SpecopsPasswordReset_Setup_[VersionNumber] once; returns the trace
 * id of the extraction (or undefined when it was already there).
 */
export function extractSetup(host: Host, version: string): number | undefined {
  const exe = `${setupFolder(version)}\\SpecopsPasswordReset.Setup.exe`;
  if (host.fs.isFile(exe)) return undefined;
  host.fs.writeFile(exe, "MZ Specops Setup Assistant", { version: fileVersionOf(version) });
  return host.record("spr-setup", "spr:setup.extracted", { folder: setupFolder(version), version }).id;
}

/** "Download…, Download Files": the Client Side Extension packages land in products\specopspasswordreset. */
export function downloadClientFiles(host: Host, version: string): void {
  for (const arch of ["x86", "x64"] as const) writeClientMsi(host, `${clientFilesFolder(version)}\\${clientMsiName(version, arch)}`, version);
  host.record("spr-setup", "spr:setup.client-files-downloaded", { folder: clientFilesFolder(version), version });
}

export function hasClientFiles(host: Host, version: string): boolean {
  return (["x86", "x64"] as const).every((arch) => host.fs.isFile(`${clientFilesFolder(version)}\\${clientMsiName(version, arch)}`));
}

/** An msi carries its product version as its file version, which the installer reads. */
export function writeClientMsi(host: Host, path: string, version: string): void {
  host.fs.writeFile(path, `MSI Specops Password Reset Client ${version}`, { version: fileVersionOf(version), size: MSI_BYTES });
}

export function msiArch(fileName: string): PackageArch | undefined {
  const m = /_(x86|x64)\.msi$/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as PackageArch) : undefined;
}
