import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";

/** The longest a service step waits for pending services (`net start` gives up after about 30 s; the lab is patient). */
export const SERVICE_SETTLE_LIMIT_MS = 60_000;

/**
 * Advances lab time until no service of the host is START_PENDING or
 * STOP_PENDING (a restart's start follows its stop), at most `limitMs`.
 * Returns the lab time spent.
 */
export function settleServices(lab: Lab, host: Host, limitMs = SERVICE_SETTLE_LIMIT_MS): number {
  const start = lab.clock.now();
  const deadline = start + limitMs;
  for (;;) {
    const pending = host.services.list().filter((s) => s.state === "START_PENDING" || s.state === "STOP_PENDING");
    if (pending.length === 0 || lab.clock.now() >= deadline) break;
    const next = Math.min(deadline, ...pending.map((s) => s.pendingUntil ?? lab.clock.now()));
    lab.clock.advance(Math.max(0, next - lab.clock.now()));
  }
  return lab.clock.now() - start;
}
