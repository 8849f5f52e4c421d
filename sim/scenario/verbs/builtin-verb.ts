import type { z } from "zod";
import type { ProductModule, StepContext, StepRefs } from "../../product/index.ts";

/**
 * A plan verb the lab provides for every product (time passing, running the
 * product's checks, and the estate verbs: restart, registry, files, service,
 * cert, gpo). Unlike a product's VerbDef, its arguments may depend on the
 * products: `verify` accepts their verification names.
 */
export interface BuiltinVerb<A = unknown> {
  readonly name: string;
  readonly description: string;
  /** The arguments' schema; `products` is the scenario's product (or every product, for the editor schema). */
  args(products: readonly ProductModule[]): z.ZodType<A>;
  run(ctx: StepContext, args: A): Promise<void>;
  refs?(args: A): StepRefs;
}

/** Gives a built-in verb its argument type without widening it. */
export function defineBuiltinVerb<A>(verb: BuiltinVerb<A>): BuiltinVerb<A> {
  return verb;
}
