import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";
import { joinDomain, unjoinDomain } from "../../estate/index.ts";

const OPERATIONS = ["join", "unjoin", "user", "password", "enable", "disable", "addToGroup"] as const;

const domainArgs = z
  .strictObject({
    join: z.union([z.string().min(1), z.strictObject({ host: z.string().min(1), ou: z.string().min(1).optional() })]).optional(),
    unjoin: z.union([z.string().min(1), z.strictObject({ host: z.string().min(1), deleteAccount: z.boolean().optional() })]).optional(),
    user: z
      .strictObject({
        name: z.string().min(1),
        password: z.string().optional(),
        ou: z.string().min(1).optional(),
        groups: z.array(z.string().min(1)).optional(),
        mobile: z.string().optional(),
        email: z.string().optional(),
        disabled: z.boolean().optional(),
        mustChangePassword: z.boolean().optional(),
        passwordNeverExpires: z.boolean().optional(),
      })
      .optional(),
    password: z
      .strictObject({ user: z.string().min(1), new: z.string(), old: z.string().optional(), by: z.string().min(1).optional(), mustChange: z.boolean().optional() })
      .refine((p) => p.old === undefined || (p.by === undefined && p.mustChange === undefined), { message: "old is the user's own change; by and mustChange are for a reset" })
      .optional(),
    enable: z.string().min(1).optional(),
    disable: z.string().min(1).optional(),
    addToGroup: z.strictObject({ group: z.string().min(1), member: z.string().min(1) }).optional(),
  })
  .refine((a) => OPERATIONS.filter((op) => a[op] !== undefined).length === 1, { message: `say what to do: exactly one of ${OPERATIONS.join(", ")}` });

export type DomainArgs = z.infer<typeof domainArgs>;

/** `domain: { join | unjoin | user | password | enable | disable | addToGroup }`: the domain's administrator at work. */
export const domainVerb = defineBuiltinVerb<DomainArgs>({
  name: "domain",
  description:
    "Active Directory and membership. join: host | { host, ou? } (computer account, domain service logons, Group Policy software at its next restart). " +
    "unjoin: host | { host, deleteAccount? } (the account stays disabled unless deleted; domain service accounts then fail to log on). " +
    "user: { name, password?, ou?, groups?, mobile?, email?, disabled?, mustChangePassword?, passwordNeverExpires? } creates a user. " +
    "password: { user, new, old? } is the user's own change (history, minimum age, complexity apply); without old it is a reset, by: <admin> (rights checked) or by the system, mustChange? — " +
    "a refused change is traced by AD (password-change-refused...), not an error. enable: user. disable: user. addToGroup: { group, member }.",
  args: () => domainArgs,
  refs: (args) => {
    const join = typeof args.join === "string" ? args.join : args.join?.host;
    const unjoin = typeof args.unjoin === "string" ? args.unjoin : args.unjoin?.host;
    return { hosts: [join, unjoin].filter((h): h is string => h !== undefined) };
  },
  async run(ctx, args) {
    const lab = ctx.lab;
    const ad = lab.domain();
    if (args.join !== undefined) {
      const j = typeof args.join === "string" ? { host: args.join } : args.join;
      joinDomain(lab, lab.host(j.host), j.ou ? { ou: j.ou } : {});
    }
    if (args.unjoin !== undefined) {
      const u = typeof args.unjoin === "string" ? { host: args.unjoin } : args.unjoin;
      unjoinDomain(lab, lab.host(u.host), { deleteAccount: u.deleteAccount === true });
    }
    if (args.user) {
      const u = args.user;
      ad.createUser({
        samAccountName: u.name,
        ...(u.password !== undefined ? { password: u.password } : {}),
        ...(u.ou ? { ou: u.ou } : {}),
        ...(u.mobile ? { mobile: u.mobile } : {}),
        ...(u.email ? { mail: u.email } : {}),
        ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
        ...(u.passwordNeverExpires ? { passwordNeverExpires: true } : {}),
      });
      for (const group of u.groups ?? []) ad.addToGroup(group, u.name);
      if (u.disabled) ad.setAccountEnabled(u.name, false);
    }
    if (args.password) {
      const p = args.password;
      if (!ad.user(p.user)) throw new LabError({ code: "AD_NO_SUCH_USER", message: `no user "${p.user}" in ${ad.dnsName}`, remedy: "create it (lab domain.accounts or `domain: { user: { name, password } }`)" });
      const options = p.mustChange ? { mustChange: true } : {};
      if (p.old !== undefined) ad.changePassword(p.user, p.old, p.new);
      else if (p.by !== undefined) ad.resetPassword(p.by, p.user, p.new, options);
      else ad.setPassword(p.user, p.new, options);
    }
    if (args.enable !== undefined) ad.setAccountEnabled(args.enable, true);
    if (args.disable !== undefined) ad.setAccountEnabled(args.disable, false);
    if (args.addToGroup) ad.addToGroup(args.addToGroup.group, args.addToGroup.member);
  },
});
