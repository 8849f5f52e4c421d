import { LabError } from "../kernel/index.ts";
import { ipv4ToNumber, numberToIpv4 } from "./ipv4.ts";
import type { NetworkNode } from "./network-node.ts";
import { isZone, ZONES } from "./zone.ts";

/** A node with its address parsed once. */
export interface RegisteredNode {
  readonly node: NetworkNode;
  readonly name: string;
  readonly ip: number;
  readonly address: string;
}

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})$/;

/** The hosts of one network, by name (case-insensitive, as Windows) and by address. */
export class NodeTable {
  readonly #byName = new Map<string, RegisteredNode>();
  readonly #byIp = new Map<number, RegisteredNode>();
  /**
   * Nodes found by `lookup` and by `find`, by the text as the caller spelled
   * it (the same few names and addresses, per packet, socket and name
   * query): no trimmed, lower-cased copy per lookup. Emptied when a node
   * comes or goes.
   */
  readonly #looked = new Map<string, RegisteredNode>();
  readonly #found = new Map<string, RegisteredNode>();

  add(node: NetworkNode): RegisteredNode {
    const name = typeof node?.name === "string" ? node.name.trim() : "";
    if (!HOST_NAME.test(name)) {
      throw new LabError({ code: "NET_NODE_INVALID", message: `host name "${node?.name}" is not a valid single-label host name (letters, digits, hyphens)` });
    }
    if (!isZone(node.zone)) {
      throw new LabError({ code: "NET_NODE_INVALID", message: `host ${name}: zone ${JSON.stringify(node.zone)} is not one of ${ZONES.join(", ")}` });
    }
    const ip = ipv4ToNumber(String(node.ip));
    if (ip === undefined) {
      throw new LabError({ code: "NET_ADDRESS_INVALID", message: `host ${name}: "${node.ip}" is not an IPv4 address (dotted quad, e.g. 10.0.0.5)` });
    }
    if (!node.firewall || typeof node.firewall.allowsInbound !== "function") {
      throw new LabError({ code: "NET_NODE_INVALID", message: `host ${name}: a node needs a firewall view with allowsInbound(protocol, port)` });
    }
    if (this.#byName.has(name.toLowerCase())) {
      throw new LabError({ code: "NET_NODE_DUPLICATE", message: `host ${name} is already on the network` });
    }
    const holder = this.#byIp.get(ip);
    if (holder) {
      throw new LabError({ code: "NET_ADDRESS_IN_USE", message: `host ${name}: address ${numberToIpv4(ip)} already belongs to ${holder.name}`, remedy: "Give each host its own address." });
    }
    const entry: RegisteredNode = { node, name, ip, address: numberToIpv4(ip) };
    this.#byName.set(name.toLowerCase(), entry);
    this.#byIp.set(ip, entry);
    this.#looked.clear();
    this.#found.clear();
    return entry;
  }

  remove(name: string): void {
    const entry = this.get(name);
    this.#byName.delete(entry.name.toLowerCase());
    this.#byIp.delete(entry.ip);
    this.#looked.clear();
    this.#found.clear();
  }

  find(name: string): RegisteredNode | undefined {
    let entry = this.#found.get(name);
    if (entry) return entry;
    entry = this.#byName.get(name.trim().toLowerCase());
    if (entry) this.#found.set(name, entry);
    return entry;
  }

  /** The node, or NET_UNKNOWN_HOST naming the hosts there are. */
  get(name: string): RegisteredNode {
    const entry = this.find(name);
    if (!entry) {
      const known = [...this.#byName.values()].map((n) => n.name).join(", ") || "none";
      throw new LabError({ code: "NET_UNKNOWN_HOST", message: `no host "${name}" on the network; hosts: ${known}` });
    }
    return entry;
  }

  byIp(ip: number): RegisteredNode | undefined {
    return this.#byIp.get(ip);
  }

  /** A node named by its host name or by its address. */
  lookup(nameOrAddress: string): RegisteredNode {
    let entry = this.#looked.get(nameOrAddress);
    if (entry) return entry;
    const ip = ipv4ToNumber(nameOrAddress);
    if (ip !== undefined) {
      entry = this.#byIp.get(ip);
      if (!entry) throw new LabError({ code: "NET_UNKNOWN_HOST", message: `no host has address ${nameOrAddress}` });
    } else entry = this.get(nameOrAddress);
    this.#looked.set(nameOrAddress, entry);
    return entry;
  }

  hasAddress(ip: number): boolean {
    return this.#byIp.has(ip);
  }

  all(): readonly RegisteredNode[] {
    return [...this.#byName.values()];
  }
}
