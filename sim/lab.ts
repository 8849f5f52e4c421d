import { Clock, FaultPlan, LabError, Rng, Trace, type FaultDefinition, type LabContext } from "./kernel/index.ts";
import type { LabSpec } from "./lab-spec.ts";

export interface LabOptions {
  seed: number;
  faultCatalog?: ReadonlyMap<string, FaultDefinition>;
}

/**
 * One world: clock, rng, trace, faults and everything built on them. Nothing
 * is global; two labs in one process never share state.
 */
export class Lab implements LabContext {
  readonly seed: number;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace: Trace;
  readonly faults: FaultPlan;
  readonly spec: LabSpec;
  readonly #state = new Map<string, unknown>();

  constructor(spec: LabSpec, options: LabOptions) {
    this.seed = options.seed;
    this.spec = spec;
    this.clock = new Clock();
    this.rng = new Rng(options.seed);
    this.trace = new Trace(this.clock);
    this.faults = new FaultPlan(this.rng.fork("faults"), options.faultCatalog);
  }

  /** Builds the estate a scenario's `lab:` describes. */
  static async build(spec: LabSpec, options: LabOptions): Promise<Lab> {
    const lab = new Lab(spec, options);
    lab.trace.record({ host: "lab", component: "lab", kind: "lab.build", data: { seed: options.seed, hosts: spec.hosts.map((h) => h.name) } });
    return lab;
  }

  /**
   * Per-lab state of a higher layer (a product's runtime, the runner's
   * bookkeeping), keyed by name: modules keep no state of their own.
   */
  state<T>(key: string, init: () => T): T {
    if (!this.#state.has(key)) this.#state.set(key, init());
    return this.#state.get(key) as T;
  }

  hostNames(): string[] {
    return this.spec.hosts.map((h) => h.name);
  }

  fail(code: string, message: string): never {
    throw new LabError({ code, message });
  }
}
