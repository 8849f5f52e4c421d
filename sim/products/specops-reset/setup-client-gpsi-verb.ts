import { z } from "zod";
import type { Lab } from "../../lab.ts";
import type { VerbDef } from "../../product/index.ts";
import { addClientSettings, clientPackages } from "./client-deployment.ts";
import { registerClientInstaller } from "./client-install.ts";
import { SPR_CLIENT } from "./components.ts";
import { requireDirectory } from "./estate.ts";
import { clientFilesFolder, clientMsiName } from "./paths.ts";
import { upgradePathReport } from "./prerequisites.ts";
import { downloadClientFiles, extractSetup, hasClientFiles, writeClientMsi } from "./setup-assistant.ts";
import { block, checkOrder, raiseMisses, recordSetup, versionSchema } from "./verb-helpers.ts";
import { compareVersions, SPR_LATEST } from "./versions.ts";

const args = z.strictObject({
  host: z.string().describe("where the Setup Assistant runs"),
  to: versionSchema.default(SPR_LATEST),
  gpo: z.string().min(1).describe("Select GPO: the existing GPO with the Client's Software Installation settings"),
  share: z.string().regex(/^\\\\[^\\]+\\[^\\]+/, "a UNC path, \\\\SERVER\\share").describe("Select Share: the network share (or DFS namespace) the workstations install from"),
  createShare: z.boolean().default(false).describe("create a new share (the assistant copies the msi into it); an existing share needs the msi copied by hand"),
  download: z.boolean().default(true).describe("Download…, Download Files: fetch the Client's installation files"),
  architectures: z.array(z.enum(["x86", "x64"])).min(1).default(["x86", "x64"]).describe("the packages Add Settings upgrades in the GPO"),
});
export type SetupClientGpsiArgs = z.infer<typeof args>;

/** Setup Assistant, "Deploy Specops Password Client using GPSI". */
export const setupClientGpsiVerb: VerbDef<SetupClientGpsiArgs> = {
  name: "setup-client-gpsi",
  description: "Setup Assistant, Deploy Specops Password Client using GPSI: select the GPO, download the files, select (or create) the share, Add Settings for x86 and x64.",
  args,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPR_CLIENT, version: a.to }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const host = lab.host(a.host);
    const directory = requireDirectory(lab, "The Client deployment");
    registerClientInstaller(lab);
    extractSetup(host, a.to);
    const gpo = directory.gpo(a.gpo);
    if (!gpo) return block(ctx, "spr.client.gpsi", host, SPR_CLIENT, `There is no GPO "${a.gpo}" in ${directory.dnsName}.`);
    ctx.checked("spr.client.gpsi");
    const deployedNow = [...clientPackages(gpo).values()].sort(compareVersions).at(0);
    if (raiseMisses(ctx, upgradePathReport(deployedNow, SPR_CLIENT, a.to), host, SPR_CLIENT)) return;
    if (a.download) downloadClientFiles(host, a.to);

    if (!lab.shares.locate(a.share)) {
      if (!a.createShare) return block(ctx, "spr.client.share", host, SPR_CLIENT, `The share ${a.share} does not exist.`);
      const created = createShare(ctx.lab, a.share);
      if (!created) return block(ctx, "spr.client.share", host, SPR_CLIENT, `The share ${a.share} cannot be created: its server is not in the lab.`);
    }
    if (a.createShare) {
      if (!hasClientFiles(host, a.to)) return block(ctx, "spr.setup.extract", host, SPR_CLIENT, `The Client's files were not downloaded to ${clientFilesFolder(a.to)}, so the new share stays empty.`);
      for (const arch of ["x86", "x64"] as const) {
        const target = lab.shares.locate(`${a.share}\\${clientMsiName(a.to, arch)}`)!;
        writeClientMsi(lab.host(target.share.host), target.localPath, a.to);
      }
    }
    checkOrder(ctx, host, SPR_CLIENT, a.to);
    addClientSettings(lab, directory, gpo.name, a.share, a.to, a.architectures);
    host.record("spr-setup", "spr:client.settings-added", { gpo: gpo.name, share: a.share, version: a.to, architectures: a.architectures });
    ctx.checked("spr.client.x86-x64");
    recordSetup(ctx, host, SPR_CLIENT, deployedNow, a.to);
  },
};

/** "Create a new share": a folder on the server, shared to the domain's computers. */
function createShare(lab: Lab, unc: string): boolean {
  const m = /^\\\\([^\\]+)\\([^\\]+)/.exec(unc)!;
  const server = lab.findHost(m[1]!);
  if (!server) return false;
  const path = `C:\\Shares\\${m[2]}`;
  server.fs.mkdir(path);
  lab.shares.add({ host: server.name, name: m[2]!, path, readers: ["domain-computers"] });
  server.record("spr-setup", "spr:setup.share-created", { share: unc, path });
  return true;
}
