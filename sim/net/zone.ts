/** The three network zones of the estate, separated by the perimeter firewall. */
export const ZONES = ["internal", "dmz", "external"] as const;
export type Zone = (typeof ZONES)[number];

export function isZone(value: string): value is Zone {
  return (ZONES as readonly string[]).includes(value);
}

/**
 * Where `Network.allocateAddress` takes addresses from, per zone: private
 * ranges inside, TEST-NET-3 (RFC 5737) outside so no lab address is a real
 * public host.
 */
export const ZONE_SUBNETS: Readonly<Record<Zone, string>> = {
  internal: "10.0.0.0/24",
  dmz: "172.16.0.0/24",
  external: "203.0.113.0/24",
};
