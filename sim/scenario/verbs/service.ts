import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { ServiceConfig, StartType } from "../../services/index.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { settleServices } from "./settle-services.ts";

const START_TYPES = ["auto", "auto-delayed", "manual", "disabled"] as const satisfies readonly StartType[];

const serviceArgs = z
  .strictObject({
    host: z.string().min(1),
    name: z.string().min(1),
    action: z.enum(["start", "stop", "restart"]).optional(),
    force: z.boolean().optional(),
    account: z.strictObject({ user: z.string().min(1), password: z.string().optional() }).optional(),
    startType: z.enum(START_TYPES).optional(),
  })
  .refine((a) => a.action !== undefined || a.account !== undefined || a.startType !== undefined, { message: "say what to do: action, account and/or startType" });

export type ServiceArgs = z.infer<typeof serviceArgs>;

/** `service: { host, name, action | account | startType }`: services.msc on one host. */
export const serviceVerb = defineBuiltinVerb<ServiceArgs>({
  name: "service",
  description:
    "Controls or configures the Windows service { name } on { host }. action: start | stop | restart (force: true also stops/restarts running dependents). " +
    "account: { user, password? } sets Log On As (DOMAIN\\user, user@domain, .\\user, LocalSystem, NetworkService, LocalService; no password keeps the stored one). " +
    "startType: auto | auto-delayed | manual | disabled. Configuration applies first, then the action; the step then waits (lab time, up to 60 s) until no service of the host is pending. " +
    "A refused start or stop (logon failure 1069, missing file, disabled...) is no error: it is in the trace (service.start-failed) for the product's checks; an unknown service is an error.",
  args: () => serviceArgs,
  refs: (args) => ({ hosts: [args.host] }),
  async run(ctx, args) {
    const host = ctx.lab.host(args.host);
    const status = host.services.get(args.name);
    if (!status) {
      const known = host.services.list().map((s) => s.config.name);
      throw new LabError({ code: "SERVICE_UNKNOWN", message: `no service "${args.name}" on ${host.name}; installed: ${known.join(", ") || "none"}` });
    }
    const name = status.config.name;
    const patch: Partial<ServiceConfig> = {};
    if (args.account) {
      patch.account = args.account.user;
      if (args.account.password !== undefined) patch.password = args.account.password;
    }
    if (args.startType) patch.startType = args.startType;
    if (Object.keys(patch).length > 0) host.services.configure(name, patch);
    let result: { ok: boolean; error?: number; reason?: string } | undefined;
    const force = args.force === true;
    if (args.action === "start") result = host.services.start(name);
    if (args.action === "stop") result = host.services.stop(name, { force });
    if (args.action === "restart") result = host.services.restart(name, { force });
    const waitedMs = settleServices(ctx.lab, host);
    const after = host.services.get(name);
    host.record("estate", "estate.service", {
      service: name,
      ...(args.action ? { action: args.action, ok: result!.ok, ...(result!.ok ? {} : { error: result!.error, reason: result!.reason }) } : {}),
      ...(Object.keys(patch).length ? { configured: Object.keys(patch).filter((k) => k !== "password").sort() } : {}),
      state: after?.state ?? "DELETED",
      waitedMs,
    });
  },
});
