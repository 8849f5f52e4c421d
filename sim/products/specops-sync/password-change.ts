import { LabError, type Rng } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import type { ChangeRecord } from "./change-record.ts";
import type { SpsState } from "./sps-state.ts";
import { propagateChange } from "./sync-path.ts";

export interface PasswordChange {
  readonly user: string;
  /** The DC the change is made on. */
  readonly dc: string;
  /** The new password (one is made from the lab rng when absent). */
  readonly password?: string;
  /** "change": the user's own, old password given (AD's minimum age and history apply); "reset": set on the DC (what an administrator or the lab's checks do). */
  readonly mode: "change" | "reset";
}

/**
 * A password change in the directory, made on one DC, then followed along
 * the product's path. AD refusing the change is the scenario's problem, not
 * the product's: it is a LabError with AD's own reason.
 */
export async function changeUserPassword(lab: Lab, state: SpsState, change: PasswordChange): Promise<ChangeRecord> {
  const directory = lab.domain();
  const dc = lab.host(change.dc);
  if (!dc.isDomainController) throw new LabError({ code: "SPS_NOT_A_DC", message: `${dc.name} is not a domain controller; passwords are changed on a DC` });
  const user = directory.user(change.user);
  if (!user) throw new LabError({ code: "SPS_NO_USER", message: `no user ${change.user} in ${directory.dnsName}` });
  const password = change.password ?? nextPassword(lab);
  if (change.mode === "change") {
    const old = knownPassword(lab, state, user.sAMAccountName);
    if (old === undefined) {
      throw new LabError({ code: "SPS_OLD_PASSWORD_UNKNOWN", message: `the lab does not know ${user.sAMAccountName}'s current password`, remedy: "give the account a password in lab.domain.accounts" });
    }
    const result = directory.changePassword(user.sAMAccountName, old, password);
    if (!result.ok) {
      throw new LabError({ code: "SPS_CHANGE_REFUSED", message: `AD refused ${user.sAMAccountName}'s password change on ${dc.name}: ${result.error.message}`, remedy: "a user's own change is subject to the domain's minimum password age and history (set domain.passwordPolicy.minAgeDays: 0 in the lab)" });
    }
  } else {
    const result = directory.setPassword(user.sAMAccountName, password);
    if (!result.ok) throw new LabError({ code: "SPS_CHANGE_REFUSED", message: `AD refused the new password of ${user.sAMAccountName}: ${result.error.message}` });
  }
  state.passwords.set(user.sAMAccountName.toLowerCase(), password);
  return propagateChange(lab, state, { user: user.sAMAccountName, madeOn: dc.name, password });
}

export function knownPassword(lab: Lab, state: SpsState, user: string): string | undefined {
  const known = state.passwords.get(user.toLowerCase());
  if (known !== undefined) return known;
  return lab.spec.domain?.accounts?.find((a) => a.name.toLowerCase() === user.toLowerCase())?.password;
}

/** A password AD's complexity accepts, from the lab's own stream. */
function nextPassword(lab: Lab): string {
  const rng = lab.state<Rng>("specops-sync/passwords", () => lab.rng.fork("specops-sync/passwords"));
  const words = ["Harbor", "Maple", "Quartz", "Willow", "Cobalt", "Falcon", "Juniper", "Summit"];
  return `${rng.pick(words)}-${rng.int(1000, 9999)}-${rng.pick(words).toLowerCase()}!`;
}
