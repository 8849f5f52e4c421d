import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";

/** Lets services of the restarted hosts come back (their start delays are well under this). */
const SETTLE_MS = 5_000;

const restartArgs = z.strictObject({ hosts: z.array(z.string()).min(1).optional() }).default({});

/** `restart-dcs`: "You will need to restart the domain controllers once the upgrade is complete." */
export const restartDcsVerb: VerbDef<z.infer<typeof restartArgs>> = {
  name: "restart-dcs",
  description: "Restarts domain controllers (every DC by default, or the hosts named): pending file operations apply, Group Policy installs assigned packages, LSASS loads the notification packages.",
  args: restartArgs,
  refs: (a) => ({ hosts: a.hosts ?? [] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    ensureRuntime(lab);
    const hosts = a.hosts ? a.hosts.map((h) => lab.host(h)) : lab.hosts().filter((h) => h.isDomainController);
    for (const host of hosts) host.restart();
    lab.clock.advance(SETTLE_MS);
  },
};
