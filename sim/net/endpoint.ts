import { LabError } from "../kernel/index.ts";
import { isIpv4 } from "./ipv4.ts";
import { isValidPort } from "./port-range.ts";

/** One end of a conversation: an IPv4 address and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export function formatEndpoint(endpoint: Endpoint): string {
  return `${endpoint.address}:${endpoint.port}`;
}

/** Refuses an endpoint a packet cannot be sent to (port 0 is not a destination). */
export function checkDestination(to: Endpoint): void {
  if (!to || typeof to.address !== "string" || !isIpv4(to.address)) {
    throw new LabError({ code: "NET_ADDRESS_INVALID", message: `destination address ${JSON.stringify(to?.address)} is not an IPv4 address; resolve the name first` });
  }
  checkDestinationPort(to.port);
}

export function checkDestinationPort(port: number): void {
  if (!isValidPort(port) || port === 0) {
    throw new LabError({ code: "NET_PORT_INVALID", message: `destination port ${JSON.stringify(port)} is not a port (1-65535)` });
  }
}

/** Refuses a port to bind to (0 asks for an ephemeral one). */
export function checkBindPort(port: number): void {
  if (!isValidPort(port)) {
    throw new LabError({ code: "NET_PORT_INVALID", message: `port ${JSON.stringify(port)} is not a port (0-65535; 0 = any free port)` });
  }
}
