import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { sprState } from "./spr-state.ts";

const args = z.strictObject({
  version: z.string().regex(/^\d+\.\d+$/, "a version like 6.3").describe("Specops Password Policy version in the domain"),
  passphrases: z.boolean().describe("whether its policy lets (and makes) users choose passphrases"),
});
export type PasswordPolicyArgs = z.infer<typeof args>;

/** Specops Password Policy in the domain, as far as Password Reset cares: whether users set passphrases. */
export const passwordPolicyVerb: VerbDef<PasswordPolicyArgs> = {
  name: "password-policy",
  description: "Specops Password Policy of this version is in force in the domain, with or without passphrases.",
  args,
  async run(ctx, a) {
    sprState(ctx.lab).passwordPolicy = { version: a.version, passphrases: a.passphrases };
    ctx.lab.trace.record({ host: "domain", component: "specops-password-policy", kind: "spp.policy.set", data: { version: a.version, passphrases: a.passphrases } });
  },
};
