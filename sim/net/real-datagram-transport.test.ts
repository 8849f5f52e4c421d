import { describe, expect, it } from "vitest";
import { RealDatagramTransport } from "./real-datagram-transport.ts";
import { runTransportContract } from "./transport-contract.ts";

runTransportContract("real loopback sockets (node:dgram)", () => ({
  transport: new RealDatagramTransport(),
  serverHost: "APR01",
  clientHost: "WEB01",
  // A fixed port may be taken on the machine running the tests.
  serverPort: 0,
  async waitFor(condition, what) {
    // Real sockets need real time: poll, up to about two seconds.
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
    if (!condition()) throw new Error(`no ${what} on the real transport`);
  },
}));

describe("real transport, loopback only", () => {
  it("refuses to bind or send off the loopback address; accepts host names as labels", async () => {
    const transport = new RealDatagramTransport();
    await expect(transport.bind("10.0.0.20", 0)).rejects.toMatchObject({ code: "NET_REAL_LOOPBACK_ONLY" });
    const socket = await transport.bind("APR01", 0);
    try {
      expect(socket.local.address).toBe("127.0.0.1");
      expect(() => socket.send({ address: "10.0.0.20", port: 5100 }, new Uint8Array([1]))).toThrow(expect.objectContaining({ code: "NET_REAL_LOOPBACK_ONLY" }));
      expect(() => socket.send({ address: "127.0.0.1", port: 5100 }, new Uint8Array([1]))).not.toThrow();
    } finally {
      socket.close();
    }
  });
});
