import { Document, isMap, isScalar, isSeq, visit } from "yaml";

/** A scenario as plain data (what a YAML file holds): validate it with the registry before running. */
export type RawScenario = Record<string, unknown>;

/**
 * The scenario as YAML in the catalog's style (small maps and lists of
 * scalars on one line), ready to drop into `scenarios/<product>/`.
 */
export function scenarioYaml(raw: RawScenario): string {
  const doc = new Document(raw, { aliasDuplicateObjects: false });
  visit(doc, {
    Map(_key, node) {
      if (node.items.every((pair) => isScalar(pair.value) || (isSeq(pair.value) && pair.value.items.every(isScalar)))) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.every(isScalar)) node.flow = true;
    },
  });
  // The document and each plan step stay in block style (`- verify: reset`), as in the catalog.
  if (isMap(doc.contents)) {
    doc.contents.flow = false;
    const plan = doc.contents.get("plan", true);
    if (isSeq(plan)) for (const step of plan.items) if (isMap(step)) step.flow = false;
  }
  return doc.toString({ lineWidth: 140 });
}

/** A raw scenario with the keys in the catalog's order. */
export function rawScenario(parts: {
  name: string;
  product: string;
  seed: number;
  description?: string;
  lab: unknown;
  faults?: readonly unknown[];
  plan: readonly unknown[];
  expect?: Record<string, unknown>;
}): RawScenario {
  return {
    name: parts.name,
    product: parts.product,
    seed: parts.seed,
    ...(parts.description !== undefined ? { description: parts.description } : {}),
    lab: parts.lab,
    ...(parts.faults && parts.faults.length > 0 ? { faults: [...parts.faults] } : {}),
    plan: [...parts.plan],
    ...(parts.expect ? { expect: parts.expect } : {}),
  };
}
