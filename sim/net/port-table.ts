import { LabError, type Rng } from "../kernel/index.ts";
import type { Protocol } from "./perimeter-rule.ts";

/** Windows' dynamic (ephemeral) port range. */
export const EPHEMERAL_PORTS = { low: 49152, high: 65535 } as const;

/** Which ports are taken on which host, per protocol; hands out ephemeral ports. */
export class PortTable<T> {
  /** Owners by host (lower-case), then port: no key string per lookup. */
  readonly #bound = new Map<string, Map<number, T>>();
  /** Host names as callers spell them -> lower-case (callers pass the same few name strings again and again). */
  readonly #folded = new Map<string, string>();

  constructor(
    private readonly protocol: Protocol,
    private readonly rng: Rng,
  ) {}

  /** Takes `port` (or a free ephemeral one when 0) on `host` for the owner `make` builds. */
  claim<U extends T>(host: string, port: number, make: (port: number) => U): U {
    const ports = this.#ports(host);
    const chosen = port === 0 ? this.#ephemeral(host, ports) : port;
    if (ports.has(chosen)) {
      throw new LabError({ code: "NET_ADDRESS_IN_USE", message: `${this.protocol} port ${chosen} on ${host} is already in use`, details: { host, port: chosen } });
    }
    const owner = make(chosen);
    ports.set(chosen, owner);
    return owner;
  }

  release(host: string, port: number): void {
    this.#bound.get(this.#fold(host))?.delete(port);
  }

  owner(host: string, port: number): T | undefined {
    return this.#bound.get(this.#fold(host))?.get(port);
  }

  #ephemeral(host: string, ports: Map<number, T>): number {
    const size = EPHEMERAL_PORTS.high - EPHEMERAL_PORTS.low + 1;
    // A random start like Windows, then the next free one: never loops forever.
    const start = this.rng.int(0, size - 1);
    for (let i = 0; i < size; i++) {
      const port = EPHEMERAL_PORTS.low + ((start + i) % size);
      if (!ports.has(port)) return port;
    }
    throw new LabError({ code: "NET_PORTS_EXHAUSTED", message: `no free ephemeral ${this.protocol} port on ${host}` });
  }

  #ports(host: string): Map<number, T> {
    const folded = this.#fold(host);
    let ports = this.#bound.get(folded);
    if (!ports) this.#bound.set(folded, (ports = new Map()));
    return ports;
  }

  #fold(host: string): string {
    let folded = this.#folded.get(host);
    if (folded === undefined) this.#folded.set(host, (folded = host.toLowerCase()));
    return folded;
  }
}
