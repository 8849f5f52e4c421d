import type { IisServer, RegisteredHandler } from "../../sim/iis/index.ts";
import { LabError } from "../../sim/kernel/index.ts";
import type { Lab } from "../../sim/lab.ts";
import { formatEndpoint } from "../../sim/net/index.ts";
import { hostTimers, IIS_HANDLER_ID, webInterfaceHandler, type WebInterfaceOptions } from "../../sim/products/apr/index.ts";
import { RealAprServers, type RealAprServer } from "./real-apr-servers.ts";
import { RoutedSockets } from "./routed-sockets.ts";

/** Netwrix Password Reset behind real sockets: its servers on real UDP, its Web Interfaces sending to them. */
export interface AprRealFront {
  readonly servers: readonly RealAprServer[];
  /** Hosts whose IIS runs the Web Interface in host time (their sites must not drive the lab clock). */
  readonly webHosts: readonly string[];
  close(): void;
}

/**
 * Puts the lab's APR Servers on real UDP sockets and gives every IIS that
 * runs the Web Interface the same handler (`webInterfaceHandler`) with a
 * real transport: sockets routed to those servers, host-time
 * retransmissions (nobody drives the lab clock behind a real browser).
 * Closing puts the lab's own handler back. A lab without APR gets an empty
 * front.
 */
export async function startAprRealFront(lab: Lab): Promise<AprRealFront> {
  // One front per lab: a second would take the first one's handler for the lab's own and "restore" it.
  const front = lab.state("web.apr-real-front", () => ({ open: false }));
  if (front.open) throw new LabError({ code: "PAGES_ALREADY_SERVED", message: "this lab's pages are already served to a real browser; close them first" });
  front.open = true;
  try {
    return await open(lab, () => void (front.open = false));
  } catch (error) {
    front.open = false;
    throw error;
  }
}

async function open(lab: Lab, closed: () => void): Promise<AprRealFront> {
  const webIis = lab.hosts().flatMap((host) => {
    const iis = lab.iis(host.name);
    const registered = iis?.handler(IIS_HANDLER_ID);
    return iis && registered ? [{ host, iis, registered }] : [];
  });
  const servers = await RealAprServers.start(lab);
  if (webIis.length === 0) {
    return {
      servers: servers.servers,
      webHosts: [],
      close() {
        servers.close();
        closed();
      },
    };
  }

  const sockets = new RoutedSockets((to) => servers.route(to));
  try {
    await sockets.ready();
  } catch (error) {
    sockets.close();
    servers.close();
    throw error;
  }
  const real: WebInterfaceOptions = {
    transport: {
      bindNow: (hostName) =>
        sockets.open((to) => void lab.host(hostName).record("apr-web", "apr.real.unrouted", { to: formatEndpoint(to), why: "no APR Server of the lab listens there on a real socket" })),
    },
    timers: hostTimers(),
  };
  const restore: { iis: IisServer; registered: RegisteredHandler }[] = [];
  for (const { iis, registered } of webIis) {
    iis.registerHandler(IIS_HANDLER_ID, webInterfaceHandler(lab, real), registered.options);
    restore.push({ iis, registered });
  }
  return {
    servers: servers.servers,
    webHosts: webIis.map((w) => w.host.name),
    close() {
      for (const { iis, registered } of restore) iis.registerHandler(registered.id, registered.handler, registered.options);
      sockets.close();
      servers.close();
      closed();
    },
  };
}
