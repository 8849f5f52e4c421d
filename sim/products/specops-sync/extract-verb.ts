import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { ensureRuntime } from "./runtime.ts";
import { extractSetup } from "./setup-assistant.ts";
import { versionArg } from "./setup-verb.ts";
import { SPS_LATEST, SPS_PCN } from "./versions.ts";

const extractArgs = z.strictObject({ host: z.string(), version: versionArg.optional() });

/** `extract`: the Setup Assistant saved and run on a host, extracting its msi packages (nothing installed yet). */
export const extractVerb: VerbDef<z.infer<typeof extractArgs>> = {
  name: "extract",
  description: "Saves and runs the Setup Assistant on a host so that it extracts itself and the msi packages to C:\\temp\\SpecopsPasswordSync_Setup_<version>.",
  args: extractArgs,
  refs: (a) => ({ hosts: [a.host], components: [{ id: SPS_PCN, version: a.version ?? SPS_LATEST }] }),
  async run(ctx, a) {
    ensureRuntime(ctx.lab);
    extractSetup(ctx.lab.host(a.host), a.version ?? SPS_LATEST);
    ctx.checked("sps.setup.extract");
  },
};
