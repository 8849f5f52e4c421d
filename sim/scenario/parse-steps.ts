import { didYouMean } from "./closest.ts";
import type { ResolvedVerb } from "./product-registry.ts";
import type { PlanStep } from "./scenario.ts";
import type { IssuePath, ScenarioIssue } from "./scenario-issue.ts";
import { fromZodIssues } from "./zod-issues.ts";

/** Reads `{ verb: args, note? }` steps: the verb must be known, its args valid by the verb's own schema. */
export function parseSteps(raw: readonly unknown[], at: IssuePath, verbs: ReadonlyMap<string, ResolvedVerb>): { steps: PlanStep[]; issues: ScenarioIssue[] } {
  const steps: PlanStep[] = [];
  const issues: ScenarioIssue[] = [];
  const known = [...verbs.keys()].sort();
  raw.forEach((item, i) => {
    const path = [...at, i];
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      issues.push({ path, message: `a step is a one-key object such as { verify: reset }, got ${item === null ? "null" : Array.isArray(item) ? "a list" : JSON.stringify(item)}` });
      return;
    }
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => k !== "note");
    if (record.note !== undefined && typeof record.note !== "string") issues.push({ path: [...path, "note"], message: "a note is text" });
    if (keys.length !== 1) {
      issues.push({ path, message: keys.length === 0 ? "a step names one verb: { verb: args }" : `a step has one verb; found ${keys.map((k) => `"${k}"`).join(", ")}` });
      return;
    }
    const verbName = keys[0]!;
    const verb = verbs.get(verbName);
    if (!verb) {
      issues.push({ path, message: `unknown verb "${verbName}"${didYouMean(verbName, known)}; known: ${known.join(", ")}` });
      return;
    }
    const parsed = verb.args.safeParse(record[verbName], { reportInput: true });
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, verb.args, [...path, verbName]));
      return;
    }
    steps.push(typeof record.note === "string" ? { verb: verbName, args: parsed.data, note: record.note } : { verb: verbName, args: parsed.data });
  });
  return { steps, issues };
}
