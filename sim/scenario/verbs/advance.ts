import { z } from "zod";
import { defineBuiltinVerb } from "./builtin-verb.ts";

const UNIT_MS = { ms: 1, seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

const advanceArgs = z
  .strictObject({
    ms: z.number().nonnegative().optional(),
    seconds: z.number().nonnegative().optional(),
    minutes: z.number().nonnegative().optional(),
    hours: z.number().nonnegative().optional(),
    days: z.number().nonnegative().optional(),
  })
  .refine((a) => Object.values(a).some((v) => v !== undefined), { message: "say how long: one of ms, seconds, minutes, hours, days" });

export type AdvanceArgs = z.infer<typeof advanceArgs>;

/** The milliseconds an `advance` step stands for (units add up: { days: 1, hours: 2 }). */
export function advanceMs(args: AdvanceArgs): number {
  let total = 0;
  for (const [unit, factor] of Object.entries(UNIT_MS)) total += (args[unit as keyof AdvanceArgs] ?? 0) * factor;
  return total;
}

/** `advance: { days: 30 }`: lab time passes; timers due on the way fire (expiry, retries, schedules). */
export const advanceVerb = defineBuiltinVerb<AdvanceArgs>({
  name: "advance",
  description: "Lab time passes: { ms | seconds | minutes | hours | days } (they add up); scheduled events due on the way run.",
  args: () => advanceArgs,
  async run(ctx, args) {
    const ms = advanceMs(args);
    const ran = ctx.lab.clock.advance(ms);
    ctx.lab.trace.record({ host: "lab", component: "clock", kind: "clock.advance", data: { ms, eventsRun: ran } });
  },
});
