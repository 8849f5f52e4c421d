import type { HostFirewallView } from "./host-firewall-view.ts";
import type { Zone } from "./zone.ts";

/**
 * A host as the network sees it. `name`, `ip` and `zone` are taken when the
 * node is added; `domainJoined`, `usesDomainDns` and `firewall` are read live
 * (a host that joins the domain later becomes resolvable at once).
 */
export interface NetworkNode {
  readonly name: string;
  readonly ip: string;
  readonly zone: Zone;
  readonly domainJoined: boolean;
  readonly firewall: HostFirewallView;
  /** A host outside the domain whose resolver still points at the domain DNS. */
  readonly usesDomainDns?: boolean;
}
