import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The page's own files: index.html and its TypeScript modules. */
export const CLIENT_DIR = fileURLToPath(new URL("./client/", import.meta.url));

const require = createRequire(import.meta.url);
const MODULE_NAME = /^[a-z][a-z0-9-]*\.ts$/;

/**
 * The page's modules, served to the browser as JavaScript: the TypeScript
 * compiler strips the types of one file at a time (no bundle, no build
 * step, nothing written to disk). Cached per file until it changes.
 */
export class ClientModules {
  readonly #cache = new Map<string, { mtimeMs: number; js: string }>();
  #names: Promise<Set<string>> | undefined;

  /** JavaScript for `name` (e.g. "app.ts"), or undefined when it is not one of the page's modules. */
  async module(name: string): Promise<string | undefined> {
    if (!MODULE_NAME.test(name) || name.endsWith(".test.ts")) return undefined;
    this.#names ??= readdir(CLIENT_DIR).then((files) => new Set(files));
    if (!(await this.#names).has(name)) return undefined;
    const path = join(CLIENT_DIR, name);
    const { mtimeMs } = await stat(path);
    const cached = this.#cache.get(name);
    if (cached && cached.mtimeMs === mtimeMs) return cached.js;
    const js = transpile(await readFile(path, "utf8"), name);
    this.#cache.set(name, { mtimeMs, js });
    return js;
  }

  async page(): Promise<string> {
    return readFile(join(CLIENT_DIR, "index.html"), "utf8");
  }
}

function transpile(source: string, fileName: string): string {
  // Loaded on first use (half a second; only a browser needs it), by require: the compiler is CommonJS.
  const ts = require("typescript") as typeof import("typescript");
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  }).outputText;
}
