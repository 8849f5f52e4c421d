export { Network } from "./network.ts";
export type { NetworkOptions, PathOptions } from "./network.ts";
export { ZONES, ZONE_SUBNETS, isZone } from "./zone.ts";
export type { Zone } from "./zone.ts";
export type { NetworkNode } from "./network-node.ts";
export type { HostFirewallAnswer, HostFirewallView } from "./host-firewall-view.ts";
export { FixedHostFirewall } from "./fixed-host-firewall.ts";
export type { HostFirewallRule } from "./fixed-host-firewall.ts";
export { DEFAULT_DENY_RULE } from "./perimeter-firewall.ts";
export type { RulePosition } from "./perimeter-firewall.ts";
export type { PerimeterRule, Protocol, RuleAction, RuleProtocol } from "./perimeter-rule.ts";
export type { PortSpec } from "./port-range.ts";
export { HOST_DEFAULT_BLOCK } from "./wire.ts";
export { DROP_REASONS } from "./drop-reason.ts";
export type { DropReason, PathVerdict } from "./drop-reason.ts";
export type { Resolution, ResolveSource } from "./resolution.ts";
export { isIpv4, isCidr } from "./ipv4.ts";
export type { Endpoint } from "./endpoint.ts";
export { formatEndpoint } from "./endpoint.ts";
export type { BindOptions, Datagram, DatagramSocket, DatagramTransport } from "./datagram-transport.ts";
export { SimDatagramTransport, SimDatagramSocket } from "./sim-datagram-transport.ts";
export { RealDatagramTransport, LOOPBACK } from "./real-datagram-transport.ts";
export { EPHEMERAL_PORTS } from "./port-table.ts";
export { startEchoServer } from "./echo-server.ts";
export type {
  ConnectResult,
  ExchangeResult,
  ListenOptions,
  StreamConnection,
  StreamConnectionInfo,
  StreamFailure,
  StreamFailureReason,
  StreamHandler,
  StreamListener,
  StreamSymptom,
  StreamTransport,
} from "./stream-transport.ts";
export { DEFAULT_STREAM_TIMING } from "./stream-timing.ts";
export type { StreamTiming } from "./stream-timing.ts";
export { NET_FAULT, NET_FAULT_CATALOG, netFaultCatalog } from "./net-faults.ts";
export type { NetStats } from "./net-stats.ts";
export { runUntilSettled } from "./run-until-settled.ts";
