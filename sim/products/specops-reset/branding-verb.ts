import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { BRANDING_BACKUP_DIR, BRANDING_DIR } from "./paths.ts";

const args = z.strictObject({
  host: z.string().describe("the Web's host"),
  action: z.enum(["backup", "restore"]).describe("backup: copy the Web's Branding folder aside; restore: copy it back"),
});
export type BrandingArgs = z.infer<typeof args>;

/** Keeps the corporate branding (logo, web customisation) across an upgrade of the Web. */
export const brandingVerb: VerbDef<BrandingArgs> = {
  name: "branding",
  description: "Back up the Web's branding files (logo, customisation) before upgrading, or restore them afterwards.",
  args,
  refs: (a) => ({ hosts: [a.host] }),
  async run(ctx, a) {
    const host = ctx.lab.host(a.host);
    const [from, to] = a.action === "backup" ? [BRANDING_DIR, BRANDING_BACKUP_DIR] : [BRANDING_BACKUP_DIR, BRANDING_DIR];
    if (!host.fs.isDirectory(from)) {
      throw new LabError({ code: "SPR_BRANDING_MISSING", message: `branding ${a.action}: ${from} does not exist on ${host.name}`, remedy: a.action === "restore" ? "Take the backup before upgrading the Web." : "Install the Web first." });
    }
    if (host.fs.isDirectory(to)) host.fs.delete(to, { recursive: true });
    host.fs.copy(from, to);
    host.record("spr-web", `spr.branding.${a.action}`, { from, to });
  },
};
