import { z } from "zod";
import type { Lab } from "../../lab.ts";
import type { PerimeterRule } from "../../net/index.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";

const portSpec = z.union([z.number().int().min(0).max(65535), z.tuple([z.number().int().min(0).max(65535), z.number().int().min(0).max(65535)])]);

const firewallArgs = z
  .strictObject({
    host: z.string().min(1).optional(),
    add: z
      .strictObject({
        name: z.string().min(1),
        action: z.enum(["allow", "deny"]),
        protocol: z.enum(["udp", "tcp", "any"]),
        from: z.string().min(1),
        to: z.string().min(1),
        port: portSpec.optional(),
        sourcePort: portSpec.optional(),
        before: z.string().min(1).optional(),
      })
      .optional(),
    remove: z.string().min(1).optional(),
    allow: z.strictObject({ name: z.string().min(1), protocol: z.enum(["udp", "tcp"]), port: z.number().int().min(1).max(65535), program: z.string().optional() }).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((a) => [a.add, a.remove, a.allow, a.enabled].filter((v) => v !== undefined).length === 1, { message: "say what to do: exactly one of add, remove, allow, enabled" })
  .refine((a) => a.host === undefined || a.add === undefined, { message: "add is a perimeter rule (no host); for Windows Firewall on a host use allow: { name, protocol, port }" })
  .refine((a) => a.host !== undefined || (a.allow === undefined && a.enabled === undefined), { message: "allow and enabled change Windows Firewall on one machine: give host: X" });

export type FirewallArgs = z.infer<typeof firewallArgs>;

/** `firewall: { add | remove }` on the perimeter, `firewall: { host, allow | remove | enabled }` in Windows Firewall. */
export const firewallVerb = defineBuiltinVerb<FirewallArgs>({
  name: "firewall",
  description:
    "Without host, the perimeter firewall between zones: add: { name, action: allow | deny, protocol: udp | tcp | any, from, to, port?, sourcePort?, before? } " +
    "(from/to: any, a zone internal | dmz | external, an IPv4 address or CIDR; port a number or [low, high]; rules match in order, `before` puts it ahead of a named rule), remove: name. " +
    "With host, Windows Firewall on that machine: allow: { name, protocol: udp | tcp, port, program? } adds an inbound rule, remove: name deletes one (a missing one is traced), enabled: true | false turns the firewall on or off.",
  args: () => firewallArgs,
  refs: (args) => ({ hosts: args.host ? [args.host] : [] }),
  async run(ctx, args) {
    const lab = ctx.lab;
    if (args.host === undefined) {
      if (args.add) addPerimeterRule(lab, args.add);
      if (args.remove !== undefined) lab.network.removePerimeterRule(args.remove);
      return;
    }
    const host = lab.host(args.host);
    if (args.allow) {
      host.firewall.addRule({ name: args.allow.name, protocol: args.allow.protocol, port: args.allow.port, ...(args.allow.program !== undefined ? { program: args.allow.program } : {}) });
      host.record("firewall", "firewall.rule-added", { ...args.allow });
    }
    if (args.remove !== undefined) {
      const removed = host.firewall.removeRule(args.remove);
      host.record("firewall", removed ? "firewall.rule-removed" : "firewall.rule-missing", { name: args.remove });
    }
    if (args.enabled !== undefined) {
      host.firewall.setEnabled(args.enabled);
      host.record("firewall", args.enabled ? "firewall.enabled" : "firewall.disabled", {});
    }
  },
});

function addPerimeterRule(lab: Lab, add: NonNullable<FirewallArgs["add"]>): void {
  const { before, ...rule } = add;
  const clean = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as unknown as PerimeterRule;
  lab.network.addPerimeterRule(clean, before !== undefined ? { before } : undefined);
}
