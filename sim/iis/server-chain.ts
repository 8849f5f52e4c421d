import type { CertificateStores, LabCertificate } from "../certs/index.ts";

/**
 * The certificates a server sends after its own: the chain SChannel builds
 * from the server's LocalMachine\CA and Root stores, walking up by issuer
 * name, root included when the server has it (as IIS does). The client
 * still decides trust from its own Root store; a root the server sends does
 * not make it trusted.
 */
export function serverIntermediates(stores: CertificateStores, leaf: LabCertificate, max = 8): LabCertificate[] {
  const pool = [...(stores.existing("LocalMachine", "CA")?.certificates() ?? []), ...(stores.existing("LocalMachine", "Root")?.certificates() ?? [])];
  const out: LabCertificate[] = [];
  let current = leaf;
  while (out.length < max && !current.selfIssued) {
    const issuer = pool.find((c) => c.subject.toLowerCase() === current.issuer.toLowerCase() && !out.includes(c) && current.isSignedBy(c));
    if (!issuer) break;
    out.push(issuer);
    current = issuer;
  }
  return out;
}
