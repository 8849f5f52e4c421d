import { z } from "zod";
import { LabError } from "../../kernel/index.ts";
import type { ProductModule } from "../../product/index.ts";
import { defineBuiltinVerb } from "./builtin-verb.ts";

function verificationNames(products: readonly ProductModule[]): string[] {
  return [...new Set(products.flatMap((p) => p.verifications.map((v) => v.name)))].sort();
}

function nameSchema(products: readonly ProductModule[]): z.ZodType<string> {
  const names = verificationNames(products);
  if (names.length === 0) {
    return z.string().refine(() => false, { message: `${products.map((p) => p.id).join(", ") || "no product"} has no verifications` });
  }
  return z.enum(names as [string, ...string[]]);
}

export type VerifyArgs = string | string[];

/** `verify: reset` or `verify: [enroll, reset]`: runs the product's own checks, end to end. */
export const verifyVerb = defineBuiltinVerb<VerifyArgs>({
  name: "verify",
  description: "Runs the named verifications of the product (one name or a list), end to end on the current estate.",
  args: (products) => {
    const one = nameSchema(products);
    return z.union([one, z.array(one).min(1)]);
  },
  async run(ctx, args) {
    for (const name of typeof args === "string" ? [args] : args) {
      const verification = ctx.product.verifications.find((v) => v.name === name);
      if (!verification) {
        throw new LabError({ code: "VERIFICATION_UNKNOWN", message: `${ctx.product.id} has no verification "${name}"` });
      }
      await verification.run(ctx);
    }
  },
});
