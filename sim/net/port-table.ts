import { LabError, type Rng } from "../kernel/index.ts";
import type { Protocol } from "./perimeter-rule.ts";

/** Windows' dynamic (ephemeral) port range. */
export const EPHEMERAL_PORTS = { low: 49152, high: 65535 } as const;

/** Which ports are taken on which host, per protocol; hands out ephemeral ports. */
export class PortTable<T> {
  readonly #bound = new Map<string, T>();

  constructor(
    private readonly protocol: Protocol,
    private readonly rng: Rng,
  ) {}

  /** Takes `port` (or a free ephemeral one when 0) on `host` for the owner `make` builds. */
  claim<U extends T>(host: string, port: number, make: (port: number) => U): U {
    const chosen = port === 0 ? this.#ephemeral(host) : port;
    const key = this.#key(host, chosen);
    if (this.#bound.has(key)) {
      throw new LabError({ code: "NET_ADDRESS_IN_USE", message: `${this.protocol} port ${chosen} on ${host} is already in use`, details: { host, port: chosen } });
    }
    const owner = make(chosen);
    this.#bound.set(key, owner);
    return owner;
  }

  release(host: string, port: number): void {
    this.#bound.delete(this.#key(host, port));
  }

  owner(host: string, port: number): T | undefined {
    return this.#bound.get(this.#key(host, port));
  }

  #ephemeral(host: string): number {
    const size = EPHEMERAL_PORTS.high - EPHEMERAL_PORTS.low + 1;
    // A random start like Windows, then the next free one: never loops forever.
    const start = this.rng.int(0, size - 1);
    for (let i = 0; i < size; i++) {
      const port = EPHEMERAL_PORTS.low + ((start + i) % size);
      if (!this.#bound.has(this.#key(host, port))) return port;
    }
    throw new LabError({ code: "NET_PORTS_EXHAUSTED", message: `no free ephemeral ${this.protocol} port on ${host}` });
  }

  #key(host: string, port: number): string {
    return `${host.toLowerCase()}|${port}`;
  }
}
