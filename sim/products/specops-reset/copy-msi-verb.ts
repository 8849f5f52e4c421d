import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { LabError } from "../../kernel/index.ts";
import { SPR_CLIENT } from "./components.ts";
import { clientFilesFolder, clientMsiName } from "./paths.ts";
import { hasClientFiles, writeClientMsi } from "./setup-assistant.ts";
import { block, versionSchema } from "./verb-helpers.ts";
import { SPR_LATEST } from "./versions.ts";

const args = z.strictObject({
  from: z.string().describe("the host where the Setup Assistant extracted and downloaded the files"),
  to: z.string().regex(/^\\\\[^\\]+\\[^\\]+/, "a UNC path, \\\\SERVER\\share").describe("the share (or one DFS server's share) to copy the msi-packages into"),
  version: versionSchema.default(SPR_LATEST),
});
export type CopyMsiArgs = z.infer<typeof args>;

/** Copies the Client Side Extension msi-packages (x86 and x64) from ...\products\specopspasswordreset into a share. */
export const copyMsiVerb: VerbDef<CopyMsiArgs> = {
  name: "copy-msi",
  description: "Copy the Client Side Extension msi-packages from C:\\temp\\SpecopsPasswordReset_Setup_[VersionNumber]\\products\\specopspasswordreset into a share (each DFS server's share, with DFS).",
  args,
  refs: (a) => ({ hosts: [a.from], components: [{ id: SPR_CLIENT, version: a.version }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const from = lab.host(a.from);
    if (!hasClientFiles(from, a.version)) {
      return block(ctx, "spr.setup.extract", from, SPR_CLIENT, `${clientFilesFolder(a.version)} on ${from.name} holds no Client msi-packages: the Setup Assistant was not run (and its files downloaded) there.`);
    }
    ctx.checked("spr.setup.extract");
    for (const arch of ["x86", "x64"] as const) {
      const target = lab.shares.locate(`${a.to.replace(/\\+$/, "")}\\${clientMsiName(a.version, arch)}`);
      if (!target) throw new LabError({ code: "SPR_SHARE_UNKNOWN", message: `copy-msi: there is no share ${a.to} in the lab; shares: ${lab.shares.list().map((s) => `\\\\${s.host}\\${s.name}`).join(", ") || "none"}` });
      writeClientMsi(lab.host(target.share.host), target.localPath, a.version);
    }
    from.record("spr-setup", "spr:client.msi-copied", { to: a.to, version: a.version });
    ctx.checked("spr.client.share");
  },
};
