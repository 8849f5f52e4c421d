#!/usr/bin/env node
// The package's `bin`. Runs the CLI from dist/lab.mjs, one ES module bundled by esbuild (see
// scripts/build-cli.mjs: it starts ~0.8 s sooner than TypeScript through tsx), rebuilding it first when
// a source under bin/, sim/, web/ or scripts/ is newer. Through tsx instead when LAB_EXTRA_PRODUCTS names
// TypeScript modules to load (tests), when LAB_NO_BUNDLE is set, or when the bundle cannot be built.
import { pathToFileURL } from "node:url";

async function bundledCli() {
  if (process.env.LAB_EXTRA_PRODUCTS || process.env.LAB_NO_BUNDLE) return undefined;
  try {
    const { BUNDLE, buildCli, isStale } = await import("../scripts/build-cli.mjs");
    if (isStale()) await buildCli();
    return pathToFileURL(BUNDLE).href;
  } catch (error) {
    process.stderr.write(`lab: running through tsx (the bundle could not be built: ${error instanceof Error ? error.message : error})\n`);
    return undefined;
  }
}

const bundle = await bundledCli();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./lab.ts");
}
