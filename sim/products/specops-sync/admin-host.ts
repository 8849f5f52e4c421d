import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { StepContext } from "../../product/index.ts";
import { adminToolsVersion } from "./admin-tools.ts";
import { SPS_ADMIN } from "./versions.ts";

/**
 * The computer an administrator works from, when it can do the job: the
 * Administration Tools are installed there (sps.admin.where) and, for
 * policies, the GPMC the snap-in runs in (sps.admin.contents). A miss raises
 * the rule and answers undefined.
 */
export function adminHost(ctx: StepContext, from: string | undefined, needsGpmc: boolean): { host: Host; version: string } | undefined {
  const lab = ctx.lab;
  const host = from ? lab.host(from) : firstAdminHost(lab);
  const version = host ? adminToolsVersion(host) : undefined;
  if (!host || !version) {
    const where = host ?? lab.hosts()[0]!;
    const event = where.record("sps-admin", "admin-tools.missing", { host: host?.name ?? null });
    ctx.raise({ rule: "sps.admin.where", host: host?.name ?? where.name, component: SPS_ADMIN, message: `The Administration Tools are not installed on ${host?.name ?? "any computer"}: there is nothing to administer Specops Password Sync from.`, evidence: [event.id] });
    return undefined;
  }
  ctx.checked("sps.admin.where");
  if (needsGpmc) {
    if (!host.hasFeature("gpmc")) {
      const event = host.record("sps-admin", "gpmc-snapin.unavailable", { reason: "Group Policy Management Console is not installed" });
      ctx.raise({ rule: "sps.admin.contents", host: host.name, component: SPS_ADMIN, evidence: [event.id] });
      return undefined;
    }
    ctx.checked("sps.admin.contents");
  }
  return { host, version };
}

function firstAdminHost(lab: Lab): Host | undefined {
  return lab.hosts().find((h) => adminToolsVersion(h) !== undefined);
}
