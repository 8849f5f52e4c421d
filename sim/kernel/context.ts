import type { Clock } from "./clock.ts";
import type { FaultPlan } from "./faults.ts";
import type { Rng } from "./rng.ts";
import type { Trace } from "./trace.ts";

/** What a simulated component needs from its lab: time, randomness, a record, faults. */
export interface LabContext {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace: Trace;
  readonly faults: FaultPlan;
}
