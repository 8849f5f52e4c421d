import fc from "fast-check";
import { interleave, type Insertion } from "./interleave.ts";
import { verbOf, type PlanItem, type RawStep } from "./plan-steps.ts";

/**
 * A step that has nothing to do with the upgrade, drawn without knowing the
 * estate (so that estate and steps shrink independently): `host` is a slot,
 * resolved against the estate's hosts when the plan is built.
 */
export type UnrelatedStep =
  | { readonly kind: "advance"; readonly minutes: number }
  | { readonly kind: "registry" | "files"; readonly host: number; readonly n: number };

/**
 * The unrelated steps of one case: `anywhere` (a little lab time, a
 * registry value under an unrelated key, a file in an unrelated folder), and
 * verifications, which only go where the documented plan promises a working
 * estate: before its first step, or after its last action (in between, the
 * documented order itself takes the product down for a while: a stopped
 * service, a server ahead of its web).
 */
export interface UnrelatedSteps {
  readonly anywhere: readonly Insertion<UnrelatedStep>[];
  readonly verifications: readonly { readonly before: boolean; readonly offset: number; readonly names: readonly number[] }[];
}

/** Keys, folders and durations no product reads; two hours at most (no licence or certificate expires meanwhile). */
export function unrelatedStep(): fc.Arbitrary<UnrelatedStep> {
  const slot = fc.nat({ max: 15 });
  const n = fc.integer({ min: 1, max: 99 });
  return fc.oneof(
    fc.integer({ min: 1, max: 120 }).map((minutes): UnrelatedStep => ({ kind: "advance", minutes })),
    fc.record({ kind: fc.constantFrom<"registry" | "files">("registry", "files"), host: slot, n }),
  );
}

export function unrelatedSteps(options: { maxAnywhere?: number; maxVerifications?: number } = {}): fc.Arbitrary<UnrelatedSteps> {
  return fc.record({
    anywhere: fc.array(fc.record({ at: fc.nat({ max: 63 }), item: unrelatedStep() }), { maxLength: options.maxAnywhere ?? 4 }),
    verifications: fc.array(
      fc.record({ before: fc.boolean(), offset: fc.nat({ max: 15 }), names: fc.uniqueArray(fc.nat({ max: 15 }), { minLength: 1, maxLength: 3 }) }),
      { maxLength: options.maxVerifications ?? 2 },
    ),
  });
}

/** The step in YAML form, its host slot resolved against the estate's hosts. */
export function resolveUnrelated(step: UnrelatedStep, hosts: readonly string[]): RawStep {
  if (step.kind === "advance") return { advance: { minutes: step.minutes } };
  const host = hosts[step.host % hosts.length]!;
  if (step.kind === "registry") return { registry: { host, set: { key: "HKLM\\SOFTWARE\\Contoso\\Inventory", name: `Asset${step.n}`, value: `A-${1000 + step.n}` } } };
  return { files: { host, write: { path: `C:\\Inventory\\asset-${step.n}.txt`, content: `asset ${step.n}` } } };
}

/**
 * The plan with the unrelated steps in (tags of the plan's own items kept);
 * `verifications` names what `verify` may run, `worksBefore` whether the
 * estate works before the upgrade (else no verification goes first).
 */
export function withUnrelated(plan: readonly PlanItem[], extras: UnrelatedSteps, hosts: readonly string[], verifications: readonly string[], worksBefore = true): PlanItem[] {
  const afterFrom = plan.map((p) => verbOf(p.step)).findLastIndex((v) => v !== "verify") + 1;
  const afterSlots = plan.length - afterFrom + 1;
  const verifies = verifications.length === 0 ? [] : extras.verifications;
  const insertions: Insertion<PlanItem>[] = [
    ...extras.anywhere.map((e) => ({ at: e.at, item: { step: resolveUnrelated(e.item, hosts) } })),
    ...verifies.map((v) => {
      const names = [...new Set(v.names.map((i) => verifications[i % verifications.length]!))];
      return { at: v.before && worksBefore ? 0 : afterFrom + (v.offset % afterSlots), item: { step: { verify: names.length === 1 ? names[0]! : names } } };
    }),
  ];
  return interleave(plan, insertions);
}

/** Only the steps of a plan item list. */
export function stepsOf(plan: readonly PlanItem[]): RawStep[] {
  return plan.map((p) => p.step);
}
