import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";

const loadArgs = z.strictObject({
  /** Password changes per hour across the domain (the population's, spread evenly). */
  changesPerHour: z.number().positive(),
  /** How long the load lasts from now (1 hour by default). */
  hours: z.number().positive().optional(),
});

/** `load`: the users of the domain change their passwords at a rate (a Monday morning): the Sync Servers' queues fill. */
export const loadVerb: VerbDef<z.infer<typeof loadArgs>> = {
  name: "load",
  description: "From now on, the domain's users change passwords at the given rate for some hours; the changes queue on the Sync Servers (the lab's capacity: 1,200 an hour each).",
  args: loadArgs,
  async run(ctx, a) {
    const state = ensureRuntime(ctx.lab);
    const now = ctx.lab.clock.now();
    const hours = a.hours ?? 1;
    state.capacity.addLoad({ fromMs: now, toMs: now + hours * 3_600_000, changesPerHour: a.changesPerHour });
    ctx.lab.trace.record({ host: "lab", component: "sps", kind: "sync.load", data: { changesPerHour: a.changesPerHour, hours, servers: state.capacity.servers() } });
  },
};
