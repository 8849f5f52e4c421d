import type { FaultDefinition } from "../../kernel/index.ts";

/** The target systems' faults: the msw handlers answer accordingly; delays are lab time. */
export const SPS_FAULTS: readonly FaultDefinition[] = [
  {
    name: "sps-target-down",
    description: "A target system is down.",
    mechanism: "The target's msw handler answers with a network error: the provider's connection fails and the password is not set there.",
    params: { target: { default: "cloud", description: "target system name (cloud, hr) or * for all" } },
    trips: ["sps.sync.role.target-down"],
  },
  {
    name: "sps-target-slow",
    description: "A target system is slow.",
    mechanism: "The target answers after delayMs of lab time; beyond the provider's 30 s timeout the provider gives up and the target rolls the write back.",
    params: {
      target: { default: "cloud", description: "target system name (cloud, hr) or * for all" },
      delayMs: { default: 45_000, description: "the target's processing time in lab ms" },
    },
    trips: ["sps.sync.role.target-slow"],
  },
  {
    name: "sps-target-error",
    description: "A target system answers with an error.",
    mechanism: "The target's msw handler answers an HTTP error (REST) or a SOAP Fault (HR system): the password is not set there.",
    params: {
      target: { default: "hr", description: "target system name (cloud, hr) or * for all" },
      status: { default: 503, description: "HTTP status of the error answer" },
    },
    trips: ["sps.sync.role.target-error"],
  },
];
