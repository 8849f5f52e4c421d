import { Clock } from "./clock.ts";
import type { LabContext } from "./context.ts";
import { FaultPlan, type FaultDefinition } from "./faults.ts";
import { Rng } from "./rng.ts";
import { Trace } from "./trace.ts";

/** A fresh kernel for one lab (or for a component's own tests). */
export function createContext(seed: number, faultCatalog?: ReadonlyMap<string, FaultDefinition>): LabContext {
  const clock = new Clock();
  const rng = new Rng(seed);
  return { clock, rng, trace: new Trace(clock), faults: new FaultPlan(rng.fork("faults"), faultCatalog) };
}
