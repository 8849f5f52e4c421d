import { describe, expect, it } from "vitest";
import type { Datagram, DatagramTransport } from "./datagram-transport.ts";
import { startEchoServer } from "./echo-server.ts";

/** What a transport's test gives the contract: where to bind, and how to let time pass. */
export interface TransportHarness {
  readonly transport: DatagramTransport;
  readonly serverHost: string;
  readonly clientHost: string;
  /** The server's fixed port (0 lets the transport choose, where fixed ports may be taken). */
  readonly serverPort: number;
  /** Lets the transport deliver until `condition` holds; fails when it cannot. */
  waitFor(condition: () => boolean, what: string): Promise<void>;
  dispose?(): void | Promise<void>;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const read = (d: Datagram): string => new TextDecoder().decode(d.payload);

/**
 * One suite every DatagramTransport passes (as hono's routers share
 * common.case.test.ts): the simulated network and real loopback sockets run
 * the same echo server through the same assertions.
 */
export function runTransportContract(name: string, makeHarness: () => TransportHarness | Promise<TransportHarness>): void {
  describe(`datagram transport contract: ${name}`, () => {
    async function withHarness(body: (h: TransportHarness) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      try {
        await body(harness);
      } finally {
        await harness.dispose?.();
      }
    }

    it("echoes a datagram back to the client's ephemeral port, from the server's port", () =>
      withHarness(async (h) => {
        const server = await startEchoServer(h.transport, h.serverHost, h.serverPort);
        const client = await h.transport.bind(h.clientHost, 0);
        const received: Datagram[] = [];
        client.onMessage((d) => received.push(d));
        expect(client.local.port).toBeGreaterThan(0);
        expect(client.local.port).not.toBe(server.local.port);
        if (h.serverPort !== 0) expect(server.local.port).toBe(h.serverPort);

        client.send(server.local, text("hello"));
        await h.waitFor(() => received.length === 1, "the echo");

        expect(read(received[0]!)).toBe("hello");
        expect(received[0]!.from).toEqual(server.local);
        expect(received[0]!.to.port).toBe(client.local.port);
        server.close();
        client.close();
      }));

    it("echoes every datagram of a burst, bytes intact", () =>
      withHarness(async (h) => {
        const server = await startEchoServer(h.transport, h.serverHost, h.serverPort);
        const client = await h.transport.bind(h.clientHost, 0);
        const received: string[] = [];
        client.onMessage((d) => received.push(read(d)));
        const sent = Array.from({ length: 20 }, (_, i) => `message ${i} ${"x".repeat(i * 10)}`);
        for (const m of sent) client.send(server.local, text(m));
        await h.waitFor(() => received.length === sent.length, "20 echoes");
        expect([...received].sort()).toEqual([...sent].sort());
        server.close();
        client.close();
      }));

    it("sends the bytes as they were at send time, not the caller's buffer later", () =>
      withHarness(async (h) => {
        const server = await startEchoServer(h.transport, h.serverHost, h.serverPort);
        const client = await h.transport.bind(h.clientHost, 0);
        const received: string[] = [];
        client.onMessage((d) => received.push(read(d)));
        const buffer = text("before");
        client.send(server.local, buffer);
        buffer.set(text("AFTER!"));
        await h.waitFor(() => received.length === 1, "the echo");
        expect(received[0]).toBe("before");
        server.close();
        client.close();
      }));

    it("calls every handler of a socket", () =>
      withHarness(async (h) => {
        const server = await startEchoServer(h.transport, h.serverHost, h.serverPort);
        const client = await h.transport.bind(h.clientHost, 0);
        let first = 0;
        let second = 0;
        client.onMessage(() => first++);
        client.onMessage(() => second++);
        client.send(server.local, text("twice"));
        await h.waitFor(() => first === 1 && second === 1, "both handlers");
        server.close();
        client.close();
      }));

    it("refuses a port that is already bound, and frees it on close", () =>
      withHarness(async (h) => {
        const first = await h.transport.bind(h.serverHost, h.serverPort);
        await expect(h.transport.bind(h.serverHost, first.local.port)).rejects.toMatchObject({ code: "NET_ADDRESS_IN_USE" });
        first.close();
        const again = await h.transport.bind(h.serverHost, first.local.port);
        expect(again.local.port).toBe(first.local.port);
        again.close();
      }));

    it("refuses to send on a closed socket", () =>
      withHarness(async (h) => {
        const client = await h.transport.bind(h.clientHost, 0);
        const to = client.local;
        client.close();
        expect(() => client.send(to, text("late"))).toThrow(expect.objectContaining({ code: "NET_SOCKET_CLOSED" }));
      }));
  });
}
