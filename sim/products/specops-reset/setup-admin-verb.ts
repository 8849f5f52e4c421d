import { z } from "zod";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { VerbDef } from "../../product/index.ts";
import { SPR_ADMIN } from "./components.ts";
import { installedVersion, recordInstalled } from "./estate.ts";
import { ADMIN_DIR, ADMIN_EXE } from "./paths.ts";
import { adminPrerequisites, upgradePathReport } from "./prerequisites.ts";
import { extractSetup } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { checkOrder, raiseMisses, recordSetup, versionSchema } from "./verb-helpers.ts";
import { compareVersions, fileVersionOf, SPR_LATEST } from "./versions.ts";

const args = z.strictObject({
  host: z.string().describe("where the Administration Tools run (an admin workstation or server)"),
  to: versionSchema.default(SPR_LATEST),
});
export type SetupAdminArgs = z.infer<typeof args>;

/**
 * Setup Assistant, "Administration Tools": install or upgrade them. They open
 * the central configuration and bring it to their version (lab inference:
 * an older Server then cannot read it).
 */
export const setupAdminVerb: VerbDef<SetupAdminArgs> = {
  name: "setup-admin",
  description: "Setup Assistant, Administration Tools: Install (needs Vista or later, ADUC and GPMC, .NET 3.5 or later).",
  args,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPR_ADMIN, version: a.to }] }),
  async run(ctx, a) {
    const host = ctx.lab.host(a.host);
    const current = installedVersion(host, SPR_ADMIN);
    if (raiseMisses(ctx, upgradePathReport(current, SPR_ADMIN, a.to), host, SPR_ADMIN)) return;
    if (raiseMisses(ctx, adminPrerequisites(host), host, SPR_ADMIN)) return;
    checkOrder(ctx, host, SPR_ADMIN, a.to);
    installAdmin(ctx.lab, host, a.to);
    ctx.checked("spr.admin.install");
    recordSetup(ctx, host, SPR_ADMIN, current, a.to);
  },
};

export function installAdmin(lab: Lab, host: Host, version: string): void {
  extractSetup(host, version);
  host.fs.writeFile(ADMIN_EXE, "MZ Specops Password Reset Configuration", { version: fileVersionOf(version) });
  recordInstalled(host, SPR_ADMIN, version, ADMIN_DIR);
  const central = sprState(lab).central;
  if (central.stamp === undefined || compareVersions(version, central.stamp) > 0) central.stamp = version;
  host.record("spr-setup", "spr:admin.installed", { version, configurationStamp: central.stamp });
}
