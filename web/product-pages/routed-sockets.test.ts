import { afterEach, describe, expect, it } from "vitest";
import { RealDatagramTransport, type DatagramSocket, type Endpoint } from "../../sim/net/index.ts";
import { RoutedSockets } from "./routed-sockets.ts";

const LAB_SERVER = { address: "10.0.0.20", port: 5100 };
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (payload: Uint8Array) => new TextDecoder().decode(payload);

describe("RoutedSockets", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((c) => c()));

  async function echoServer(): Promise<{ socket: DatagramSocket; received: string[] }> {
    const socket = await new RealDatagramTransport().bind("127.0.0.1", 0);
    const received: string[] = [];
    socket.onMessage((d) => {
      received.push(text(d.payload));
      socket.send(d.from, bytes(`re: ${text(d.payload)}`));
    });
    cleanup.push(() => socket.close());
    return { socket, received };
  }

  function sockets(server: DatagramSocket): RoutedSockets {
    const routed = new RoutedSockets((to) => (to.address === LAB_SERVER.address && to.port === LAB_SERVER.port ? server.local : undefined));
    cleanup.push(() => routed.close());
    return routed;
  }

  const reply = (socket: DatagramSocket) => new Promise<string>((resolve) => socket.onMessage((d) => resolve(text(d.payload))));

  it("sends a datagram addressed to a lab endpoint to its real one, and hears the answer", async () => {
    const server = await echoServer();
    const routed = sockets(server.socket);
    await routed.ready();
    const socket = routed.open();
    expect(socket.local.port).toBeGreaterThan(0);
    const answered = reply(socket);
    socket.send(LAB_SERVER, bytes("questions"));
    expect(await answered).toBe("re: questions");
    expect(server.received).toEqual(["questions"]);
  });

  it("a socket opened before its real bind completes queues what it sends until then", async () => {
    const server = await echoServer();
    const routed = sockets(server.socket);
    const socket = routed.open();
    expect(socket.local.port).toBe(0);
    const answered = reply(socket);
    socket.send(LAB_SERVER, bytes("early"));
    expect(await answered).toBe("re: early");
    expect(socket.local.port).toBeGreaterThan(0);
  });

  it("a datagram to a lab endpoint with nothing real behind it is dropped and reported, not sent", async () => {
    const server = await echoServer();
    const routed = sockets(server.socket);
    await routed.ready();
    const unrouted: Endpoint[] = [];
    const socket = routed.open((to) => unrouted.push(to));
    socket.send({ address: "10.0.0.99", port: 5100 }, bytes("lost"));
    socket.send(LAB_SERVER, bytes("found"));
    await reply(socket);
    expect(unrouted).toEqual([{ address: "10.0.0.99", port: 5100 }]);
    expect(server.received).toEqual(["found"]);
  });

  it("closing closes its sockets; nothing opens after", async () => {
    const server = await echoServer();
    const routed = sockets(server.socket);
    await routed.ready();
    const socket = routed.open();
    routed.close();
    socket.send(LAB_SERVER, bytes("after close"));
    await new Promise((r) => setTimeout(r, 30));
    expect(server.received).toEqual([]);
    expect(() => routed.open()).toThrow(/after close/);
  });
});
