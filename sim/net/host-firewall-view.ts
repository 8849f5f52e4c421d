import type { Protocol } from "./perimeter-rule.ts";

export interface HostFirewallAnswer {
  readonly allowed: boolean;
  /** The rule that allowed or blocked it, for the trace. */
  readonly rule?: string;
}

/**
 * What the network needs of a host's Windows Firewall (sim/host implements
 * it; the network never imports the host). Read live on every inbound
 * packet, so a rule added or the firewall turned off takes effect at once.
 * `program` is the executable that owns the listening socket, for program
 * exceptions; an implementation may ignore it.
 */
export interface HostFirewallView {
  readonly enabled: boolean;
  allowsInbound(protocol: Protocol, port: number, program?: string): HostFirewallAnswer;
}
