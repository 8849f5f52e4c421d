import type { GpoView, PackageArch, SoftwarePackage } from "./group-policy.ts";

/** An assigned package that applies to a computer, with the GPO that carries it. */
export interface SoftwareAssignment {
  readonly gpo: string;
  readonly gpoGuid: string;
  readonly package: SoftwarePackage;
}

/**
 * Supplied by the host/lab, which owns the file shares and their ACLs: does
 * the UNC path exist, and can this computer's account (DOMAIN\NAME$) read it?
 */
export type ShareFileResolver = (uncPath: string, computerName: string) => { exists: boolean; readable: boolean };

export interface InstallDecision {
  readonly assignment: SoftwareAssignment;
  readonly action: "install" | "fail";
  /** Windows error for a failed assignment: 1612 (source absent) or 5 (access denied). */
  readonly errorCode?: number;
  /** The event log text a failure leaves (Application Management, events 102/108). */
  readonly message?: string;
}

/**
 * Assigned packages of the applying GPOs, in application order. A package for
 * x64 does not apply to an x86 computer; x86 packages apply to both (the MSI
 * default "make 32-bit application available to Win64 machines").
 */
export function assignedSoftware(gpos: readonly GpoView[], arch: PackageArch | undefined): SoftwareAssignment[] {
  const out: SoftwareAssignment[] = [];
  for (const gpo of gpos) {
    for (const pkg of gpo.packages) {
      if (pkg.deployment !== "assigned") continue;
      if (arch === "x86" && pkg.arch === "x64") continue;
      out.push({ gpo: gpo.name, gpoGuid: gpo.guid, package: pkg });
    }
  }
  return out;
}

/** What the computer will do at its next startup, given what the shares hold. */
export function planInstallation(assignments: readonly SoftwareAssignment[], computerName: string, resolve: ShareFileResolver): InstallDecision[] {
  return assignments.map((assignment) => {
    const file = resolve(assignment.package.msiPath, computerName);
    const failure = (errorCode: number, error: string): InstallDecision => ({
      assignment,
      action: "fail",
      errorCode,
      message: `The assignment of application ${assignment.package.name} from policy ${assignment.gpo} failed. The error was : ${error}`,
    });
    if (!file.exists) return failure(1612, "The installation source for this product is not available. Verify that the source exists and that you can access it.");
    if (!file.readable) return failure(5, "Access is denied.");
    return { assignment, action: "install" };
  });
}
