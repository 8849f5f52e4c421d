import { LabError } from "./errors.ts";
import type { Rng } from "./rng.ts";

export type FaultParamValue = number | string | boolean;

export interface FaultParamDefinition {
  readonly default: FaultParamValue;
  readonly description: string;
}

/** A fault is data: what it is called, its knobs, what it does, what it should trip. */
export interface FaultDefinition {
  readonly name: string;
  readonly description: string;
  /** What the fault does to the mechanism, in words (shown in reports). */
  readonly mechanism: string;
  readonly params: Readonly<Record<string, FaultParamDefinition>>;
  /** Rule ids this fault is expected to trip (coverage and docs). */
  readonly trips: readonly string[];
}

export interface ActiveFault {
  readonly name: string;
  readonly params: Readonly<Record<string, FaultParamValue>>;
}

/**
 * The faults active in one lab, with their parameters resolved against the
 * catalog's defaults. Components ask it; all fault dice come from its own rng
 * stream, so turning a fault on never shifts another component's numbers.
 */
export class FaultPlan {
  readonly #active = new Map<string, ActiveFault>();

  constructor(
    private readonly rng: Rng,
    private readonly catalog: ReadonlyMap<string, FaultDefinition> = new Map(),
  ) {}

  /** Turns a fault on; unknown names and parameters are refused with the catalog's names. */
  activate(name: string, params: Record<string, FaultParamValue> = {}): ActiveFault {
    const def = this.catalog.get(name);
    if (!def && this.catalog.size > 0) {
      throw new LabError({ code: "FAULT_UNKNOWN", message: `unknown fault "${name}"; known: ${[...this.catalog.keys()].sort().join(", ")}` });
    }
    const resolved: Record<string, FaultParamValue> = {};
    for (const [key, p] of Object.entries(def?.params ?? {})) resolved[key] = p.default;
    for (const [key, value] of Object.entries(params)) {
      if (def && !(key in def.params)) {
        throw new LabError({ code: "FAULT_PARAM_UNKNOWN", message: `fault "${name}" has no parameter "${key}"; it has: ${Object.keys(def.params).join(", ") || "none"}` });
      }
      resolved[key] = value;
    }
    const fault = Object.freeze({ name, params: Object.freeze(resolved) });
    this.#active.set(name, fault);
    return fault;
  }

  deactivate(name: string): void {
    this.#active.delete(name);
  }

  clear(): void {
    this.#active.clear();
  }

  isActive(name: string): boolean {
    return this.#active.has(name);
  }

  get(name: string): ActiveFault | undefined {
    return this.#active.get(name);
  }

  param<T extends FaultParamValue>(name: string, key: string, fallback: T): T {
    const value = this.#active.get(name)?.params[key];
    return (value ?? fallback) as T;
  }

  /** One roll of a probability parameter of an active fault; false when it is off. */
  roll(name: string, key = "probability"): boolean {
    const fault = this.#active.get(name);
    if (!fault) return false;
    const p = Number(fault.params[key] ?? 0);
    return this.rng.chance(p);
  }

  active(): readonly ActiveFault[] {
    return [...this.#active.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
