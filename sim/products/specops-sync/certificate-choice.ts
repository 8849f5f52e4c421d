import { normalizeThumbprint, sameName, type StoreEntry } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";

export type CertificateSource = "self-signed" | "ad-cs" | "other-ca";

/** A certificate the Sync Server setup can select: in LocalMachine\My, with its private key. */
export function findServerCertificate(host: Host, nameOrThumbprint: string | undefined): StoreEntry | undefined {
  const my = host.certs.store("LocalMachine", "My");
  const usable = (e: StoreEntry | undefined): e is StoreEntry => e !== undefined && e.privateKeyPem !== undefined;
  if (nameOrThumbprint === undefined) return my.list().find((e) => usable(e) && !e.certificate.isCa);
  const byName = my.findByFriendlyName(nameOrThumbprint).find(usable);
  if (byName) return byName;
  if (/^[0-9a-f\s]{40,}$/i.test(nameOrThumbprint)) {
    const entry = my.get(normalizeThumbprint(nameOrThumbprint));
    if (usable(entry)) return entry;
  }
  return undefined;
}

/** Where a certificate comes from: self-signed, an enterprise CA of the lab (AD Certificate Services), or another CA. */
export function certificateSource(lab: Lab, entry: StoreEntry): CertificateSource {
  const cert = entry.certificate;
  if (cert.selfSigned) return "self-signed";
  for (const spec of lab.spec.authorities ?? []) {
    const ca = lab.authorities.get(spec.name.toLowerCase());
    if (ca && spec.enterprise && sameName(ca.certificate.subject, cert.issuer) && cert.isSignedBy(ca.certificate)) return "ad-cs";
  }
  return "other-ca";
}
