import type { FaultDefinition } from "../../kernel/index.ts";
import { SERVICE_PASSWORD_FAULT } from "./seed-installed.ts";

/** The product's own faults (the estate's come from the catalog: network, certificates ...). */
export const SPR_FAULTS: readonly FaultDefinition[] = [
  {
    name: SERVICE_PASSWORD_FAULT,
    description: "The Server's service account had its password changed in AD after the service started.",
    mechanism: "When the installed Server is seeded, the service account's password is set to a new one in the directory; the running service keeps going, but its next start (a restart of the host or the service) fails to log on (error 1069), so nothing answers the Web.",
    params: {},
    trips: ["spr.server.service-account"],
  },
];
