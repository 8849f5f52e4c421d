import type { Host } from "../host/index.ts";
import type { HostFirewallView, NetworkNode, Zone } from "../net/index.ts";

/**
 * A host as the network sees it, joined state read live. A class and not an
 * object literal with a getter: V8 keeps a literal's accessor in a hidden
 * class of its own, made per literal evaluated and kept in old space, so
 * every lab built stayed reachable through every minor GC (a quarter of a
 * lab build went to collecting them); a prototype getter has no such link.
 */
export class HostNode implements NetworkNode {
  readonly name: string;
  readonly ip: string;
  readonly zone: Zone;
  readonly firewall: HostFirewallView;
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    this.name = host.name;
    this.ip = host.ip;
    this.zone = host.zone;
    this.firewall = host.firewall;
  }

  get domainJoined(): boolean {
    return this.#host.joined;
  }
}
