import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { sprState } from "./spr-state.ts";
import { versionSchema } from "./verb-helpers.ts";

const args = z.strictObject({ version: versionSchema.describe("the mobile application's version the users install") });
export type MobileAppArgs = z.infer<typeof args>;

/** The users update the Specops mobile application (from their app store). */
export const mobileAppVerb: VerbDef<MobileAppArgs> = {
  name: "mobile-app",
  description: "The mobile users install this version of the mobile application (the latest updates, for passphrases).",
  args,
  async run(ctx, a) {
    const state = sprState(ctx.lab);
    const from = state.mobileApp;
    state.mobileApp = a.version;
    ctx.lab.trace.record({ host: "users", component: "spr-mobile-app", kind: "spr:mobile-app.updated", data: { from, to: a.version } });
  },
};
