import { statSync } from "node:fs";
import { findScenarioFiles, loadCatalog, type ProductRegistry, type Scenario } from "../sim/scenario/index.ts";

export interface LoadedCatalog {
  readonly scenarios: readonly Scenario[];
  /** The messages of the files that did not validate. */
  readonly invalid: readonly string[];
}

/**
 * The catalog as of now: read again only when a file was added, removed or
 * changed (validating every file is what costs), so an edited scenario shows
 * without a restart and a run does not wait for a full reload.
 */
export class CatalogCache {
  readonly #dir: string;
  readonly #registry: ProductRegistry;
  readonly #cwd: string;
  #signature: string | undefined;
  #loaded: LoadedCatalog | undefined;

  constructor(dir: string, registry: ProductRegistry, cwd: string) {
    this.#dir = dir;
    this.#registry = registry;
    this.#cwd = cwd;
  }

  current(): LoadedCatalog {
    const signature = findScenarioFiles(this.#dir)
      .map((file) => {
        const s = statSync(file, { throwIfNoEntry: false });
        return `${file}\u0000${s?.mtimeMs ?? 0}\u0000${s?.size ?? 0}`;
      })
      .join("\n");
    if (this.#loaded && signature === this.#signature) return this.#loaded;
    const catalog = loadCatalog(this.#dir, this.#registry, this.#cwd);
    this.#loaded = { scenarios: catalog.scenarios, invalid: catalog.invalid.map((e) => e.message) };
    this.#signature = signature;
    return this.#loaded;
  }
}
