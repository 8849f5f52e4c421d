import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { clientPackages } from "./client-deployment.ts";
import { SPR_CLIENT } from "./components.ts";
import { deploymentTargets } from "./checks.ts";
import { installedVersion } from "./estate.ts";
import { CLIENT_POLICY_KEY_NEW, CLIENT_POLICY_KEY_OLD, clientMsiName, type PackageArch } from "./paths.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions } from "./versions.ts";

const ARCHITECTURES: readonly PackageArch[] = ["x86", "x64"];

/** What is left of the Client's GPSI upgrade, read from the GPO, the shares and the workstations. */
export interface ClientWorkLeft {
  readonly gpo: string;
  readonly share: string;
  /** Add Settings: a package of the GPO (x86 or x64) is missing or below the version. */
  readonly settings: boolean;
  /** Shares (each DFS target with DFS) without the version's msi-packages. */
  readonly copies: readonly string[];
  /** The GPO holds settings made with the 6.3 template that were not re-made with the new one. */
  readonly migrate: boolean;
  /** Workstations the GPO applies to that do not run the version yet (they install it at their restart). */
  readonly restart: readonly Host[];
}

/** Undefined when the lab has no Client deployment by GPSI. */
export function clientWorkLeft(lab: Lab, to: string): ClientWorkLeft | undefined {
  const deployment = sprState(lab).deployment;
  const gpo = deployment.gpo ? lab.directory?.gpo(deployment.gpo) : undefined;
  if (!gpo || !deployment.share) return undefined;
  const packages = clientPackages(gpo);
  const settings = ARCHITECTURES.some((arch) => compareVersions(packages.get(arch) ?? "0", to) < 0);
  const targets = deployment.dfsTargets.length > 0 ? deployment.dfsTargets : [deployment.share];
  const copies = targets.filter((target) => !ARCHITECTURES.every((arch) => shareHolds(lab, `${target.replace(/\\+$/, "")}\\${clientMsiName(to, arch)}`)));
  const newer = new Set(gpo.settings.filter((s) => sameKey(s.key, CLIENT_POLICY_KEY_NEW)).map((s) => s.valueName.toLowerCase()));
  const migrate = gpo.settings.some((s) => sameKey(s.key, CLIENT_POLICY_KEY_OLD) && !newer.has(s.valueName.toLowerCase()));
  const restart = deploymentTargets(lab).filter((h) => compareVersions(installedVersion(h, SPR_CLIENT) ?? "0", to) < 0);
  return { gpo: gpo.name, share: deployment.share, settings, copies, migrate, restart };
}

function shareHolds(lab: Lab, unc: string): boolean {
  const located = lab.shares.locate(unc);
  return located !== undefined && lab.findHost(located.share.host)?.fs.isFile(located.localPath) === true;
}

function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
