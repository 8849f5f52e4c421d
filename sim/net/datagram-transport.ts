import type { Endpoint } from "./endpoint.ts";

export interface Datagram {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly payload: Uint8Array;
}

export interface BindOptions {
  /** The executable that owns the socket, for Windows Firewall program exceptions (simulated transport only). */
  readonly program?: string;
}

export interface DatagramSocket {
  readonly local: Endpoint;
  /** Fire and forget, like UDP: no error for a datagram the network drops. Throws once closed. */
  send(to: Endpoint, payload: Uint8Array): void;
  onMessage(handler: (datagram: Datagram) => void): void;
  close(): void;
}

/**
 * One interface, two transports: the simulated network (on the lab clock)
 * and real loopback sockets (node:dgram). A server written against it runs
 * on either unchanged. Port 0 binds a free ephemeral port.
 */
export interface DatagramTransport {
  bind(host: string, port: number, options?: BindOptions): Promise<DatagramSocket>;
}
