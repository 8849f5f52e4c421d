import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LabCertificate } from "../../sim/certs/index.ts";
import { CHROMIUM_ARGS, type ChromiumSession } from "../index.ts";
import { writeChromiumProfile } from "./browser-trust.ts";

/**
 * Chromium's --host-resolver-rules for the lab's names: each to 127.0.0.1,
 * where the real front listens; every other name fails to resolve, so
 * nothing the pages ask for leaves this machine.
 */
export function hostResolverRules(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.toLowerCase()))].map((n) => `MAP ${n} 127.0.0.1`).concat("MAP * ~NOTFOUND").join(", ");
}

export interface PagesBrowserOptions {
  readonly executablePath: string;
  /** The lab names the browser may ask for (see pageNames). */
  readonly names: readonly string[];
  /** The roots it trusts (see trustedRoots): a new profile trusts these and nothing of the lab else. */
  readonly roots: readonly LabCertificate[];
}

/** A headless Chromium that reaches the lab by name and trusts what a lab client trusts; its profile is removed on close. */
export async function launchPagesBrowser(options: PagesBrowserOptions): Promise<ChromiumSession> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "lab-pages-"));
  try {
    writeChromiumProfile(profile, options.roots);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${hostResolverRules(options.names)}`],
      viewport: { width: 960, height: 540 },
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
