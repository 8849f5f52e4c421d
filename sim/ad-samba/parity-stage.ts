import type { DelegatedRight } from "../ad/index.ts";
import type { DirectoryAdmin } from "./directory-admin.ts";

/**
 * What every parity case runs on, built once per DC (delegation through
 * samba-tool costs a second or so) and once per in-memory directory:
 * - OU=Staff, delegated to group HelpdeskStaff (ResetPassword, WriteLockoutTime,
 *   WritePwdLastSet) and to group PwdResetters (ResetPassword alone);
 * - OU=Other, delegated to nobody;
 * - helpdesk in HelpdeskStaff, which is nested in ITStaff; resetonly in
 *   ResetOnly; nohelp in no group at all.
 */
export const STAGE_PASSWORD = "Stage-Pass-2026x";
export const STAGE_ACTORS = ["helpdesk", "resetonly", "nohelp"] as const;
export const STAGE_GROUPS = ["HelpdeskStaff", "PwdResetters", "ITStaff"] as const;
export const STAGE_OUS = ["Staff", "Other"] as const;

const DELEGATIONS: ReadonlyArray<readonly [string, readonly DelegatedRight[]]> = [
  ["HelpdeskStaff", ["ResetPassword", "WriteLockoutTime", "WritePwdLastSet"]],
  ["PwdResetters", ["ResetPassword"]],
];

export interface StageDns {
  readonly Staff: string;
  readonly Other: string;
  readonly Users: string;
}

export async function buildStage(admin: DirectoryAdmin): Promise<StageDns> {
  const staff = await admin.createOu("Staff");
  const other = await admin.createOu("Other");
  for (const group of STAGE_GROUPS) await admin.createGroup(group);
  for (const actor of STAGE_ACTORS) await admin.createUser({ samAccountName: actor, password: STAGE_PASSWORD, passwordNeverExpires: true });
  await admin.addToGroup("HelpdeskStaff", "helpdesk");
  await admin.addToGroup("PwdResetters", "resetonly");
  await admin.addToGroup("ITStaff", "HelpdeskStaff");
  for (const [group, rights] of DELEGATIONS) await admin.delegate(staff, group, rights);
  return { Staff: staff, Other: other, Users: `CN=Users,${admin.domainDn}` };
}
