import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { adminHost } from "./admin-host.ts";
import { configureSync } from "./admin-tools.ts";
import { ensureRuntime } from "./runtime.ts";

const policyArgs = z.strictObject({
  /** The computer with the Administration Tools (the first one by default). */
  from: z.string().optional(),
  /** The Sync Scope's User Scope of Management (the domain by default). */
  ou: z.string().optional(),
  scope: z.string().optional(),
  /** Target systems to create Sync Points for (one each, with the provider of its kind); the policy names them all. */
  targets: z.array(z.string()).min(1),
  gpo: z.string().optional(),
  /** Where the policy's GPO is linked (the scope's OU by default). */
  link: z.string().optional(),
});

/** `policy`: Sync Scope and Sync Points in the Administration Tool, the Password Sync policy in a GPO with the GPMC snap-in. */
export const policyVerb: VerbDef<z.infer<typeof policyArgs>> = {
  name: "policy",
  description: "Configures synchronization from the Administration Tools: a Sync Scope over an OU, a Sync Point per target system, and a Password Sync policy (GPO, GPMC snap-in) naming them.",
  args: policyArgs,
  refs: (a) => ({ hosts: a.from ? [a.from] : [] }),
  async run(ctx, a) {
    const state = ensureRuntime(ctx.lab);
    const admin = adminHost(ctx, a.from, true);
    if (!admin) return;
    configureSync(ctx.lab, state, admin.host, admin.version, {
      ...(a.ou ? { ou: a.ou } : {}),
      ...(a.scope ? { scope: a.scope } : {}),
      ...(a.gpo ? { gpo: a.gpo } : {}),
      ...(a.link ? { link: a.link } : {}),
      points: a.targets.map((t) => {
        const target = state.targets.require(t);
        return { name: target.name, target: target.name, provider: target.kind };
      }),
    });
  },
};
