import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { sprState } from "./spr-state.ts";

const args = z.strictObject({
  generation: z.enum(["current", "legacy"]).default("current").describe("current: a key for 6.x and later (the new key); legacy: a key issued for 5.0 or lower"),
  users: z.number().int().positive().describe("how many user accounts in the management level the key covers"),
});
export type LicenceArgs = z.infer<typeof args>;

/** "Import your new license key in the Password Reset Configuration tool." */
export const licenceVerb: VerbDef<LicenceArgs> = {
  name: "license",
  description: "Import a licence key in the Password Reset Configuration tool (a new key after upgrading from 5.0 or lower).",
  args,
  async run(ctx, a) {
    sprState(ctx.lab).central.licence = { generation: a.generation, users: a.users };
    ctx.lab.trace.record({ host: "domain", component: "spr-admin", kind: "spr:licence.imported", data: { generation: a.generation, users: a.users } });
  },
};
