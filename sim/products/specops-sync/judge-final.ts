import type { FinalState, StepContext } from "../../product/index.ts";
import { componentsBehind, targetVersion, testUser, writableDcs } from "./estate-view.ts";
import { changeUserPassword } from "./password-change.ts";
import { ensureRuntime } from "./runtime.ts";
import { reportChange } from "./verifications.ts";

/**
 * The final judgement: the test user's password is set on every writable DC
 * in turn and followed to every target the policy names. All arrive:
 * healthy; some: degraded; none: broken. Components left behind warn.
 */
export async function judgeFinal(ctx: StepContext): Promise<FinalState> {
  const lab = ctx.lab;
  const state = ensureRuntime(lab);
  if (!lab.directory) return "broken";
  const user = testUser(lab, state);
  const outcomes: string[] = [];
  for (const dc of writableDcs(lab)) {
    const record = await changeUserPassword(lab, state, { user, dc: dc.name, mode: "reset" });
    outcomes.push(reportChange(ctx, record));
  }
  lab.state("specops-sync/verified", () => ({ upTo: 0 })).upTo = state.changes.length;
  const wanted = targetVersion(lab);
  const behind = componentsBehind(lab, wanted);
  const event = lab.trace.record({ host: "lab", component: "sps-verify", kind: "verify.final", data: { user, outcomes, version: wanted, behind } });
  if (behind.length > 0) {
    ctx.raise({ rule: "sps.upgrade.all-components", message: `Left behind at the end: ${behind.join(", ")} (the estate is upgrading to ${wanted}).`, evidence: [event.id] });
  } else ctx.checked("sps.upgrade.all-components");
  if (outcomes.length === 0) return "broken";
  if (outcomes.every((o) => o === "arrived")) return "healthy";
  if (outcomes.every((o) => o === "none")) return "broken";
  return "degraded";
}
