import type { DatagramSocket, DatagramTransport } from "./datagram-transport.ts";

/** A server written only against the interface: answers every datagram with its own bytes. */
export async function startEchoServer(transport: DatagramTransport, host: string, port: number): Promise<DatagramSocket> {
  const socket = await transport.bind(host, port);
  socket.onMessage((datagram) => socket.send(datagram.from, datagram.payload));
  return socket;
}
