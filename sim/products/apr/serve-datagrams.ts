import type { DatagramPort } from "./apr-requester.ts";
import { handleDatagram, type ServerDeps } from "./handle-datagram.ts";
import type { AprServerState } from "./server-state.ts";

/**
 * Puts the APR Server on a socket: every datagram goes through the one
 * handler and its replies go out of the same socket (port 5100). The same
 * few lines for the simulated network and a real node:dgram socket.
 */
export function serveDatagrams(socket: DatagramPort, state: AprServerState, deps: ServerDeps): void {
  socket.onMessage((datagram) => {
    for (const reply of handleDatagram(state, datagram, deps)) socket.send(reply.to, reply.payload);
  });
}
