import { parsePortSpec, portInRange, type PortSpec } from "./port-range.ts";
import type { HostFirewallAnswer, HostFirewallView } from "./host-firewall-view.ts";
import type { Protocol, RuleProtocol } from "./perimeter-rule.ts";

export interface HostFirewallRule {
  readonly name: string;
  readonly protocol: RuleProtocol;
  /** Local port(s); absent means any. */
  readonly port?: PortSpec;
  /** Only traffic to sockets of this program; absent means any program. */
  readonly program?: string;
  readonly action?: "allow" | "block";
  readonly enabled?: boolean;
}

/**
 * A host firewall for nodes that are not Windows hosts of sim/host (an
 * internet client, a test node). Windows' precedence: an enabled block rule
 * beats any allow rule; with no matching rule inbound is blocked.
 */
export class FixedHostFirewall implements HostFirewallView {
  constructor(
    readonly enabled: boolean,
    private readonly rules: readonly HostFirewallRule[] = [],
  ) {
    for (const rule of rules) parsePortSpec(rule.port, `host firewall rule "${rule.name}": port`);
  }

  /** A firewall that lets everything in (turned off). */
  static off(): FixedHostFirewall {
    return new FixedHostFirewall(false);
  }

  allowsInbound(protocol: Protocol, port: number, program?: string): HostFirewallAnswer {
    if (!this.enabled) return { allowed: true };
    const matching = this.rules.filter(
      (r) =>
        r.enabled !== false &&
        (r.protocol === "any" || r.protocol === protocol) &&
        portInRange(parsePortSpec(r.port, r.name), port) &&
        (r.program === undefined || r.program.toLowerCase() === program?.toLowerCase()),
    );
    const block = matching.find((r) => r.action === "block");
    if (block) return { allowed: false, rule: block.name };
    const allow = matching.find((r) => r.action !== "block");
    return allow ? { allowed: true, rule: allow.name } : { allowed: false };
  }
}
