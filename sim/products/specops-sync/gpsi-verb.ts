import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";
import { versionArg } from "./setup-verb.ts";
import { pcnMsiName, pcnMsiPath, SPS_COMPONENT_NAMES, SPS_LATEST, SPS_PCN } from "./versions.ts";

export const PCN_GPO = "Specops Password Sync Notifier";

const gpsiArgs = z.strictObject({
  /** The share folder for the msi, \\HOST\share. */
  share: z.string().regex(/^\\\\[^\\]+\\[^\\]+/, "a UNC path, \\\\HOST\\share"),
  /** Host where the Setup Assistant extracted the msi (the share's host by default). */
  from: z.string().optional(),
  version: versionArg.optional(),
  arch: z.enum(["x86", "x64"]).optional(),
  /** Step 1: copy the msi to the share (true by default; false leaves the share without it). */
  copy: z.boolean().optional(),
  gpo: z.string().optional(),
  /** Where the GPO is linked: the Domain Controllers OU by default, as the document says. */
  link: z.string().optional(),
  /** Step 8: Assign (the default) or Publish. */
  deployment: z.enum(["assigned", "published"]).optional(),
});

/** `gpsi`: the document's ten GPSI steps up to (not including) the DC restart. */
export const gpsiVerb: VerbDef<z.infer<typeof gpsiArgs>> = {
  name: "gpsi",
  description: "Deploys the notifier through Group Policy Software Installation: copies the msi to a share, creates a GPO linked to the Domain Controllers OU, adds the msi under Software installation as Assigned. The DCs install it at their next restart.",
  args: gpsiArgs,
  refs: (a) => ({ hosts: [...(a.from ? [a.from] : []), a.share.slice(2).split("\\")[0]!.split(".")[0]!], components: [{ id: SPS_PCN, version: a.version ?? SPS_LATEST }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    ensureRuntime(lab);
    const directory = lab.domain();
    const version = a.version ?? SPS_LATEST;
    const arch = a.arch ?? "x64";
    const share = a.share.replace(/\\+$/, "");
    const located = lab.shares.locate(share);
    if (!located) throw new LabError({ code: "SPS_SHARE_UNKNOWN", message: `no share ${share} in the lab; shares: ${lab.shares.list().map((s) => `\\\\${s.host}\\${s.name}`).join(", ") || "none"}` });
    const msiUnc = `${share}\\${pcnMsiName(version, arch)}`;
    if (a.copy !== false) {
      const from = lab.host(a.from ?? located.share.host);
      const source = pcnMsiPath(version, arch);
      const file = from.fs.readFile(source);
      if (!file) {
        const event = from.record("sps-pcn", "gpsi.msi-missing", { path: source });
        ctx.raise({ rule: "sps.setup.extract", host: from.name, component: SPS_PCN, message: `${source} is not on ${from.name}: run the Setup Assistant there first (it extracts the msi).`, evidence: [event.id] });
        return;
      }
      const target = lab.host(located.share.host);
      target.fs.writeFile(`${located.localPath}\\${pcnMsiName(version, arch)}`, file.content, { ...(file.version ? { version: file.version } : {}), size: file.size });
      target.record("sps-pcn", "gpsi.msi-copied", { from: `${from.name}:${source}`, to: msiUnc });
    }
    const dfs = lab.host(located.share.host).record("sps-pcn", "gpsi.share", { share, dfs: false });
    ctx.raise({ rule: "sps.pcn.gpsi.dfs", host: located.share.host, component: SPS_PCN, evidence: [dfs.id] });
    const gpo = a.gpo ?? PCN_GPO;
    if (!directory.gpo(gpo)) directory.createGpo(gpo);
    const link = a.link ?? directory.domainControllersOuDn;
    if (!directory.gpoLinks(link).some((l) => l.gpo.toLowerCase() === gpo.toLowerCase())) directory.linkGpo(gpo, link);
    directory.addSoftwarePackage(gpo, { name: SPS_COMPONENT_NAMES[SPS_PCN], version, msiPath: msiUnc, arch, deployment: a.deployment ?? "assigned" });
    ctx.checked("sps.pcn.gpsi");
  },
};
