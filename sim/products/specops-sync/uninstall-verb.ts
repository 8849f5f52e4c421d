import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { uninstallAdminTools } from "./admin-tools.ts";
import { uninstallNotifier } from "./notifier.ts";
import { ensureRuntime } from "./runtime.ts";
import { uninstallSyncServer } from "./sync-server.ts";
import { SPS_ADMIN, SPS_PCN, SPS_SERVER } from "./versions.ts";

const uninstallArgs = z.strictObject({ host: z.string(), component: z.enum([SPS_PCN, SPS_SERVER, SPS_ADMIN]) });

/** `uninstall`: removes a component's msi (the notifier keeps running until the DC restarts). */
export const uninstallVerb: VerbDef<z.infer<typeof uninstallArgs>> = {
  name: "uninstall",
  description: "Uninstalls a component's msi from a host. A loaded Password Change Notifier keeps running (and its DLL stays) until the DC restarts.",
  args: uninstallArgs,
  refs: (a) => ({ hosts: [a.host], components: [{ id: a.component }] }),
  async run(ctx, a) {
    const state = ensureRuntime(ctx.lab);
    const host = ctx.lab.host(a.host);
    if (a.component === SPS_PCN) {
      uninstallNotifier(state, host);
      ctx.checked("sps.pcn.uninstall-first");
    } else if (a.component === SPS_SERVER) {
      if (!uninstallSyncServer(ctx.lab, state, host)) host.record("sps-server", "msi.uninstall-nothing", {});
    } else if (!uninstallAdminTools(host)) host.record("sps-admin", "msi.uninstall-nothing", {});
  },
};
