import { z } from "zod";
import type { Host } from "../../host/index.ts";
import type { VerbDef } from "../../product/index.ts";

const args = z
  .strictObject({ hosts: z.array(z.string()).min(1).optional().describe("default: every domain-joined workstation") })
  .default({});
export type RestartComputersArgs = z.infer<typeof args>;

/** Lets the services of restarted hosts come back (their start delays are well under this). */
const SETTLE_MS = 5_000;

/** "May not take effect until the computers have been restarted": restarts the workstations (or the hosts named). */
export const restartComputersVerb: VerbDef<RestartComputersArgs> = {
  name: "restart-computers",
  description: "Restart computers (default: every domain-joined workstation), so that computer software installation takes effect.",
  args,
  refs: (a) => ({ hosts: a.hosts ?? [] }),
  async run(ctx, a) {
    const hosts: Host[] = a.hosts ? a.hosts.map((h) => ctx.lab.host(h)) : ctx.lab.hosts().filter((h) => h.joined && h.os.kind === "client");
    for (const host of hosts) host.restart();
    ctx.lab.clock.advance(SETTLE_MS);
    ctx.checked("spr.client.restart");
  },
};
