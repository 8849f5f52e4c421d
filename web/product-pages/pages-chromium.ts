import type { LabCertificate } from "../../sim/certs/index.ts";
import { launchChromium, type ChromiumSession } from "../index.ts";
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
export function launchPagesBrowser(options: PagesBrowserOptions): Promise<ChromiumSession> {
  return launchChromium(options.executablePath, {
    prepareProfile: (profile) => writeChromiumProfile(profile, options.roots),
    args: [`--host-resolver-rules=${hostResolverRules(options.names)}`],
    viewport: { width: 960, height: 540 },
  });
}
