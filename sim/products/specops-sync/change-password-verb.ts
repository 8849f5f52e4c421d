import { z } from "zod";
import type { VerbDef } from "../../product/index.ts";
import { changeUserPassword } from "./password-change.ts";
import { ensureRuntime } from "./runtime.ts";

const changeArgs = z.strictObject({
  user: z.string(),
  /** The domain controller the change is made on. */
  dc: z.string(),
  password: z.string().optional(),
  /** "change" (the user's own, the default) or "reset" (set on the DC). */
  mode: z.enum(["change", "reset"]).optional(),
});

/**
 * `change-password`: a user changes their password on a given DC. Nothing
 * reports a change the product did not sync; `verify: sync` looks.
 */
export const changePasswordVerb: VerbDef<z.infer<typeof changeArgs>> = {
  name: "change-password",
  description: "A user changes their password on a given domain controller; the notifier loaded there (if any) passes it on. Silent on failure, as the product is: verify sync reports.",
  args: changeArgs,
  refs: (a) => ({ hosts: [a.dc] }),
  async run(ctx, a) {
    const state = ensureRuntime(ctx.lab);
    await changeUserPassword(ctx.lab, state, { user: a.user, dc: a.dc, mode: a.mode ?? "change", ...(a.password !== undefined ? { password: a.password } : {}) });
  },
};
