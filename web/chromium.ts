import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { LabError } from "../sim/kernel/index.ts";

/** Debian's Chromium (`apt-get install -y chromium`); LAB_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Headless and quiet: no sandbox (containers, root), nothing fetched from the network, no first-run work. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export type ChromiumAvailability = { readonly available: true; readonly executablePath: string } | { readonly available: false; readonly reason: string };

/**
 * Whether browser tests can run here. Without Chromium they skip, saying
 * why, except under CI=true, where a missing browser is an error: CI must
 * run them.
 */
export function chromiumAvailability(env: Readonly<Record<string, string | undefined>> = process.env, exists: (path: string) => boolean = existsSync): ChromiumAvailability {
  const executablePath = env.LAB_CHROMIUM || CHROMIUM_PATH;
  if (exists(executablePath)) return { available: true, executablePath };
  const how = env.LAB_CHROMIUM ? `LAB_CHROMIUM=${env.LAB_CHROMIUM} does not exist` : `no Chromium at ${CHROMIUM_PATH}`;
  if (env.CI === "true") {
    throw new LabError({ code: "CHROMIUM_MISSING", message: `browser tests must run under CI=true, but ${how}: apt-get update && apt-get install -y chromium` });
  }
  return { available: false, reason: `browser tests skipped: ${how} (apt-get update && apt-get install -y chromium, or set LAB_CHROMIUM)` };
}

export interface ChromiumSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Switches besides CHROMIUM_ARGS. */
  readonly args?: readonly string[];
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Writes into the new profile before the browser starts (trusted roots, preferences). */
  readonly prepareProfile?: (dir: string) => void;
}

/** A headless Chromium with a new profile (empty unless `prepareProfile` writes one), removed again on close. */
export async function launchChromium(executablePath: string, options: LaunchOptions = {}): Promise<ChromiumSession> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "lab-chromium-"));
  try {
    options.prepareProfile?.(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: { width: options.viewport?.width ?? 1280, height: options.viewport?.height ?? 900 },
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
