import { LabError, memoPure } from "../kernel/index.ts";
import { ipv4ToNumber, numberToIpv4 } from "./ipv4.ts";
import type { NodeTable, RegisteredNode } from "./node-table.ts";
import type { Resolution } from "./resolution.ts";

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/;

/**
 * Name resolution of the estate, three sources:
 * - each host's hosts file, asked first;
 * - the domain DNS (the DCs' zone): every joined host as NAME.domain, plus
 *   explicit A records. Joined hosts (and hosts configured with
 *   `usesDomainDns`) ask it; a single-label name gets the domain suffix
 *   appended. It is authoritative for the domain: a missing name under the
 *   domain is an answer (NXDOMAIN), other names are forwarded to the public
 *   view;
 * - the public DNS view: what the internet resolves. A public name maps
 *   straight to a DMZ address (no NAT in the lab: an external client reaches
 *   the DMZ host's own address through the perimeter firewall).
 * Hosts outside the domain ask only the public view; NetBIOS and LLMNR are
 * not modelled, so a single-label name resolves for them only via hosts file.
 */
export class NameResolver {
  readonly #domainRecords = new Map<string, number>();
  readonly #publicRecords = new Map<string, number>();
  readonly #hostsFiles = new Map<string, Map<string, number>>();
  readonly domain: string | undefined;

  constructor(
    private readonly nodes: NodeTable,
    domain: string | undefined,
  ) {
    this.domain = domain === undefined ? undefined : normaliseName(domain, "domain name");
  }

  /** An A record in the domain DNS; a single-label name is qualified with the domain. */
  addDomainRecord(name: string, target: string): void {
    const domain = this.#requireDomain("an A record in the domain DNS");
    let fqdn = normaliseName(name, "record name");
    if (!fqdn.includes(".")) fqdn = `${fqdn}.${domain}`;
    this.#domainRecords.set(fqdn, this.#targetAddress(target));
  }

  removeDomainRecord(name: string): boolean {
    const fqdn = normaliseName(name, "record name");
    return this.#domainRecords.delete(fqdn.includes(".") || !this.domain ? fqdn : `${fqdn}.${this.domain}`);
  }

  addPublicRecord(name: string, target: string): void {
    this.#publicRecords.set(normaliseName(name, "record name"), this.#targetAddress(target));
  }

  removePublicRecord(name: string): boolean {
    return this.#publicRecords.delete(normaliseName(name, "record name"));
  }

  addHostsEntry(host: string, name: string, target: string): void {
    const entry = this.nodes.get(host);
    const file = this.#hostsFiles.get(entry.name.toLowerCase()) ?? new Map<string, number>();
    file.set(normaliseName(name, "hosts-file name"), this.#targetAddress(target));
    this.#hostsFiles.set(entry.name.toLowerCase(), file);
  }

  removeHostsEntry(host: string, name: string): boolean {
    const entry = this.nodes.get(host);
    return this.#hostsFiles.get(entry.name.toLowerCase())?.delete(normaliseName(name, "hosts-file name")) ?? false;
  }

  /** Whether `host` sends its queries to the domain DNS. */
  usesDomainDns(host: RegisteredNode): boolean {
    return this.domain !== undefined && (host.node.domainJoined || host.node.usesDomainDns === true);
  }

  resolve(fromHost: string, rawName: string): Resolution {
    const from = this.nodes.get(fromHost);
    const asked = typeof rawName === "string" ? rawName.trim() : "";
    const literal = literalResolution(asked);
    if (literal !== NOT_LITERAL) return literal;
    const name = normaliseName(asked, "name");

    const fromHostsFile = this.#hostsFiles.get(from.name.toLowerCase())?.get(name);
    if (fromHostsFile !== undefined) return { ok: true, name: asked, address: numberToIpv4(fromHostsFile), source: "hosts-file" };

    if (this.usesDomainDns(from)) {
      const domain = this.domain!;
      const fqdn = name.includes(".") ? name : `${name}.${domain}`;
      if (fqdn === domain || fqdn.endsWith(`.${domain}`)) {
        const ip = this.#domainLookup(fqdn, domain);
        if (ip !== undefined) return { ok: true, name: asked, address: numberToIpv4(ip), source: "domain-dns" };
        return unresolved(asked, `${fqdn}: no record in the domain DNS of ${domain} (it is authoritative for the domain; hosts outside the domain need an explicit A record)`);
      }
    } else if (!name.includes(".")) {
      return unresolved(asked, `${name}: a single-label name, and ${from.name} does not use the domain DNS (no DNS suffix; NetBIOS is not modelled): use a hosts-file entry or a full name`);
    }

    const ip = this.#publicRecords.get(name);
    if (ip !== undefined) return { ok: true, name: asked, address: numberToIpv4(ip), source: "public-dns" };
    return unresolved(asked, `${name}: no record in the public DNS`);
  }

  #domainLookup(fqdn: string, domain: string): number | undefined {
    const explicit = this.#domainRecords.get(fqdn);
    if (explicit !== undefined) return explicit;
    const label = fqdn.slice(0, fqdn.length - domain.length - 1);
    if (label.includes(".")) return undefined;
    const host = this.nodes.find(label);
    return host && host.node.domainJoined ? host.ip : undefined;
  }

  #targetAddress(target: string): number {
    const ip = ipv4ToNumber(String(target));
    if (ip !== undefined) return ip;
    const host = this.nodes.find(String(target));
    if (!host) {
      throw new LabError({ code: "NET_RECORD_INVALID", message: `record target "${target}" is neither an IPv4 address nor a host on the network` });
    }
    return host.ip;
  }

  #requireDomain(what: string): string {
    if (this.domain === undefined) {
      throw new LabError({ code: "NET_NO_DOMAIN", message: `${what} needs a domain, and this network has none`, remedy: "Create the Network with { domain: \"corp.example\" }." });
    }
    return this.domain;
  }
}

/**
 * What an address literal resolves to: a memo of a pure function of the
 * text (frozen, so it may be shared), as the Web Interface asks for its
 * ServerIP on every page and a browser for the web's address.
 */
const literalResolution = memoPure((asked: string): Resolution => {
  const ip = ipv4ToNumber(asked);
  return ip === undefined ? NOT_LITERAL : Object.freeze({ ok: true, name: asked, address: numberToIpv4(ip), source: "literal" });
}, 1024);

const NOT_LITERAL: Resolution = Object.freeze({ ok: false, name: "", reason: "unresolved", detail: "not an address literal" });

function unresolved(name: string, detail: string): Resolution {
  return { ok: false, name, reason: "unresolved", detail };
}

function normaliseName(name: string, what: string): string {
  const value = typeof name === "string" ? name.trim().toLowerCase().replace(/\.$/, "") : "";
  if (!DNS_NAME.test(value)) {
    throw new LabError({ code: "NET_NAME_INVALID", message: `${what} ${JSON.stringify(name)} is not a DNS name (labels of letters, digits and hyphens, separated by dots)` });
  }
  return value;
}
