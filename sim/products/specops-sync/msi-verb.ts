import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { installNotifier } from "./notifier.ts";
import { checkPrerequisites } from "./prerequisites.ts";
import { ensureRuntime, PCN_MSI_PATTERN } from "./runtime.ts";
import { versionArg } from "./setup-verb.ts";
import { pcnMsiPath, SPS_LATEST, SPS_PCN } from "./versions.ts";

const msiArgs = z.strictObject({
  host: z.string(),
  version: versionArg.optional(),
  /** The msi chosen by hand; the host's own architecture by default. */
  arch: z.enum(["x86", "x64"]).optional(),
  /** Where the msi is: a local path or \\HOST\share\file (C:\Temp\SpecopsPasswordSync_Setup_<ver>\Products\SpecopsPasswordSync by default). */
  from: z.string().optional(),
});

/** `msi`: the recommended notifier upgrade, running the new msi on the DC itself. */
export const msiVerb: VerbDef<z.infer<typeof msiArgs>> = {
  name: "msi",
  description: "Runs the Password Change Notifier msi on a domain controller (the document's recommended option). It is loaded only after the DC restarts.",
  args: msiArgs,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPS_PCN, version: a.version ?? SPS_LATEST }] }),
  async run(ctx, a) {
    const lab = ctx.lab;
    const state = ensureRuntime(lab);
    const host = lab.host(a.host);
    const version = a.version ?? SPS_LATEST;
    const results = checkPrerequisites(SPS_PCN, { name: host.name, os: host.os, role: host.role, joined: host.joined, hasFeature: (f) => host.hasFeature(f) });
    const prereqEvent = host.record("sps-pcn", "msi.prerequisites", { results: results.map((r) => ({ rule: r.rule, ok: r.ok })) });
    let refused = false;
    for (const r of results) {
      if (r.ok) ctx.checked(r.rule);
      else {
        refused = true;
        ctx.raise({ rule: r.rule, host: host.name, component: SPS_PCN, message: `${r.detail}: the notifier msi refuses to install.`, evidence: [prereqEvent.id] });
      }
    }
    if (refused) return;
    const path = a.from ?? pcnMsiPath(version, a.arch ?? host.arch);
    const fileName = path.split("\\").pop() ?? path;
    const named = PCN_MSI_PATTERN.exec(fileName);
    const arch = (named?.[2]?.toLowerCase() as "x86" | "x64" | undefined) ?? a.arch ?? host.arch;
    const msiVersion = named?.[1] ?? version;
    const present = path.startsWith("\\\\") ? lab.shares.resolve(path, host.name, host.joined) : { exists: host.fs.isFile(path), readable: true };
    if (!present.exists || !present.readable) {
      const event = host.record("sps-pcn", "msi.not-found", { path, exists: present.exists, readable: present.readable });
      ctx.raise({
        rule: "sps.setup.extract",
        host: host.name,
        component: SPS_PCN,
        message: `${path} ${present.exists ? "cannot be read by this computer" : "does not exist"}: run the Setup Assistant on this DC (it extracts the msi to C:\\temp\\SpecopsPasswordSync_Setup_${version}) or point to the msi.`,
        evidence: [event.id],
      });
      return;
    }
    const result = installNotifier(state, host, msiVersion, arch, "msi");
    if (!result.ok) {
      const rule = result.error === 1638 ? "sps.pcn.uninstall-first" : "sps.sync.msi-arch";
      ctx.raise({ rule, host: host.name, component: SPS_PCN, severity: "blocked", message: `msiexec: ${result.message} (error ${result.error})`, evidence: [result.eventId] });
      return;
    }
    ctx.checked("sps.pcn.uninstall-first");
  },
};
