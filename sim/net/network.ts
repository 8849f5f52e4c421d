import { LabError, type LabContext } from "../kernel/index.ts";
import type { PathVerdict } from "./drop-reason.ts";
import { checkDestinationPort } from "./endpoint.ts";
import { ipv4ToNumber, numberToIpv4, parseCidr } from "./ipv4.ts";
import { NameResolver } from "./name-resolver.ts";
import { NetCounters, type NetStats } from "./net-stats.ts";
import type { NetworkNode } from "./network-node.ts";
import { NodeTable } from "./node-table.ts";
import { PerimeterFirewall, type RulePosition } from "./perimeter-firewall.ts";
import type { PerimeterRule, Protocol } from "./perimeter-rule.ts";
import { PortTable } from "./port-table.ts";
import type { Resolution } from "./resolution.ts";
import { runUntilSettled } from "./run-until-settled.ts";
import { SimDatagramSocket, SimDatagramTransport } from "./sim-datagram-transport.ts";
import { SimStreamTransport, type TcpSocket } from "./sim-stream-transport.ts";
import { DEFAULT_STREAM_TIMING, type StreamTiming } from "./stream-timing.ts";
import type { ConnectResult, ListenOptions, StreamHandler, StreamListener, StreamTransport } from "./stream-transport.ts";
import { UdpFlows } from "./udp-flows.ts";
import { Wire } from "./wire.ts";
import { ZONE_SUBNETS, isZone, type Zone } from "./zone.ts";

export interface NetworkOptions {
  /** The AD domain's DNS name: joined hosts resolve as NAME and NAME.<domain>. */
  readonly domain?: string;
  /** One-way latency of every packet when no delay fault is active (default 1 ms). */
  readonly baseLatencyMs?: number;
  /** How long a host's firewall lets a UDP reply in after the host sent to that peer (default 60 s). */
  readonly udpStateTimeoutMs?: number;
  readonly streamTiming?: Partial<StreamTiming>;
}

export interface PathOptions {
  /** The packet's source port; rules with a source-port constraint match only when it is given. */
  readonly sourcePort?: number;
  /** The program listening at the destination, for Windows Firewall program exceptions. */
  readonly program?: string;
  /** A reply to a flow the destination opened: its stateful firewall lets it in. */
  readonly reply?: boolean;
}

/**
 * The estate's network: hosts in zones, name resolution, the perimeter
 * firewall, each host's Windows Firewall (through its view), and simulated
 * datagram and stream transports on the lab clock with the faults of the
 * fault plan. All state is this object's: two labs never share a network.
 */
export class Network {
  readonly #context: LabContext;
  readonly #nodes = new NodeTable();
  readonly #resolver: NameResolver;
  readonly #perimeter = new PerimeterFirewall();
  readonly #counters = new NetCounters();
  readonly #wire: Wire;
  readonly #datagrams: SimDatagramTransport;
  readonly #streams: SimStreamTransport;
  readonly #nextHost = new Map<Zone, number>();

  constructor(context: LabContext, options: NetworkOptions = {}) {
    this.#context = context;
    const baseLatencyMs = options.baseLatencyMs ?? 1;
    const udpStateTimeoutMs = options.udpStateTimeoutMs ?? 60_000;
    if (!(baseLatencyMs >= 0) || !(udpStateTimeoutMs >= 0)) {
      throw new LabError({ code: "NET_OPTIONS_INVALID", message: "baseLatencyMs and udpStateTimeoutMs must be non-negative numbers" });
    }
    const rng = context.rng.fork("net");
    this.#resolver = new NameResolver(this.#nodes, options.domain);
    this.#wire = new Wire(context, this.#nodes, this.#perimeter, this.#counters, baseLatencyMs, rng);
    this.#datagrams = new SimDatagramTransport(context, this.#nodes, this.#wire, new PortTable<SimDatagramSocket>("udp", rng.fork("udp-ports")), new UdpFlows(udpStateTimeoutMs), this.#counters);
    const timing = { ...DEFAULT_STREAM_TIMING, ...options.streamTiming };
    this.#streams = new SimStreamTransport(context, this.#nodes, this.#resolver, this.#wire, new PortTable<TcpSocket>("tcp", rng.fork("tcp-ports")), this.#counters, timing);
  }

  get domain(): string | undefined {
    return this.#resolver.domain;
  }

  // --- hosts ---------------------------------------------------------------

  addNode(node: NetworkNode): void {
    if (node?.domainJoined && this.domain === undefined) {
      throw new LabError({ code: "NET_NO_DOMAIN", message: `host ${node.name} is joined to a domain, but the network has none`, remedy: "Create the Network with { domain }." });
    }
    const entry = this.#nodes.add(node);
    this.#context.trace.record({ host: entry.name, component: "net", kind: "net.node", data: { ip: entry.address, zone: node.zone, domainJoined: node.domainJoined } });
  }

  removeNode(name: string): void {
    this.#nodes.remove(name);
  }

  node(nameOrAddress: string): NetworkNode | undefined {
    const ip = ipv4ToNumber(nameOrAddress);
    return (ip !== undefined ? this.#nodes.byIp(ip) : this.#nodes.find(nameOrAddress))?.node;
  }

  nodes(): readonly NetworkNode[] {
    return this.#nodes.all().map((n) => n.node);
  }

  /** The next free address of the zone's subnet (from .10 on), for a host that has none. */
  allocateAddress(zone: Zone): string {
    if (!isZone(zone)) throw new LabError({ code: "NET_NODE_INVALID", message: `no zone ${JSON.stringify(zone)}` });
    const subnet = parseCidr(ZONE_SUBNETS[zone]);
    const size = 2 ** (32 - subnet.prefix);
    for (let host = this.#nextHost.get(zone) ?? 10; host < size - 1; host++) {
      const ip = subnet.base + host;
      if (!this.#nodes.hasAddress(ip)) {
        this.#nextHost.set(zone, host + 1);
        return numberToIpv4(ip);
      }
    }
    throw new LabError({ code: "NET_ADDRESSES_EXHAUSTED", message: `no free address left in ${ZONE_SUBNETS[zone]} (${zone})` });
  }

  // --- names ---------------------------------------------------------------

  resolve(fromHost: string, name: string): Resolution {
    return this.#resolver.resolve(fromHost, name);
  }

  /** An A record in the domain DNS (e.g. a DMZ web server the internal hosts must reach by name). */
  addDnsRecord(name: string, target: string): void {
    this.#resolver.addDomainRecord(name, target);
  }

  removeDnsRecord(name: string): boolean {
    return this.#resolver.removeDomainRecord(name);
  }

  /** A name in the public DNS view (what the internet resolves), e.g. reset.example.com -> the DMZ web. */
  addPublicDnsRecord(name: string, target: string): void {
    this.#resolver.addPublicRecord(name, target);
  }

  removePublicDnsRecord(name: string): boolean {
    return this.#resolver.removePublicRecord(name);
  }

  addHostsEntry(host: string, name: string, target: string): void {
    this.#resolver.addHostsEntry(host, name, target);
  }

  removeHostsEntry(host: string, name: string): boolean {
    return this.#resolver.removeHostsEntry(host, name);
  }

  // --- perimeter firewall --------------------------------------------------

  addPerimeterRule(rule: PerimeterRule, position?: RulePosition): void {
    this.#perimeter.add(rule, position);
    this.#context.trace.record({ host: "perimeter", component: "net", kind: "net.rule-added", data: { ...rule } });
  }

  removePerimeterRule(name: string): void {
    this.#perimeter.remove(name);
    this.#context.trace.record({ host: "perimeter", component: "net", kind: "net.rule-removed", data: { name } });
  }

  perimeterRules(): readonly PerimeterRule[] {
    return this.#perimeter.rules();
  }

  /**
   * Whether a packet from `from` to `to` (host names or addresses) on
   * `port` would get through now: routing, partition, perimeter, the
   * destination's firewall. Loss is chance, not a path property: not asked.
   */
  checkPath(from: string, to: string, protocol: Protocol, port: number, options: PathOptions = {}): PathVerdict {
    if (protocol !== "udp" && protocol !== "tcp") throw new LabError({ code: "NET_PROTOCOL_INVALID", message: `protocol must be udp or tcp, got ${JSON.stringify(protocol)}` });
    checkDestinationPort(port);
    const source = this.#nodes.lookup(from);
    const toIp = ipv4ToNumber(to) ?? this.#nodes.get(to).ip;
    const packet = { protocol, from: source, sourcePort: options.sourcePort ?? 0, to: toIp, destinationPort: port, bytes: 0, segment: "probe" };
    const sent = this.#wire.checkSend(packet, options.sourcePort);
    if (!sent.ok) return { allowed: false, reason: sent.reason, ...(sent.rule !== undefined ? { rule: sent.rule } : {}), detail: sent.detail };
    const inbound = this.#wire.checkInbound(packet, sent.to, options.program, options.reply === true);
    if (!inbound.ok) return { allowed: false, reason: inbound.reason, ...(inbound.rule !== undefined ? { rule: inbound.rule } : {}), detail: inbound.detail };
    return { allowed: true };
  }

  // --- transports ----------------------------------------------------------

  /** UDP on this network; delivery happens as the lab clock moves. */
  datagrams(): SimDatagramTransport {
    return this.#datagrams;
  }

  streams(): StreamTransport {
    return this.#streams;
  }

  listen<Req = unknown, Res = unknown>(host: string, port: number, handler: StreamHandler<Req, Res>, options?: ListenOptions): StreamListener {
    return this.#streams.listen(host, port, handler, options);
  }

  connect(fromHost: string, toName: string, port: number): Promise<ConnectResult> {
    return this.#streams.connect(fromHost, toName, port);
  }

  /** Moves the lab clock until `promise` settles (see runUntilSettled). */
  run<T>(promise: Promise<T>): Promise<T> {
    return runUntilSettled(this.#context.clock, promise);
  }

  stats(): NetStats {
    return this.#counters.snapshot();
  }
}
