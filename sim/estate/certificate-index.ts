import type { CertificateWithKey } from "../certs/index.ts";
import { LabError } from "../kernel/index.ts";
import type { Lab } from "../lab.ts";

/** The lab's certificates by (host, name), shared with the lab builder (same state key and key form). */
export function certificateIndex(lab: Lab): Map<string, CertificateWithKey> {
  return lab.state("lab.certificates", () => new Map<string, CertificateWithKey>());
}

export function certificateKey(host: string, name: string): string {
  return `${host}/${name}`.toLowerCase();
}

/** The certificate a scenario created under that name on that host (at build or by `cert: create`). */
export function namedCertificate(lab: Lab, hostName: string, name: string): CertificateWithKey {
  const host = lab.host(hostName);
  const found = certificateIndex(lab).get(certificateKey(host.name, name));
  if (found) return found;
  const prefix = `${host.name.toLowerCase()}/`;
  const known = [...certificateIndex(lab).keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  throw new LabError({
    code: "CERT_UNKNOWN",
    message: `no certificate named "${name}" on ${host.name}; known there: ${known.join(", ") || "none"}`,
    remedy: "create it first (lab hosts[].certificates or a `cert: { host, create: { name } }` step)",
  });
}
