import type { CertificateStores, StoreEntry } from "../certs/index.ts";
import { describeBinding, type Binding } from "./binding.ts";

/** What the server presents in a TLS handshake, or why it cannot (the browser sees the connection reset). */
export type BoundCertificate =
  | { readonly ok: true; readonly entry: StoreEntry & { readonly privateKeyPem: string }; readonly site: string; readonly binding: Binding }
  | { readonly ok: false; readonly reason: string };

/**
 * Looks up a binding's certificate in LocalMachine\My at handshake time: a
 * certificate deleted after it was bound, or one without its key, breaks the
 * handshake (http.sys logs event 15021 and resets the connection).
 */
export function checkBoundCertificate(certs: CertificateStores, site: string, binding: Binding): BoundCertificate {
  const thumbprint = binding.certificateThumbprint;
  if (thumbprint === undefined) return { ok: false, reason: `the binding ${describeBinding(binding)} of site "${site}" has no SSL certificate` };
  const entry = certs.existing("LocalMachine", "My")?.get(thumbprint);
  if (!entry) return { ok: false, reason: `certificate ${thumbprint} bound to ${describeBinding(binding)} of site "${site}" is no longer in LocalMachine\\My` };
  const privateKeyPem = entry.privateKeyPem;
  if (privateKeyPem === undefined) return { ok: false, reason: `certificate ${thumbprint} bound to ${describeBinding(binding)} of site "${site}" has no private key` };
  return { ok: true, entry: { ...entry, privateKeyPem }, site, binding };
}
