import type { z } from "zod";
import { LabError, type FaultDefinition } from "../kernel/index.ts";
import type { ComponentDef, ProductModule, Rule, StepContext, StepRefs } from "../product/index.ts";
import type { BuiltinVerb } from "./verbs/index.ts";

/** A verb as a step of one product's scenario sees it, wherever it comes from. */
export interface ResolvedVerb {
  readonly name: string;
  readonly description: string;
  /** "builtin" or the product id. */
  readonly origin: string;
  readonly args: z.ZodType;
  run(ctx: StepContext, args: unknown): Promise<void>;
  refs?(args: unknown): StepRefs;
}

/**
 * The products, built-in verbs and fault catalog a run sees. Passed
 * explicitly (tests inject their own); nothing registers globally.
 */
export interface ProductRegistry {
  readonly products: readonly ProductModule[];
  readonly builtinVerbs: readonly BuiltinVerb<any>[];
  readonly faultCatalog: ReadonlyMap<string, FaultDefinition>;
  product(id: string): ProductModule | undefined;
  /** Built-in verbs plus the product's own. */
  verbsFor(product: ProductModule): ReadonlyMap<string, ResolvedVerb>;
  rule(id: string): Rule | undefined;
  rules(): readonly Rule[];
  /** The product that owns a component id, and the component. */
  component(id: string): { product: ProductModule; component: ComponentDef } | undefined;
}

export interface RegistryInit {
  readonly products: readonly ProductModule[];
  readonly builtinVerbs: readonly BuiltinVerb<any>[];
  readonly estateFaults: readonly FaultDefinition[];
}

/** Builds a registry, refusing clashes (two owners for one id) as programming errors. */
export function createRegistry(init: RegistryInit): ProductRegistry {
  const problems: string[] = [];
  const products = new Map<string, ProductModule>();
  const rules = new Map<string, Rule>();
  const components = new Map<string, { product: ProductModule; component: ComponentDef }>();
  const faults = new Map<string, FaultDefinition>();
  const builtinNames = new Set(init.builtinVerbs.map((v) => v.name));

  for (const fault of init.estateFaults) addFault(fault, "the estate");
  for (const product of init.products) {
    if (products.has(product.id)) problems.push(`product "${product.id}" is registered twice`);
    products.set(product.id, product);
    for (const rule of product.rules) {
      if (rules.has(rule.id)) problems.push(`rule "${rule.id}" is defined twice`);
      if (rule.product !== product.id) problems.push(`rule "${rule.id}" says product "${rule.product}" but is listed by ${product.id}`);
      rules.set(rule.id, rule);
    }
    for (const component of product.components) {
      const owner = components.get(component.id);
      if (owner) problems.push(`component "${component.id}" belongs to both ${owner.product.id} and ${product.id}`);
      components.set(component.id, { product, component });
    }
    const verbNames = new Set<string>();
    for (const verb of product.verbs) {
      if (builtinNames.has(verb.name)) problems.push(`${product.id} defines verb "${verb.name}", which is built in`);
      if (verbNames.has(verb.name)) problems.push(`${product.id} defines verb "${verb.name}" twice`);
      verbNames.add(verb.name);
    }
    for (const fault of product.faults) addFault(fault, product.id);
  }
  for (const product of init.products) {
    for (const fault of product.faults) {
      for (const trip of fault.trips) if (!rules.has(trip)) problems.push(`fault "${fault.name}" of ${product.id} trips unknown rule "${trip}"`);
    }
  }
  if (problems.length > 0) {
    throw new LabError({ code: "REGISTRY_INVALID", message: `the product registry is inconsistent:\n  ${problems.join("\n  ")}`, details: { problems } });
  }

  const verbCache = new Map<string, ReadonlyMap<string, ResolvedVerb>>();
  return {
    products: init.products,
    builtinVerbs: init.builtinVerbs,
    faultCatalog: faults,
    product: (id) => products.get(id),
    verbsFor(product) {
      let verbs = verbCache.get(product.id);
      if (!verbs) {
        verbs = resolveVerbs(product, init.builtinVerbs);
        verbCache.set(product.id, verbs);
      }
      return verbs;
    },
    rule: (id) => rules.get(id),
    rules: () => [...rules.values()],
    component: (id) => components.get(id),
  };

  function addFault(fault: FaultDefinition, owner: string): void {
    if (faults.has(fault.name)) problems.push(`fault "${fault.name}" (${owner}) is already in the catalog`);
    faults.set(fault.name, fault);
  }
}

function resolveVerbs(product: ProductModule, builtins: readonly BuiltinVerb<any>[]): ReadonlyMap<string, ResolvedVerb> {
  const verbs = new Map<string, ResolvedVerb>();
  for (const verb of builtins) {
    verbs.set(verb.name, {
      name: verb.name,
      description: verb.description,
      origin: "builtin",
      args: verb.args([product]),
      run: (ctx, args) => verb.run(ctx, args),
      ...(verb.refs ? { refs: (args: unknown) => verb.refs!(args) } : {}),
    });
  }
  for (const verb of product.verbs) {
    verbs.set(verb.name, {
      name: verb.name,
      description: verb.description,
      origin: product.id,
      args: verb.args,
      run: (ctx, args) => verb.run(ctx, args),
      ...(verb.refs ? { refs: (args: unknown) => verb.refs!(args) } : {}),
    });
  }
  return verbs;
}
