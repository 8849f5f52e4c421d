import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { requireDirectory } from "./estate.ts";
import { CLIENT_POLICY_KEY_NEW, CLIENT_POLICY_KEY_OLD } from "./paths.ts";
import { LabError } from "../../kernel/index.ts";

const args = z.strictObject({ gpo: z.string().min(1).describe("the GPO holding the Client's settings made with the 6.3 ADMX/ADML template") });
export type MigrateAdmxArgs = z.infer<typeof args>;

/** Re-makes, with the new Administrative Template, the settings made with the 6.3 ADMX/ADML (a custom mobile attribute ...). */
export const migrateAdmxVerb: VerbDef<MigrateAdmxArgs> = {
  name: "migrate-admx",
  description: "Migrate by hand the Client settings made with the 6.3 ADMX/ADML template to the new Administrative Template.",
  args,
  async run(ctx, a) {
    const directory = requireDirectory(ctx.lab, "migrate-admx");
    const gpo = directory.gpo(a.gpo);
    if (!gpo) throw new LabError({ code: "SPR_GPO_UNKNOWN", message: `migrate-admx: no GPO "${a.gpo}"; GPOs: ${directory.gpos().map((g) => g.name).join(", ")}` });
    const old = gpo.settings.filter((s) => s.key.toLowerCase() === CLIENT_POLICY_KEY_OLD.toLowerCase());
    for (const s of old) directory.setAdminTemplateSetting(gpo.name, { ...s, key: CLIENT_POLICY_KEY_NEW });
    ctx.lab.trace.record({ host: "domain", component: "spr-admin", kind: "spr:admx.migrated", data: { gpo: gpo.name, settings: old.map((s) => s.valueName) } });
  },
};
