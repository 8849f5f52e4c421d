import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { adminHost } from "./admin-host.ts";
import { importLicense } from "./admin-tools.ts";
import { ensureRuntime } from "./runtime.ts";

const licenseArgs = z.strictObject({
  /** The computer with the Administration Tools (the first one by default). */
  from: z.string().optional(),
  /** A key that stops being valid after this many days (none by default). */
  expiresInDays: z.number().positive().optional(),
});

/** `license`: imports the licence key in the Administration Tool. */
export const licenseVerb: VerbDef<z.infer<typeof licenseArgs>> = {
  name: "license",
  description: "Imports the licence key through the Specops Password Sync Administration Tool.",
  args: licenseArgs,
  refs: (a) => ({ hosts: a.from ? [a.from] : [] }),
  async run(ctx, a) {
    const state = ensureRuntime(ctx.lab);
    const admin = adminHost(ctx, a.from, false);
    if (!admin) return;
    importLicense(ctx.lab, state, admin.host, a.expiresInDays);
    ctx.checked("sps.post.license");
  },
};
