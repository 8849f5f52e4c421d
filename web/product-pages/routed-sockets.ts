import { LOOPBACK, RealDatagramTransport, type Datagram, type DatagramSocket, type Endpoint } from "../../sim/net/index.ts";

/** Where a datagram addressed to a lab endpoint really goes (undefined: nowhere). */
export type Route = (to: Endpoint) => Endpoint | undefined;

/**
 * The Web Interface's sockets on the real front: real UDP on 127.0.0.1,
 * sending to where the route says. The page code binds a socket
 * synchronously (as on the simulated network) while a real bind is
 * asynchronous, so one bound socket is kept ready; when it has been taken
 * and the next is not bound yet, the new socket queues what it sends until
 * it is (its local port reads 0 until then).
 */
export class RoutedSockets {
  readonly #transport: RealDatagramTransport;
  readonly #open = new Set<RoutedSocket>();
  #spare: Promise<DatagramSocket> | undefined;
  #ready: DatagramSocket | undefined;
  #closed = false;

  constructor(
    private readonly route: Route,
    onHandlerError?: (error: unknown) => void,
  ) {
    this.#transport = new RealDatagramTransport(onHandlerError);
    this.#refill();
  }

  /** Resolves once a bound socket is ready (the next `open` then knows its port at once). */
  async ready(): Promise<void> {
    await this.#spare;
  }

  /** A socket sending where the route says; `onUnrouted` hears of a datagram with nowhere to go (it is dropped, as UDP does). */
  open(onUnrouted: (to: Endpoint) => void = () => {}): DatagramSocket {
    if (this.#closed) throw new Error("RoutedSockets: open after close");
    const taken = this.#ready ?? this.#spare!;
    this.#ready = undefined;
    this.#refill();
    const socket = new RoutedSocket(taken, this.route, onUnrouted, () => this.#open.delete(socket));
    this.#open.add(socket);
    return socket;
  }

  close(): void {
    this.#closed = true;
    for (const socket of [...this.#open]) socket.close();
    // A spare still binding is closed by #refill when it arrives.
    this.#ready?.close();
    this.#ready = undefined;
  }

  #refill(): void {
    const spare = this.#transport.bind(LOOPBACK, 0);
    this.#spare = spare;
    void spare.then(
      (socket) => {
        if (this.#closed) socket.close();
        else if (this.#spare === spare) this.#ready = socket;
      },
      () => undefined,
    );
  }
}

class RoutedSocket implements DatagramSocket {
  #socket: DatagramSocket | undefined;
  readonly #handlers: ((datagram: Datagram) => void)[] = [];
  readonly #queue: (() => void)[] = [];
  #closed = false;

  constructor(
    socket: DatagramSocket | Promise<DatagramSocket>,
    private readonly route: Route,
    private readonly onUnrouted: (to: Endpoint) => void,
    private readonly onClose: () => void,
  ) {
    if (socket instanceof Promise) void socket.then((s) => this.#attach(s), () => this.close());
    else this.#attach(socket);
  }

  get local(): Endpoint {
    return this.#socket?.local ?? { address: LOOPBACK, port: 0 };
  }

  send(to: Endpoint, payload: Uint8Array): void {
    if (this.#closed) return;
    const real = this.route(to);
    if (!real) return this.onUnrouted(to);
    const copy = Uint8Array.from(payload);
    if (this.#socket) this.#socket.send(real, copy);
    else this.#queue.push(() => this.#socket!.send(real, copy));
  }

  onMessage(handler: (datagram: Datagram) => void): void {
    this.#handlers.push(handler);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.close();
    this.onClose();
  }

  #attach(socket: DatagramSocket): void {
    if (this.#closed) return socket.close();
    this.#socket = socket;
    socket.onMessage((datagram) => {
      for (const handler of this.#handlers) handler(datagram);
    });
    for (const send of this.#queue.splice(0)) send();
  }
}
