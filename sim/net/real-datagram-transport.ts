import { createSocket, type Socket } from "node:dgram";
import { LabError } from "../kernel/index.ts";
import type { BindOptions, Datagram, DatagramSocket, DatagramTransport } from "./datagram-transport.ts";
import { checkBindPort, checkDestination, type Endpoint } from "./endpoint.ts";
import { isIpv4 } from "./ipv4.ts";

export const LOOPBACK = "127.0.0.1";

/**
 * The same datagram interface on real UDP sockets, for `lab serve` and the
 * benchmark. Loopback only: every socket binds 127.0.0.1 and sends only
 * there. A host name is accepted and ignored (so a server configured for the
 * simulated network runs unchanged); an address other than 127.0.0.1 is refused.
 */
export class RealDatagramTransport implements DatagramTransport {
  /** `onHandlerError` hears a message handler's exception (it must not take the process down). */
  constructor(private readonly onHandlerError: (error: unknown) => void = (error) => process.emitWarning(`datagram handler failed: ${String(error)}`)) {}

  async bind(host: string, port: number, _options: BindOptions = {}): Promise<DatagramSocket> {
    if (isIpv4(host) && host !== LOOPBACK) throw notLoopback(host);
    checkBindPort(port);
    const socket = createSocket({ type: "udp4", reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", (error: NodeJS.ErrnoException) => {
        socket.close();
        reject(
          error.code === "EADDRINUSE"
            ? new LabError({ code: "NET_ADDRESS_IN_USE", message: `udp port ${port} on ${LOOPBACK} is already in use` })
            : new LabError({ code: "NET_SOCKET_ERROR", message: `cannot bind udp ${LOOPBACK}:${port}: ${error.message}` }),
        );
      });
      socket.bind(port, LOOPBACK, () => resolve());
    });
    return new RealDatagramSocket(socket, this.onHandlerError);
  }
}

class RealDatagramSocket implements DatagramSocket {
  readonly local: Endpoint;
  readonly #handlers: ((datagram: Datagram) => void)[] = [];
  #open = true;

  constructor(
    private readonly socket: Socket,
    onHandlerError: (error: unknown) => void,
  ) {
    const address = socket.address();
    this.local = Object.freeze({ address: address.address, port: address.port });
    socket.removeAllListeners("error");
    // A send error on UDP (e.g. ICMP unreachable) is not the sender's business, as on the simulated network.
    socket.on("error", () => {});
    socket.on("message", (payload, remote) => {
      const datagram: Datagram = { from: { address: remote.address, port: remote.port }, to: this.local, payload: new Uint8Array(payload) };
      for (const handler of this.#handlers) {
        try {
          handler({ ...datagram, payload: Uint8Array.from(datagram.payload) });
        } catch (error) {
          onHandlerError(error);
        }
      }
    });
  }

  send(to: Endpoint, payload: Uint8Array): void {
    if (!this.#open) throw new LabError({ code: "NET_SOCKET_CLOSED", message: `socket ${this.local.address}:${this.local.port} is closed` });
    checkDestination(to);
    if (to.address !== LOOPBACK) throw notLoopback(to.address);
    // Copied: node may read the buffer after send() returns, and the caller may reuse it.
    this.socket.send(Buffer.from(payload), to.port, to.address);
  }

  onMessage(handler: (datagram: Datagram) => void): void {
    this.#handlers.push(handler);
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.socket.close();
  }
}

function notLoopback(address: string): LabError {
  return new LabError({ code: "NET_REAL_LOOPBACK_ONLY", message: `the real transport uses loopback only (${LOOPBACK}); refused ${address}` });
}
