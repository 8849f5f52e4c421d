import type { ClockTask, LabContext, Rng } from "../kernel/index.ts";
import type { DropReason } from "./drop-reason.ts";
import { formatEndpoint } from "./endpoint.ts";
import { numberToIpv4 } from "./ipv4.ts";
import type { NetCounters } from "./net-stats.ts";
import { NET_FAULT } from "./net-faults.ts";
import type { NodeTable, RegisteredNode } from "./node-table.ts";
import { partitionSeparates } from "./partition.ts";
import type { PerimeterFirewall } from "./perimeter-firewall.ts";
import type { Protocol } from "./perimeter-rule.ts";

/** One packet on the wire. */
export interface Packet {
  readonly protocol: Protocol;
  readonly from: RegisteredNode;
  readonly sourcePort: number;
  readonly to: number;
  readonly destinationPort: number;
  readonly bytes: number;
  /** What it is, for the trace: datagram, syn, syn-ack, rst, request, response. */
  readonly segment: string;
}

export interface Drop {
  readonly reason: DropReason;
  readonly rule?: string;
  readonly detail: string;
}

export type SendCheck = { readonly ok: true; readonly to: RegisteredNode } | ({ readonly ok: false } & Drop);

export type TransmitResult = { readonly sent: true } | ({ readonly sent: false; readonly traceId: number } & Drop);

export interface TransmitOptions {
  /** Datagrams may arrive twice or out of order; a stream's TCP hides both. */
  readonly scramble: boolean;
}

const SENT: TransmitResult = Object.freeze({ sent: true });

/** Name a host-firewall drop carries when no rule allowed the port. */
export const HOST_DEFAULT_BLOCK = "default-inbound-block";

/**
 * The medium every packet crosses: routing, partition, the perimeter
 * firewall and the link faults at send time; the destination's Windows
 * Firewall at arrival. Every drop goes to the trace with its reason and rule.
 */
export class Wire {
  readonly #delayRng: Rng;

  constructor(
    private readonly context: LabContext,
    private readonly nodes: NodeTable,
    private readonly perimeter: PerimeterFirewall,
    private readonly counters: NetCounters,
    private readonly baseLatencyMs: number,
    netRng: Rng,
  ) {
    this.#delayRng = netRng.fork("delay");
  }

  /**
   * What stops a packet before it leaves the sender's zone: routing,
   * partition, perimeter. A path probe passes `sourcePort` undefined when it
   * does not know it.
   */
  checkSend(packet: Packet, sourcePort: number | undefined = packet.sourcePort): SendCheck {
    const to = this.nodes.byIp(packet.to);
    if (!to) return { ok: false, reason: "no-route", detail: `${packet.from.name} -> ${numberToIpv4(packet.to)}: no host has address ${numberToIpv4(packet.to)}` };
    if (partitionSeparates(this.context.faults, packet.from, to)) {
      return { ok: false, reason: "partition", detail: `${packet.from.name} (${packet.from.node.zone}) and ${to.name} (${to.node.zone}) are partitioned` };
    }
    // Within one zone the perimeter is not crossed (it would allow): no packet view to build.
    if (packet.from.node.zone === to.node.zone) return { ok: true, to };
    const verdict = this.perimeter.evaluate({
      protocol: packet.protocol,
      from: { ip: packet.from.ip, zone: packet.from.node.zone },
      to: { ip: to.ip, zone: to.node.zone },
      sourcePort,
      destinationPort: packet.destinationPort,
    });
    if (!verdict.allowed) {
      return {
        ok: false,
        reason: "perimeter-rule",
        rule: verdict.rule,
        detail: `perimeter rule ${verdict.rule} drops ${packet.protocol} ${packet.from.node.zone} -> ${to.node.zone} port ${packet.destinationPort} (source port ${sourcePort ?? "unknown"})`,
      };
    }
    return { ok: true, to };
  }

  /** The destination's Windows Firewall; a reply to a flow the host opened passes (it is stateful). */
  checkInbound(packet: Packet, to: RegisteredNode, program: string | undefined, isReply: boolean): { ok: true } | ({ ok: false } & Drop) {
    const firewall = to.node.firewall;
    // Loopback traffic never meets the host's own firewall.
    if (!firewall.enabled || isReply || packet.from === to) return { ok: true };
    const answer = firewall.allowsInbound(packet.protocol, packet.destinationPort, program);
    if (answer.allowed) return { ok: true };
    const rule = answer.rule ?? HOST_DEFAULT_BLOCK;
    return { ok: false, reason: "host-firewall", rule, detail: `${to.name}'s Windows Firewall blocks inbound ${packet.protocol} ${packet.destinationPort} (${rule})` };
  }

  /**
   * Sends one packet: a drop is recorded and returned at once; otherwise
   * `arrive` runs when the lab clock reaches the arrival (twice for a duplicate).
   */
  transmit(packet: Packet, options: TransmitOptions, arrive: (to: RegisteredNode, copy: { duplicate: boolean; latencyMs: number }) => void): TransmitResult {
    const check = this.checkSend(packet);
    if (!check.ok) return { sent: false, ...check, traceId: this.drop(packet, check, this.dropHost(packet, check.reason)) };
    const { faults } = this.context;
    if (faults.roll(NET_FAULT.loss)) {
      const lost: Drop = { reason: "loss", detail: `${packet.segment} lost in transit (fault ${NET_FAULT.loss})` };
      return { sent: false, ...lost, traceId: this.drop(packet, lost, packet.from.name) };
    }
    let latencyMs = this.#latency();
    if (options.scramble && faults.roll(NET_FAULT.reorder)) {
      const max = Math.max(1, Math.floor(Number(faults.param(NET_FAULT.reorder, "maxExtraDelayMs", 50))));
      latencyMs += this.#delayRng.int(1, max);
      this.counters.reordered++;
    }
    this.context.clock.schedule(latencyMs, new Arrival(packet, check.to, latencyMs, false, arrive));
    if (options.scramble && faults.roll(NET_FAULT.duplication)) {
      this.counters.duplicated++;
      this.context.clock.schedule(latencyMs, new Arrival(packet, check.to, latencyMs, true, arrive));
    }
    return SENT;
  }

  /** Records a drop in the trace and the counters; returns the trace event id (evidence). */
  drop(packet: Packet, drop: Drop, host: string): number {
    this.counters.dropped[drop.reason]++;
    const to = this.nodes.byIp(packet.to);
    return this.context.trace.record({
      host,
      component: "net",
      kind: "net.drop",
      data: {
        reason: drop.reason,
        ...(drop.rule !== undefined ? { rule: drop.rule } : {}),
        from: formatEndpoint({ address: packet.from.address, port: packet.sourcePort }),
        to: formatEndpoint({ address: numberToIpv4(packet.to), port: packet.destinationPort }),
        fromHost: packet.from.name,
        ...(to ? { toHost: to.name } : {}),
        protocol: packet.protocol,
        port: packet.destinationPort,
        segment: packet.segment,
        detail: drop.detail,
      },
    }).id;
  }

  /** Records a name that did not resolve: nothing was sent. */
  unresolved(from: RegisteredNode, name: string, protocol: Protocol, port: number, detail: string): number {
    this.counters.dropped.unresolved++;
    return this.context.trace.record({
      host: from.name,
      component: "net",
      kind: "net.drop",
      data: { reason: "unresolved", from: from.address, fromHost: from.name, to: name, protocol, port, detail },
    }).id;
  }

  delivered(packet: Packet, to: RegisteredNode, extra: Record<string, unknown>): number {
    this.counters.delivered++;
    // The data is made here for this event alone: recorded without a copy. `extra` (the transports' own
    // plain records) is assigned rather than spread into the literal.
    return this.context.trace.recordOwn({
      host: to.name,
      component: "net",
      kind: "net.deliver",
      data: Object.assign(
        {
          from: formatEndpoint({ address: packet.from.address, port: packet.sourcePort }),
          to: formatEndpoint({ address: to.address, port: packet.destinationPort }),
          fromHost: packet.from.name,
          toHost: to.name,
          protocol: packet.protocol,
          port: packet.destinationPort,
          segment: packet.segment,
          bytes: packet.bytes,
        },
        extra,
      ),
    }).id;
  }

  /** Where a send-time drop happened: at the perimeter device, or still on the sender. */
  dropHost(packet: Packet, reason: DropReason): string {
    return reason === "perimeter-rule" ? "perimeter" : packet.from.name;
  }

  #latency(): number {
    const { faults } = this.context;
    if (!faults.isActive(NET_FAULT.delay)) return this.baseLatencyMs;
    const latency = Math.max(0, Number(faults.param(NET_FAULT.delay, "latencyMs", 200)));
    const jitter = Math.max(0, Math.floor(Number(faults.param(NET_FAULT.delay, "jitterMs", 50))));
    return latency + (jitter > 0 ? this.#delayRng.int(0, jitter) : 0);
  }
}

/** One copy of a packet on its way: the clock event, the copy `arrive` is told of, and its label when asked. */
class Arrival implements ClockTask {
  constructor(
    private readonly packet: Packet,
    private readonly to: RegisteredNode,
    readonly latencyMs: number,
    readonly duplicate: boolean,
    private readonly arrive: (to: RegisteredNode, copy: { duplicate: boolean; latencyMs: number }) => void,
  ) {}

  run(): void {
    this.arrive(this.to, this);
  }

  label(): string {
    const { packet } = this;
    const label = `net.${packet.segment} ${packet.from.name} -> ${this.to.name}:${packet.destinationPort}`;
    return this.duplicate ? `${label} (duplicate)` : label;
  }
}
