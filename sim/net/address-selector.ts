import { LabError } from "../kernel/index.ts";
import { cidrContains, ipv4ToNumber, isCidr, parseCidr, type Cidr } from "./ipv4.ts";
import { isZone, ZONES, type Zone } from "./zone.ts";

/** What a perimeter rule's `from` or `to` names: every address, a zone, one address, or a block. */
export type AddressSelector =
  | { readonly kind: "any" }
  | { readonly kind: "zone"; readonly zone: Zone }
  | { readonly kind: "address"; readonly address: number }
  | { readonly kind: "cidr"; readonly cidr: Cidr };

/** One end of a packet as the perimeter sees it. */
export interface PacketEnd {
  readonly ip: number;
  readonly zone: Zone;
}

export function parseAddressSelector(text: string, what: string): AddressSelector {
  const value = text.trim();
  if (value.toLowerCase() === "any" || value === "*") return { kind: "any" };
  if (isZone(value.toLowerCase())) return { kind: "zone", zone: value.toLowerCase() as Zone };
  const address = ipv4ToNumber(value);
  if (address !== undefined) return { kind: "address", address };
  if (isCidr(value)) return { kind: "cidr", cidr: parseCidr(value) };
  throw new LabError({
    code: "NET_RULE_INVALID",
    message: `${what} "${text}" is neither "any", a zone (${ZONES.join(", ")}), an IPv4 address nor a CIDR block`,
    remedy: "A perimeter firewall matches addresses, not host names: use the host's IP address or its zone.",
  });
}

export function selectorMatches(selector: AddressSelector, end: PacketEnd): boolean {
  switch (selector.kind) {
    case "any":
      return true;
    case "zone":
      return selector.zone === end.zone;
    case "address":
      return selector.address === end.ip;
    case "cidr":
      return cidrContains(selector.cidr, end.ip);
  }
}
