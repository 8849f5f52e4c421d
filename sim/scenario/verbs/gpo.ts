import { z } from "zod";
import type { Directory } from "../../ad/index.ts";
import type { Lab } from "../../lab.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";

const gpoName = z.string().min(1);
const OPERATIONS = ["create", "link", "unlink", "package", "removePackage", "setting", "filter", "status"] as const;

const gpoArgs = z
  .strictObject({
    create: gpoName.optional(),
    link: z.strictObject({ gpo: gpoName, to: z.string().min(1), enforced: z.boolean().optional(), enabled: z.boolean().optional() }).optional(),
    unlink: z.strictObject({ gpo: gpoName, from: z.string().min(1) }).optional(),
    package: z
      .strictObject({
        gpo: gpoName,
        name: z.string().min(1),
        msi: z.string().regex(/^\\\\[^\\]+\\[^\\]+\\.+/, { message: "msi must be a UNC path such as \\\\FS01\\share\\x.msi (computers read it over the network at startup)" }),
        arch: z.enum(["x86", "x64"]),
        deployment: z.enum(["assigned", "published"]),
        version: z.string().min(1).optional(),
      })
      .optional(),
    removePackage: z.strictObject({ gpo: gpoName, name: z.string().min(1) }).optional(),
    setting: z
      .strictObject({ gpo: gpoName, scope: z.enum(["computer", "user"]).optional(), key: z.string().min(1), valueName: z.string(), value: z.union([z.string(), z.number()]) })
      .optional(),
    filter: z.strictObject({ gpo: gpoName, principals: z.array(z.string().min(1)).min(1) }).optional(),
    status: z.strictObject({ gpo: gpoName, computerSettings: z.boolean().optional(), userSettings: z.boolean().optional() }).optional(),
  })
  .refine((a) => OPERATIONS.filter((op) => a[op] !== undefined).length === 1, { message: `say what to do: exactly one of ${OPERATIONS.join(", ")}` });

export type GpoArgs = z.infer<typeof gpoArgs>;

/** `gpo: { create | link | package | setting | ... }`: the Group Policy Management Console on the domain. */
export const gpoVerb = defineBuiltinVerb<GpoArgs>({
  name: "gpo",
  description:
    "Group Policy of the domain. create: name. link: { gpo, to: domain | \"Domain Controllers\" | <OU DN>, enforced?, enabled? }. unlink: { gpo, from }. " +
    "package: { gpo, name, msi: \\\\HOST\\share\\x.msi, arch: x86 | x64, deployment: assigned | published, version? (default: the msi's file version, else 1.0) } " +
    "(assigned packages install at the computer's next restart when it can read the msi). removePackage: { gpo, name }. " +
    "setting: { gpo, scope?: computer | user (computer), key, valueName, value } (an administrative-template value). " +
    "filter: { gpo, principals: [...] } (security filtering). status: { gpo, computerSettings?, userSettings? } (enable or disable halves).",
  args: () => gpoArgs,
  refs: (args) => {
    const m = args.package ? /^\\\\([^\\]+)/.exec(args.package.msi) : null;
    return { hosts: m ? [m[1]!] : [] };
  },
  async run(ctx, args) {
    const lab = ctx.lab;
    const ad = lab.domain();
    if (args.create !== undefined) ad.createGpo(args.create);
    if (args.link) {
      const { gpo, to, ...options } = args.link;
      ad.linkGpo(gpo, containerDn(ad, to), options);
    }
    if (args.unlink) ad.unlinkGpo(args.unlink.gpo, containerDn(ad, args.unlink.from));
    if (args.package) {
      const p = args.package;
      ad.addSoftwarePackage(p.gpo, { name: p.name, msiPath: p.msi, arch: p.arch, deployment: p.deployment, version: p.version ?? msiVersion(lab, p.msi) ?? "1.0" });
    }
    if (args.removePackage) ad.removeSoftwarePackage(args.removePackage.gpo, args.removePackage.name);
    if (args.setting) {
      const s = args.setting;
      ad.setAdminTemplateSetting(s.gpo, { scope: s.scope ?? "computer", key: s.key, valueName: s.valueName, value: s.value });
    }
    if (args.filter) ad.setGpoSecurityFiltering(args.filter.gpo, args.filter.principals);
    if (args.status) {
      const s = args.status;
      ad.setGpoStatus(s.gpo, { ...(s.computerSettings !== undefined ? { computerSettingsEnabled: s.computerSettings } : {}), ...(s.userSettings !== undefined ? { userSettingsEnabled: s.userSettings } : {}) });
    }
  },
});

/** "domain" is the domain head, "Domain Controllers" its OU; anything else is taken as a DN. */
function containerDn(ad: Directory, target: string): string {
  if (target.toLowerCase() === "domain") return ad.domainDn;
  if (target.toLowerCase() === "domain controllers") return ad.domainControllersOuDn;
  return target;
}

function msiVersion(lab: Lab, msi: string): string | undefined {
  const found = lab.shares.locate(msi);
  return found ? lab.findHost(found.share.host)?.fs.fileVersion(found.localPath) : undefined;
}
