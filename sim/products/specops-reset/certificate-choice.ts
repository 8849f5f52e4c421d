import type { CertificateStores, StoreEntry } from "../../certs/index.ts";
import { normalizeThumbprint } from "../../certs/index.ts";

/** How the operator points at a certificate in the Setup Assistant: by friendly name or by thumbprint. */
export interface CertificateChoice {
  readonly friendlyName?: string;
  readonly thumbprint?: string;
}

export type CertificatePick =
  | { readonly ok: true; readonly entry: StoreEntry }
  | { readonly ok: false; readonly reason: "not-found" | "ambiguous" | "no-private-key"; readonly detail: string };

/**
 * The Setup Assistant lists the certificates of LocalMachine\My that have a
 * private key: only those can be selected. A friendly name may match several;
 * then the choice is ambiguous and the thumbprint has to decide.
 */
export function pickCertificate(stores: CertificateStores, choice: CertificateChoice): CertificatePick {
  const my = stores.store("LocalMachine", "My");
  let candidates: StoreEntry[];
  let described: string;
  if (choice.thumbprint !== undefined) {
    const entry = my.get(normalizeThumbprint(choice.thumbprint));
    candidates = entry ? [entry] : [];
    described = `thumbprint ${normalizeThumbprint(choice.thumbprint)}`;
  } else if (choice.friendlyName !== undefined) {
    candidates = my.findByFriendlyName(choice.friendlyName);
    described = `friendly name "${choice.friendlyName}"`;
  } else {
    return { ok: false, reason: "not-found", detail: "no certificate was chosen (give a friendly name or a thumbprint)" };
  }
  if (candidates.length === 0) return { ok: false, reason: "not-found", detail: `no certificate with ${described} in ${my.path}` };
  const withKey = candidates.filter((e) => e.privateKeyPem !== undefined);
  if (withKey.length === 0) return { ok: false, reason: "no-private-key", detail: `the certificate with ${described} in ${my.path} has no private key, so the Setup Assistant does not list it` };
  if (withKey.length > 1) {
    return { ok: false, reason: "ambiguous", detail: `${withKey.length} certificates have ${described}: ${withKey.map((e) => e.certificate.thumbprint).join(", ")}; choose by thumbprint` };
  }
  return { ok: true, entry: withKey[0]! };
}
