import type { Clock } from "../../kernel/index.ts";
import type { ReplyTimers } from "./apr-requester.ts";

/** Timers on the lab clock: a retransmission is a clock event; whoever awaits the reply drives the clock. */
export function clockTimers(clock: Clock): ReplyTimers {
  return {
    after(ms, fn) {
      const event = clock.schedule(ms, fn, "apr.web retransmit");
      return () => void clock.cancel(event.id);
    },
  };
}

/** Timers in host time, for the real transport (benchmark, `lab serve`). */
export function hostTimers(): ReplyTimers {
  return {
    after(ms, fn) {
      const timer = setTimeout(fn, ms); // host-time-ok: the real transport waits in real time
      return () => clearTimeout(timer);
    },
  };
}
