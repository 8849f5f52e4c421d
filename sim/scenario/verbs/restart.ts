import { z } from "zod";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { hasOneTarget, hostTargetShape, ONE_TARGET_MESSAGE, targetHosts, targetNames, type HostTarget } from "./host-target.ts";

/**
 * Lab time a restart takes before the step ends: long enough for auto
 * services (a few seconds) and auto-delayed ones (Windows starts them 120 s
 * after boot) to reach RUNNING.
 */
export const RESTART_SETTLE_MS = 180_000;

const restartArgs = z.strictObject({ ...hostTargetShape }).refine(hasOneTarget, { message: ONE_TARGET_MESSAGE });

export type RestartArgs = HostTarget;

/** `restart: { host: X }`: Windows restarts; pending changes apply; services come back by start type. */
export const restartVerb = defineBuiltinVerb<RestartArgs>({
  name: "restart",
  description:
    "Restarts Windows on { host: X } | { hosts: [X, Y] } | { role: dcs | members | workstations | joined | all }: services stop, " +
    "changes pending a reboot apply, Group Policy software installs at startup, auto services start; then 3 minutes of lab time " +
    "pass (auto-delayed services start 2 minutes after boot), so the next step sees the services RUNNING or failed.",
  args: () => restartArgs,
  refs: (args) => ({ hosts: targetNames(args) }),
  async run(ctx, args) {
    const hosts = targetHosts(ctx.lab, args);
    for (const host of hosts) host.restart();
    ctx.lab.clock.advance(RESTART_SETTLE_MS);
    const notRunning = hosts.flatMap((h) =>
      h.services
        .list()
        .filter((s) => (s.config.startType === "auto" || s.config.startType === "auto-delayed") && s.state !== "RUNNING")
        .map((s) => `${h.name}\\${s.config.name}`),
    );
    ctx.lab.trace.record({ host: "lab", component: "estate", kind: "estate.restarted", data: { hosts: hosts.map((h) => h.name), settleMs: RESTART_SETTLE_MS, autoServicesNotRunning: notRunning } });
  },
});
