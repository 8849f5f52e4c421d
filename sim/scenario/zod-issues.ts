import type { z } from "zod";
import { didYouMean } from "./closest.ts";
import type { IssuePath, ScenarioIssue } from "./scenario-issue.ts";

/**
 * zod issues in the lab's words: a missing field says "required", a number
 * where a version is expected says to quote it, an unknown key suggests the
 * nearest known one. `prefix` places a nested parse (a verb's args) in the file.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, prefix: IssuePath = []): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const known = keysAt(schema, issue.path);
        out.push({ path: [...path, key], message: `unknown key${didYouMean(key, known)}${known.length ? `; known: ${known.join(", ")}` : ""}` });
      }
      continue;
    }
    out.push({ path, message: describe(issue) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  const hasInput = "input" in issue && issue.input !== undefined;
  switch (issue.code) {
    case "invalid_type": {
      if (!hasInput) return `required (${issue.expected})`;
      const got = kindOf(issue.input);
      if (issue.expected === "string" && typeof issue.input === "number") return quoteHint(issue.input);
      if (issue.expected === "int") return `expected a whole number, got ${String(issue.input)}`;
      return `expected ${issue.expected}, got ${got}`;
    }
    case "invalid_value":
      return `${JSON.stringify(issue.input)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${typeof issue.input === "string" ? didYouMean(issue.input, issue.values.map(String)) : ""}`;
    case "invalid_union": {
      // Name the alternatives rather than zod's bare "Invalid input".
      const expected = new Set<string>();
      for (const branch of issue.errors) {
        for (const e of branch) {
          if (e.path.length > 0) continue;
          if (e.code === "invalid_type") expected.add(TYPE_WORDS[e.expected] ?? e.expected);
          if (e.code === "invalid_value") expected.add(`one of ${e.values.map((v) => JSON.stringify(v)).join(", ")}`);
        }
      }
      if (expected.has("text") && typeof issue.input === "number") return quoteHint(issue.input);
      if (expected.size > 0) return `expected ${[...expected].join(" or ")}, got ${hasInput ? kindOf(issue.input) : "nothing"}`;
      return issue.message;
    }
    default:
      return issue.message;
  }
}

function quoteHint(input: number): string {
  return `expected text, got the number ${input}; quote it ("${input}") — YAML reads 3.20 as 3.2`;
}

const TYPE_WORDS: Record<string, string> = { array: "a list", object: "an object", string: "text", number: "a number", boolean: "true or false" };

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** The keys an object schema at `path` accepts, found by walking the schema's definition. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let nodes: unknown[] = [schema];
  for (const part of path) nodes = nodes.flatMap((n) => unwrap(n)).flatMap((n) => child(n, part));
  return [...new Set(nodes.flatMap((n) => unwrap(n)).flatMap((n) => Object.keys(defOf(n)?.shape ?? {})))].sort();
}

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  valueType?: unknown;
  in?: unknown;
  items?: unknown[];
}

function defOf(node: unknown): Def | undefined {
  return (node as { _zod?: { def?: Def } })?._zod?.def;
}

function unwrap(node: unknown): unknown[] {
  const def = defOf(node);
  if (!def) return [];
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe") return unwrap(def.in);
  if (def.type === "union") return (def.options ?? []).flatMap(unwrap);
  return [node];
}

function child(node: unknown, part: PropertyKey): unknown[] {
  const def = defOf(node);
  if (!def) return [];
  if (def.type === "object" && typeof part === "string") return def.shape?.[part] ? [def.shape[part]] : [];
  if (def.type === "array" && typeof part === "number") return [def.element];
  if (def.type === "tuple" && typeof part === "number") return def.items?.[part] ? [def.items[part]] : [];
  if (def.type === "record") return [def.valueType];
  return [];
}
