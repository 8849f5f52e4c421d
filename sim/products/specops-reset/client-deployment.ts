import type { Directory, GpoView } from "../../ad/index.ts";
import type { Lab } from "../../lab.ts";
import { clientMsiName, clientPackageName, type PackageArch } from "./paths.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions } from "./versions.ts";

/** Specops Client packages in a GPO, by architecture. */
export function clientPackages(gpo: GpoView | undefined): Map<PackageArch, string> {
  const out = new Map<PackageArch, string>();
  for (const p of gpo?.packages ?? []) {
    if (p.name === clientPackageName(p.arch)) out.set(p.arch, p.version);
  }
  return out;
}

/** "Add Settings": the GPO's package for each chosen architecture now points at this version's msi on the share. */
export function addClientSettings(lab: Lab, directory: Directory, gpo: string, share: string, version: string, architectures: readonly PackageArch[]): void {
  for (const arch of architectures) {
    const name = clientPackageName(arch);
    if (directory.gpo(gpo)?.packages.some((p) => p.name === name)) directory.removeSoftwarePackage(gpo, name);
    directory.addSoftwarePackage(gpo, { name, version, msiPath: `${share.replace(/\\+$/, "")}\\${clientMsiName(version, arch)}`, arch, deployment: "assigned" });
  }
  const deployment = sprState(lab).deployment;
  deployment.gpo = gpo;
  deployment.share = share;
  deployment.changedAt = lab.clock.now();
}

/** The version the deployment hands out now (the newest package in the GPO). */
export function deployedVersion(lab: Lab): string | undefined {
  const gpo = sprState(lab).deployment.gpo;
  const versions = [...clientPackages(gpo ? lab.directory?.gpo(gpo) : undefined).values()];
  return versions.sort(compareVersions).at(-1);
}
