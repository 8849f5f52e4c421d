import type { FinalState, StepContext } from "../../product/index.ts";
import { checkAdmin, checkAllComponents, checkBranding } from "./checks.ts";
import { sprState } from "./spr-state.ts";
import { elevatedUser } from "./test-accounts.ts";
import { applyCheck, checkClients, newTally, runFlows } from "./verifications.ts";

/**
 * The final judgement, as the document's "Congratulations" list: the user
 * processes from inside (and outside with a DMZ web), the elevated pages,
 * the Client on the workstations, the branding, the Administration Tools, and
 * whether every component was upgraded. Broken when no internal user process
 * works; healthy when everything does; degraded in between.
 */
export async function judgeFinal(ctx: StepContext): Promise<FinalState> {
  const tally = newTally();
  const state = sprState(ctx.lab);
  await runFlows(ctx, state.central.mobileInUse ? ["enroll", "reset", "change", "mobile"] : ["enroll", "reset", "change"], tally, { external: true });
  if (elevatedUser(ctx.lab)) await runFlows(ctx, ["helpdesk", "reporting"], tally, { external: false });
  await checkClients(ctx, tally);
  applyCheck(ctx, checkBranding(ctx.lab), tally);
  applyCheck(ctx, checkAdmin(ctx.lab), tally);
  // Components left behind warn; what they break shows in the checks above.
  applyCheck(ctx, checkAllComponents(ctx.lab), newTally());
  if (tally.internalUserPassed === 0) return "broken";
  return tally.failed === 0 ? "healthy" : "degraded";
}
