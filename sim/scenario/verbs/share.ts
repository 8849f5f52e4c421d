import { z } from "zod";
import { defineBuiltinVerb } from "./builtin-verb.ts";

const shareArgs = z.strictObject({
  host: z.string().min(1),
  name: z.string().min(1).regex(/^[^\\/]+$/, { message: "a share name has no \\ or /" }),
  path: z.string().min(1),
  readers: z.array(z.string().min(1)).min(1).optional(),
});

export type ShareArgs = z.infer<typeof shareArgs>;

/** `share: { host, name, path, readers? }`: creates the folder and shares it as \\HOST\name. */
export const shareVerb = defineBuiltinVerb<ShareArgs>({
  name: "share",
  description:
    "Shares a folder of { host } as \\\\HOST\\name: { host, name, path, readers?: [everyone | domain-computers | account names, computers as NAME$] } (default everyone). " +
    "The folder is created when missing; sharing a name again replaces the share. Group Policy software installation reads msi files with the computer's account, so readers matter there.",
  args: () => shareArgs,
  refs: (args) => ({ hosts: [args.host] }),
  async run(ctx, args) {
    const host = ctx.lab.host(args.host);
    host.fs.mkdir(args.path);
    const readers = args.readers ?? ["everyone"];
    ctx.lab.shares.add({ host: host.name, name: args.name, path: args.path, readers });
    host.record("estate", "share.created", { share: `\\\\${host.name}\\${args.name}`, path: args.path, readers });
  },
});
