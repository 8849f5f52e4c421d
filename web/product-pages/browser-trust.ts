import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LabCertificate } from "../../sim/certs/index.ts";
import type { Lab } from "../../sim/lab.ts";

/**
 * The roots a browser on the lab host `client` trusts: that host's
 * LocalMachine\Root and CurrentUser\Root, the anchors the lab's own
 * simulated browser builds chains to.
 */
export function trustedRoots(lab: Lab, client: string): LabCertificate[] {
  const certs = lab.host(client).certs;
  const roots = new Map<string, LabCertificate>();
  for (const location of ["LocalMachine", "CurrentUser"] as const) {
    for (const cert of certs.existing(location, "Root")?.certificates() ?? []) roots.set(cert.thumbprint, cert);
  }
  return [...roots.values()];
}

/**
 * Chromium's profile preference for extra trust anchors (the one the
 * CACertificates enterprise policy sets; Chromium 156 honours it from a
 * profile's Preferences): each root as base64 DER. Real trust: Chromium
 * still builds the chain and checks dates and names, and refuses what the
 * lab's client would refuse. --ignore-certificate-errors-spki-list is no
 * substitute: a leaf's SPKI waives every error, a name mismatch included,
 * and a root's does nothing when the server does not send the root.
 * (Tried, Chromium 156: the --policy switch is ignored, no certutil for an
 * NSS database.)
 */
export function chromiumTrustPreferences(roots: readonly LabCertificate[]): { certificates: { ca_certificates: string[] } } {
  return { certificates: { ca_certificates: roots.map((r) => Buffer.from(r.der).toString("base64")) } };
}

/** Writes a new Chromium profile (user data dir) that trusts `roots`. */
export function writeChromiumProfile(userDataDir: string, roots: readonly LabCertificate[]): void {
  mkdirSync(join(userDataDir, "Default"), { recursive: true });
  writeFileSync(join(userDataDir, "Default", "Preferences"), JSON.stringify(chromiumTrustPreferences(roots)));
}
