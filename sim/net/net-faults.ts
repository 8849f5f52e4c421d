import type { FaultDefinition } from "../kernel/index.ts";

/** Names of the network faults; the network consults exactly these. */
export const NET_FAULT = {
  loss: "packet-loss",
  duplication: "packet-duplication",
  reorder: "packet-reorder",
  delay: "network-delay",
  partition: "partition",
} as const;

/**
 * The network's faults as data, for the scenario layer's catalog. All default
 * to off (a fault acts only once activated); the parameters below are what an
 * activation without parameters gets.
 */
export const NET_FAULT_CATALOG: readonly FaultDefinition[] = [
  {
    name: NET_FAULT.loss,
    description: "Packets are lost in transit.",
    mechanism: "Each datagram or stream segment is dropped with the given probability (trace net.drop, reason loss); streams retransmit, datagrams are gone.",
    params: { probability: { default: 0.1, description: "chance that one packet is lost (0..1)" } },
    trips: [],
  },
  {
    name: NET_FAULT.duplication,
    description: "Packets arrive twice.",
    mechanism: "Each datagram is delivered a second time, slightly later, with the given probability (trace net.deliver with duplicate: true).",
    params: { probability: { default: 0.1, description: "chance that one datagram is duplicated (0..1)" } },
    trips: [],
  },
  {
    name: NET_FAULT.reorder,
    description: "Packets overtake each other.",
    mechanism: "A datagram is held back by an extra random delay with the given probability, so later ones arrive first.",
    params: {
      probability: { default: 0.2, description: "chance that one datagram is held back (0..1)" },
      maxExtraDelayMs: { default: 50, description: "largest extra delay of a held-back datagram, in ms" },
    },
    trips: [],
  },
  {
    name: NET_FAULT.delay,
    description: "The network is slow.",
    mechanism: "Every packet takes latencyMs plus a uniform random jitter in [0, jitterMs] instead of the base latency.",
    params: {
      latencyMs: { default: 200, description: "one-way latency, in ms" },
      jitterMs: { default: 50, description: "largest random extra latency, in ms" },
    },
    trips: [],
  },
  {
    name: NET_FAULT.partition,
    description: "Two parts of the estate cannot reach each other.",
    mechanism: "Every packet between a and b (zone or host names, both directions) is dropped (trace net.drop, reason partition).",
    params: {
      a: { default: "dmz", description: "a zone (internal, dmz, external) or a host name" },
      b: { default: "internal", description: "a zone (internal, dmz, external) or a host name" },
    },
    trips: [],
  },
];

/** The catalog as the kernel's FaultPlan takes it. */
export function netFaultCatalog(): ReadonlyMap<string, FaultDefinition> {
  return new Map(NET_FAULT_CATALOG.map((f) => [f.name, f]));
}
