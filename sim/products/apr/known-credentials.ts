import type { Lab } from "../../lab.ts";
import { accountOfService } from "./setup-prerequisites.ts";

/**
 * What the operator running `lab plan` knows: the passwords of the accounts
 * the scenario itself declares (`lab.domain.accounts`). A service account the
 * scenario does not declare stays unknown, and the plan says so as a blocker.
 */
export function knownServiceCredentials(lab: Lab): Record<string, { user: string; password: string }> {
  const accounts = lab.spec.domain?.accounts ?? [];
  const out: Record<string, { user: string; password: string }> = {};
  for (const host of lab.hosts()) {
    const account = accountOfService(host);
    if (!account) continue;
    const declared = accounts.find((a) => a.name.toLowerCase() === account.user.toLowerCase());
    if (declared) out[host.name] = { user: account.user, password: declared.password };
  }
  return out;
}
