import type { Lab } from "../../sim/lab.ts";
import { formatEndpoint, LOOPBACK, RealDatagramTransport, type DatagramSocket, type Endpoint } from "../../sim/net/index.ts";
import { APR_UDP_PORT, AprWorld, directoryPort, hostNow, saveDatabase, serveDatagrams } from "../../sim/products/apr/index.ts";

/** One APR Server of the lab, also listening on a real UDP socket. */
export interface RealAprServer {
  readonly host: string;
  /** Where the lab's Web Interfaces send: the host's lab address, port 5100. */
  readonly lab: Endpoint;
  /** Where the real socket listens: 127.0.0.1 and an ephemeral port. */
  readonly real: Endpoint;
}

/**
 * Every APR Server running in the lab, put on a real loopback socket as
 * well: the same state (database, lockouts, dedup cache) and the same
 * handleDatagram through serveDatagrams, with the lab's directory, so a
 * reset from a real browser changes the password in the lab. The lab's
 * 10.0.0.x addresses do not exist on this machine: `route` says where a
 * datagram the Web Interface addresses to a server's lab endpoint goes
 * instead. That is the real front's one override, documented here; ServerIP
 * itself is read and resolved by the lab as always, so a Web Interface
 * configured wrongly fails the same way. Lab firewalls play no part on
 * loopback. A server that is not running (service stopped, no database)
 * has no route: its datagrams go nowhere, and the page times out.
 */
export class RealAprServers {
  readonly #sockets: DatagramSocket[];

  private constructor(
    readonly servers: readonly RealAprServer[],
    sockets: DatagramSocket[],
  ) {
    this.#sockets = sockets;
  }

  static async start(lab: Lab): Promise<RealAprServers> {
    const world = AprWorld.of(lab);
    const servers: RealAprServer[] = [];
    const sockets: DatagramSocket[] = [];
    try {
      for (const runtime of world.servers.values()) {
        const host = lab.host(runtime.host);
        const transport = new RealDatagramTransport((error) => void host.record("apr", "apr.real.handler-error", { message: error instanceof Error ? error.message : String(error) }));
        const socket = await transport.bind(LOOPBACK, 0);
        sockets.push(socket);
        const salts = world.rng.fork(`real-salt/${host.name}`);
        serveDatagrams(socket, runtime.state, {
          now: () => hostNow(lab, host.name),
          directory: directoryPort(lab.directory),
          salt: () => salts.bytes(16),
          record: (kind, data) => host.record("apr", kind, data),
          onDatabaseChange: () => saveDatabase(host, runtime.databaseFolder, runtime.state),
        });
        const server = { host: host.name, lab: { address: host.ip, port: APR_UDP_PORT }, real: socket.local };
        host.record("apr", "apr.real.listening", { lab: formatEndpoint(server.lab), real: formatEndpoint(server.real) });
        servers.push(server);
      }
    } catch (error) {
      for (const s of sockets) s.close();
      throw error;
    }
    return new RealAprServers(servers, sockets);
  }

  /** The real endpoint for a lab endpoint, or undefined when no real server stands behind it. */
  route(to: Endpoint): Endpoint | undefined {
    return this.servers.find((s) => s.lab.address === to.address && s.lab.port === to.port)?.real;
  }

  close(): void {
    for (const socket of this.#sockets) socket.close();
  }
}
