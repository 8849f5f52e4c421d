// Bundles the `lab` CLI (bin/lab.ts and everything it imports from sim/ and web/) into one ES module,
// dist/lab.mjs, with esbuild. Why: through tsx, Node resolves and transforms ~300 TypeScript modules
// one by one on every start (about 0.8 s before the first scenario runs); one pre-built file loads in
// about 0.1 s. npm packages stay external (node_modules is there at run time).
//
//   node scripts/build-cli.mjs          (npm ci runs it as `prepare`; bin/lab.js runs it when stale)
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLE = join(ROOT, "dist", "lab.mjs");
/** What the bundle is built from: a newer file here makes it stale. */
export const SOURCE_DIRS = ["bin", "sim", "web", "scripts"].map((d) => join(ROOT, d));

/**
 * Modules find their own files (the catalog, web/client, package.json) from import.meta.url: each
 * module keeps its source file's URL in the bundle instead of the bundle's.
 */
const keepOwnUrl = {
  name: "keep-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

/** The newest modification time (ms) of any file under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A bundle is stale when it is missing or any file under `dirs` is newer (an edit, a checkout). */
export function isStale(bundle = BUNDLE, dirs = SOURCE_DIRS) {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return dirs.some((dir) => newestMtime(dir) > built);
}

export async function buildCli(outfile = BUNDLE) {
  const { build } = await import("esbuild");
  mkdirSync(dirname(outfile), { recursive: true });
  // Written aside and renamed: two `lab` processes rebuilding at once never load half a file.
  const temp = `${outfile}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(ROOT, "bin", "lab.ts")],
    outfile: temp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "warning",
    plugins: [keepOwnUrl],
  });
  renameSync(temp, outfile);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  console.log(`built ${BUNDLE}`);
}
