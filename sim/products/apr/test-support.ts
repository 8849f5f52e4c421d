import { Lab } from "../../lab.ts";
import type { LabSpec } from "../../lab-spec.ts";
import type { FindingInput, StepContext } from "../../product/index.ts";
import { aprProduct } from "./apr-product.ts";
import { aprRule } from "./rules.ts";

/** A lab with APR seeded, and a step context that collects findings: for this folder's tests. */
export interface Harness {
  readonly lab: Lab;
  readonly findings: FindingInput[];
  readonly checked: Set<string>;
  ctx(step?: number): StepContext;
  /** Runs a verb of the product by name. */
  verb(name: string, args: unknown): Promise<void>;
  verify(name: string): Promise<void>;
  rules(): string[];
}

export async function harness(spec: LabSpec, seed = 7): Promise<Harness> {
  const lab = await Lab.build(spec, { seed });
  await aprProduct.applyFaults?.(lab);
  for (const host of spec.hosts) {
    for (const [id, entry] of Object.entries(host.installed ?? {})) {
      const { version, ...options } = typeof entry === "string" ? { version: entry } : entry;
      await aprProduct.seedInstalled(lab, host.name, id, version, options);
    }
  }
  const findings: FindingInput[] = [];
  const checked = new Set<string>();
  const ctx = (step = 1): StepContext => ({
    lab,
    step,
    product: aprProduct,
    traceMark: lab.trace.length,
    // Like the runner: an unknown rule id is a programming error; the rule gives the default severity.
    raise: (f) => void findings.push({ ...f, severity: f.severity ?? aprRule(f.rule).severity }),
    checked: (r) => void checked.add(r),
  });
  return {
    lab,
    findings,
    checked,
    ctx,
    async verb(name, args) {
      const verb = aprProduct.verbs.find((v) => v.name === name);
      if (!verb) throw new Error(`no verb ${name}`);
      await verb.run(ctx(), verb.args.parse(args));
    },
    async verify(name) {
      const v = aprProduct.verifications.find((x) => x.name === name);
      if (!v) throw new Error(`no verification ${name}`);
      await v.run(ctx());
    },
    rules: () => findings.map((f) => f.rule),
  };
}

export const DOMAIN = { name: "corp.example", accounts: [] } as const;
