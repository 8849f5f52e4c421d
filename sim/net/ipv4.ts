import { LabError, memoPure } from "../kernel/index.ts";

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * The address as an unsigned 32-bit number, or undefined when it is not
 * dotted-quad IPv4. Memoised (a pure function): every connection, datagram
 * and name lookup parses the same few addresses again.
 */
export function ipv4ToNumber(text: string): number | undefined {
  const value = parsedAddress(text);
  return value === NOT_IPV4 ? undefined : value;
}

/** -1 for "not an address", so host names (asked as often) are remembered too. */
const NOT_IPV4 = -1;
const parsedAddress = memoPure((text: string): number => parseDottedQuad(text) ?? NOT_IPV4);

function parseDottedQuad(text: string): number | undefined {
  const m = DOTTED_QUAD.exec(text.trim());
  if (!m) return undefined;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    // "010" is octal to some parsers and decimal to others: refuse it.
    if (part.length > 1 && part.startsWith("0")) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function isIpv4(text: string): boolean {
  return ipv4ToNumber(text) !== undefined;
}

export function numberToIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Parses an address or refuses it with NET_ADDRESS_INVALID. */
export function parseIpv4(text: string, what = "address"): number {
  const value = ipv4ToNumber(text);
  if (value === undefined) {
    throw new LabError({ code: "NET_ADDRESS_INVALID", message: `${what} "${text}" is not an IPv4 address (dotted quad, e.g. 10.0.0.5)` });
  }
  return value;
}

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

export function isCidr(text: string): boolean {
  const [addr, prefix, extra] = text.split("/");
  return extra === undefined && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32 && isIpv4(addr ?? "");
}

/** Parses "a.b.c.d/n"; host bits are cleared, as routers do. */
export function parseCidr(text: string): Cidr {
  if (!isCidr(text)) {
    throw new LabError({ code: "NET_ADDRESS_INVALID", message: `"${text}" is not an IPv4 CIDR block (e.g. 10.0.0.0/24)` });
  }
  const [addr, prefixText] = text.split("/") as [string, string];
  const prefix = Number(prefixText);
  return { base: (parseIpv4(addr) & prefixMask(prefix)) >>> 0, prefix };
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return ((address & prefixMask(cidr.prefix)) >>> 0) === cidr.base;
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
