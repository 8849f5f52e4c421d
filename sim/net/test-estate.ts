import { createContext, type LabContext, type TraceEvent } from "../kernel/index.ts";
import { FixedHostFirewall, type HostFirewallRule } from "./fixed-host-firewall.ts";
import { netFaultCatalog } from "./net-faults.ts";
import { Network, type NetworkOptions } from "./network.ts";
import type { PerimeterRule } from "./perimeter-rule.ts";

/** The APR document's two-direction rule table (Multiple Server Installation). */
export const APR_REQUEST_RULE: PerimeterRule = { name: "apr-request", action: "allow", protocol: "udp", from: "172.16.0.10", to: "10.0.0.20", port: 5100 };
export const APR_REPLY_RULE: PerimeterRule = { name: "apr-reply", action: "allow", protocol: "udp", from: "10.0.0.20", to: "172.16.0.10", sourcePort: 5100 };

export const APR_SERVER_EXCEPTION: HostFirewallRule = { name: "APR Server (UDP 5100)", protocol: "udp", port: 5100 };

export interface TestEstate {
  readonly context: LabContext;
  readonly net: Network;
  drops(): TraceEvent[];
}

/**
 * A small estate for the network's tests: DC01, APR01 and APP01 inside
 * (joined), WEB01 in the DMZ (not joined), INET01 outside. Windows Firewall
 * on everywhere but APP01 and INET01; APR01 has the APR Server exception
 * unless told.
 */
export function buildTestEstate(seed = 1, options: { aprException?: boolean; net?: NetworkOptions } = {}): TestEstate {
  const context = createContext(seed, netFaultCatalog());
  const net = new Network(context, { domain: "corp.example", ...options.net });
  const aprRules = options.aprException === false ? [] : [APR_SERVER_EXCEPTION];
  net.addNode({ name: "DC01", ip: "10.0.0.10", zone: "internal", domainJoined: true, firewall: new FixedHostFirewall(true, [{ name: "DNS", protocol: "udp", port: 53 }]) });
  net.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: true, firewall: new FixedHostFirewall(true, aprRules) });
  net.addNode({ name: "APP01", ip: "10.0.0.30", zone: "internal", domainJoined: true, firewall: FixedHostFirewall.off() });
  net.addNode({ name: "WEB01", ip: "172.16.0.10", zone: "dmz", domainJoined: false, firewall: new FixedHostFirewall(true, [{ name: "World Wide Web Services (HTTPS)", protocol: "tcp", port: 443 }]) });
  net.addNode({ name: "INET01", ip: "203.0.113.50", zone: "external", domainJoined: false, firewall: FixedHostFirewall.off() });
  return { context, net, drops: () => context.trace.find((e) => e.kind === "net.drop") };
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
