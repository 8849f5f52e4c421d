import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { LabError } from "../kernel/index.ts";
import type { ProductRegistry } from "./product-registry.ts";
import type { Scenario } from "./scenario.ts";
import { isScenarioInvalid, type ScenarioInvalidError } from "./scenario-issue.ts";
import { loadScenarioFile } from "./scenario-loader.ts";

/**
 * How reports and replay commands name a file: relative to the working
 * directory, or absolute when it lies outside it (../../.. reads badly).
 */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === "" ? "." : isAbsolute(rel) || rel.startsWith("..") ? path : rel).split(sep).join("/");
}

/** Every `*.yaml` / `*.yml` under `dir`, recursively, sorted: the catalog's files. */
export function findScenarioFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries
    .filter((e) => /\.ya?ml$/.test(e) && statSync(join(dir, e)).isFile())
    .map((e) => join(dir, e))
    .sort();
}

export interface Catalog {
  readonly scenarios: readonly Scenario[];
  /** Files that did not validate: the catalog is unusable until they do. */
  readonly invalid: readonly ScenarioInvalidError[];
}

/**
 * Loads the catalog under `dir`; files are named relative to `cwd` (so the
 * replay command works from there). Two scenarios with one name are refused.
 */
export function loadCatalog(dir: string, registry: ProductRegistry, cwd: string = process.cwd()): Catalog {
  const scenarios: Scenario[] = [];
  const invalid: ScenarioInvalidError[] = [];
  const byName = new Map<string, string>();
  for (const file of findScenarioFiles(dir)) {
    const display = displayPath(cwd, file);
    try {
      const scenario = loadScenarioFile(file, registry, display);
      const other = byName.get(scenario.name);
      if (other) throw new LabError({ code: "SCENARIO_DUPLICATE", message: `${display}: scenario name "${scenario.name}" is already used by ${other}` });
      byName.set(scenario.name, display);
      scenarios.push(scenario);
    } catch (error) {
      if (isScenarioInvalid(error)) invalid.push(error);
      else throw error;
    }
  }
  return { scenarios, invalid };
}
