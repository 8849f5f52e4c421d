import { LabError } from "../kernel/index.ts";

/** A port, or an inclusive range `[low, high]`; absent means any port. */
export type PortSpec = number | readonly [number, number];

export interface PortRange {
  readonly low: number;
  readonly high: number;
}

export const ANY_PORT: PortRange = Object.freeze({ low: 0, high: 65535 });

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}

export function parsePortSpec(spec: PortSpec | undefined, what: string): PortRange {
  if (spec === undefined) return ANY_PORT;
  const [low, high] = typeof spec === "number" ? [spec, spec] : spec;
  if (!isValidPort(low) || !isValidPort(high) || low > high) {
    throw new LabError({
      code: "NET_PORT_INVALID",
      message: `${what} ${JSON.stringify(spec)} is not a port (0-65535) or a range [low, high] with low <= high`,
    });
  }
  return { low, high };
}

export function portInRange(range: PortRange, port: number): boolean {
  return port >= range.low && port <= range.high;
}

export function formatPortRange(range: PortRange): string {
  if (range.low === ANY_PORT.low && range.high === ANY_PORT.high) return "any";
  return range.low === range.high ? String(range.low) : `${range.low}-${range.high}`;
}
