import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { LabError } from "../kernel/index.ts";
import { didYouMean } from "./closest.ts";
import { globToRegExp, isGlob } from "./glob.ts";
import type { ProductRegistry } from "./product-registry.ts";
import type { Scenario } from "./scenario.ts";
import { displayPath, findScenarioFiles } from "./scenario-catalog.ts";
import { loadScenarioFile } from "./scenario-loader.ts";

/**
 * Resolves `lab run` targets, in order: a file or directory path (loaded,
 * inside the catalog or not), a glob over the catalog's file paths and names,
 * or a scenario name. No target means the whole catalog.
 */
export function selectScenarios(targets: readonly string[], catalog: readonly Scenario[], registry: ProductRegistry, cwd: string = process.cwd()): Scenario[] {
  if (targets.length === 0) return [...catalog];
  const chosen = new Map<string, Scenario>();
  const add = (s: Scenario) => chosen.set(`${s.file ?? ""}\u0000${s.name}`, s);
  const display = (path: string) => displayPath(cwd, path);
  const fromFile = (path: string) => catalog.find((s) => s.file === display(path)) ?? loadScenarioFile(path, registry, display(path));

  for (const target of targets) {
    const path = resolve(cwd, target);
    if (!isGlob(target) && existsSync(path)) {
      if (statSync(path).isDirectory()) findScenarioFiles(path).forEach((f) => add(fromFile(f)));
      else add(fromFile(path));
      continue;
    }
    if (isGlob(target)) {
      const re = globToRegExp(target.replace(/^\.\//, ""));
      const hits = catalog.filter((s) => re.test(s.name) || (s.file !== undefined && re.test(s.file)));
      if (hits.length === 0) throw new LabError({ code: "SCENARIO_NOT_FOUND", message: `${target}: matches no scenario of the catalog` });
      hits.forEach(add);
      continue;
    }
    const named = catalog.find((s) => s.name === target);
    if (!named) {
      const names = catalog.map((s) => s.name);
      throw new LabError({
        code: "SCENARIO_NOT_FOUND",
        message: `${target}: no such file, and no scenario of that name in the catalog${didYouMean(target, names)}${names.length === 0 ? " (the catalog is empty)" : ""}`,
      });
    }
    add(named);
  }
  return [...chosen.values()];
}
