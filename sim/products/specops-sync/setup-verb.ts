import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { TARGET_KINDS } from "./targets.ts";
import { runSetup } from "./setup-assistant.ts";
import { SPS_ADMIN, SPS_LATEST, SPS_PCN, SPS_SERVER, SPS_VERSIONS } from "./versions.ts";

export const versionArg = z.enum(SPS_VERSIONS);

const setupArgs = z.strictObject({
  host: z.string(),
  component: z.enum([SPS_PCN, SPS_SERVER, SPS_ADMIN]),
  version: versionArg.optional(),
  /** Who runs the Setup Assistant (Administrator by default). */
  as: z.string().optional(),
  /** Accept the End User License Agreement (true by default). */
  eula: z.boolean().optional(),
  /** Sync Server: the certificate to Select (friendly name or thumbprint in LocalMachine\My). */
  certificate: z.string().optional(),
  /** Sync Server: the Sync Providers left selected (all by default). */
  providers: z.array(z.enum(TARGET_KINDS as [string, ...string[]])).optional(),
  /** Let the Setup Assistant install a missing .NET Framework 4. */
  meetRequirements: z.boolean().optional(),
});
export type SetupArgs = z.infer<typeof setupArgs>;

/** `setup`: the Setup Assistant on a host for one component (install or upgrade). */
export const setupVerb: VerbDef<SetupArgs> = {
  name: "setup",
  description: "Runs the Specops Setup Assistant on a host for one component (sps-pcn, sps-server, sps-admin): extract, EULA, prerequisites, then the component's pages (certificate and providers for the Sync Server).",
  args: setupArgs,
  refs: (a) => ({ hosts: [a.host], components: [{ id: a.component, version: a.version ?? SPS_LATEST }] }),
  async run(ctx, a) {
    await runSetup(ctx, {
      host: a.host,
      component: a.component,
      version: a.version ?? SPS_LATEST,
      as: a.as ?? "Administrator",
      eula: a.eula ?? true,
      ...(a.certificate !== undefined ? { certificate: a.certificate } : {}),
      ...(a.providers !== undefined ? { providers: a.providers } : {}),
      meetRequirements: a.meetRequirements ?? false,
    });
  },
};
