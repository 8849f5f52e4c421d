import fc from "fast-check";
import { Rng } from "../sim/kernel/index.ts";
import type { FaultParamValue } from "../sim/kernel/index.ts";
import type { ProductFixture } from "./product-fixture.ts";

/** One fault of the swarm's mix, with its parameters resolved. */
export interface SwarmFault {
  readonly name: string;
  readonly params: Readonly<Record<string, FaultParamValue>>;
}

/**
 * Everything one swarm run does, resolved from its seed alone (TigerBeetle's
 * vopr `options_swarm`): the product and its estate, the fault mix with its
 * probabilities (each fault off, or on with a probability from zero up),
 * and the restarts and clock jumps put into the documented plan.
 */
export interface SwarmOptions {
  readonly seed: number;
  readonly product: string;
  readonly estate: unknown;
  /** The lab's own seed (the scenario's `seed:`). */
  readonly labSeed: number;
  readonly faults: readonly SwarmFault[];
  /** Host restarts: before the plan step of index `at` (wrapping). */
  readonly restarts: readonly { readonly at: number; readonly host: string }[];
  /** Lab time jumping ahead: before the plan step of index `at` (wrapping). */
  readonly clockJumps: readonly { readonly at: number; readonly minutes: number }[];
}

/** Probabilities a fault's dice may get: zero (on, yet never firing) up to one packet in three. */
const PROBABILITIES = [0, 0.01, 0.05, 0.1, 0.2, 0.33];

export function swarmOptions(seed: number, fixtures: readonly ProductFixture<unknown>[]): SwarmOptions {
  const rng = new Rng(seed).fork("swarm");
  const fixture = rng.pick(fixtures);
  const [estate] = fc.sample(fixture.plannable(), { seed: rng.nextSeed(), numRuns: 1 });
  const hosts = fixture.hosts(estate);
  const faults: SwarmFault[] = [];
  const probability = () => rng.pick(PROBABILITIES);
  if (rng.chance(0.5)) faults.push({ name: "packet-loss", params: { probability: probability() } });
  if (rng.chance(0.5)) faults.push({ name: "packet-duplication", params: { probability: probability() } });
  if (rng.chance(0.5)) faults.push({ name: "packet-reorder", params: { probability: probability(), maxExtraDelayMs: rng.pick([10, 50, 200]) } });
  if (rng.chance(0.3)) faults.push({ name: "network-delay", params: { latencyMs: rng.pick([5, 50, 200]), jitterMs: rng.pick([0, 20, 100]) } });
  if (rng.chance(0.25)) {
    const [a, b] = rng.shuffle(hosts);
    if (a && b) faults.push({ name: "partition", params: { a, b } });
  }
  const restarts = Array.from({ length: rng.pick([0, 0, 1, 2]) }, () => ({ at: rng.int(0, 63), host: rng.pick(hosts) }));
  const clockJumps = Array.from({ length: rng.pick([0, 1, 2]) }, () => ({ at: rng.int(0, 63), minutes: rng.pick([1, 15, 90, 360, 720]) }));
  return { seed, product: fixture.product, estate, labSeed: rng.int(1, 999_999), faults, restarts, clockJumps };
}

/** One line a failure (or LAB_SWARM_VERBOSE) prints: the seed, then every resolved option. */
export function formatSwarmOptions(o: SwarmOptions): string {
  const faults = o.faults.length === 0 ? "none" : o.faults.map((f) => `${f.name}(${Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(",")})`).join(" ");
  return [
    `SEED=${o.seed}`,
    `product=${o.product}`,
    `labSeed=${o.labSeed}`,
    `faults=${faults}`,
    `restarts=${o.restarts.map((r) => `${r.host}@${r.at}`).join(",") || "none"}`,
    `clockJumps=${o.clockJumps.map((j) => `${j.minutes}min@${j.at}`).join(",") || "none"}`,
    `estate=${JSON.stringify(o.estate)}`,
  ].join(" ");
}
