import { describe } from "vitest";
import { createContext } from "../../kernel/index.ts";
import { FixedHostFirewall, Network, RealDatagramTransport } from "../../net/index.ts";
import { clockTimers, hostTimers } from "./reply-timers.ts";
import { runResetPathContract } from "./reset-path-contract.ts";
import { APR_UDP_PORT } from "./wire-format.ts";

describe("reset path on the simulated network", () => {
  runResetPathContract("simulated", async () => {
    const context = createContext(3);
    const network = new Network(context);
    network.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() });
    network.addNode({ name: "WEB01", ip: "10.0.0.30", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() });
    const server = network.datagrams().bindNow("APR01", APR_UDP_PORT);
    const web = network.datagrams().bindNow("WEB01", 0);
    return {
      server,
      web,
      serverEndpoint: { address: "10.0.0.20", port: APR_UDP_PORT },
      timers: clockTimers(context.clock),
      now: () => context.clock.epochMs + context.clock.now(),
      drive: (p) => network.run(p),
      close: () => {},
    };
  });
});

describe("reset path on real loopback sockets (node:dgram)", () => {
  runResetPathContract("real", async () => {
    const transport = new RealDatagramTransport();
    const server = await transport.bind("127.0.0.1", 0);
    const web = await transport.bind("127.0.0.1", 0);
    return {
      server,
      web,
      serverEndpoint: server.local,
      timers: hostTimers(),
      now: () => Date.now(), // host-time-ok: the real transport runs in real time
      drive: (p) => p,
      close: () => {
        server.close();
        web.close();
      },
    };
  });
});
