import type { Clock, ScheduledEvent } from "../../sim/kernel/index.ts";
import type { Lab } from "../../sim/lab.ts";
import type { BindOptions, DatagramSocket, Network } from "../../sim/net/index.ts";

/** Opens a real socket for the lab host that asks for one. */
export type SocketSource = (host: string, options: BindOptions) => DatagramSocket;

/**
 * The lab as the APR Web Interface sees it behind the real front: the same
 * lab (hosts, registry, DNS, trace, APR's state), except that datagram
 * sockets are real (from `sockets`) and waiting happens in host time.
 *
 * Why a view and not a flag: the Web Interface's exchange binds its socket
 * with `lab.network.datagrams().bindNow(...)` and arms its retransmissions
 * with `clockTimers(lab.clock)`; behind a real browser nobody drives the
 * lab clock and the lab's UDP does not leave the process. Handing the same
 * handler (`webInterfaceHandler`) this view swaps exactly those two things
 * and nothing else; lab time reads (hostNow, the freshness window) still
 * come from the lab clock, which stands still while real requests are served.
 */
export function hostTransportLab(lab: Lab, sockets: SocketSource): Lab {
  const datagrams = {
    bindNow: (host: string, _port: number, options: BindOptions = {}) => sockets(host, options),
    bind: async (host: string, _port: number, options: BindOptions = {}) => sockets(host, options),
  };
  const network = view<Network>(lab.network, { datagrams: () => datagrams });
  const clock = view<Clock>(lab.clock, hostTimeSchedule(lab.clock));
  return view<Lab>(lab, { network, clock });
}

/** `schedule` and `cancel` in host time: a retransmission timer is a real timer. */
function hostTimeSchedule(clock: Clock): Partial<Clock> {
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    schedule(delayMs: number, run: () => void, label = "event"): ScheduledEvent {
      const id = next++;
      const timer = setTimeout(() => { // host-time-ok: the real front waits in real time
        timers.delete(id);
        run();
      }, delayMs);
      timers.set(id, timer);
      return { id, at: clock.now() + delayMs, label };
    },
    cancel(id: number): boolean {
      const timer = timers.get(id);
      if (timer === undefined) return false;
      clearTimeout(timer);
      return timers.delete(id);
    },
  };
}

/**
 * `target` with some members replaced. Its own methods run on the target
 * itself (its private fields are not the proxy's).
 */
function view<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, property) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(t, property, t);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}
