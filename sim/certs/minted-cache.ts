import type { CertificateWithKey } from "./certificate-factory.ts";

/**
 * Minting is a pure function of its inputs (pool key, serial, names, dates,
 * issuer): RSASSA-PKCS1-v1_5 signatures are deterministic, so the same inputs
 * give the same DER. A scenario and its remedied run, or a sweep's reruns,
 * mint the same certificates again; this memo returns the frozen result
 * instead of signing twice. It holds no lab's state and cannot be observed
 * (the rng draws happen before it is consulted), like the key pool's cache.
 */
const MINTED = new Map<string, CertificateWithKey>();
const LIMIT = 4096;

/** `key` names every input of the mint, unambiguously (the factory's mintKey). */
export async function minted(key: string, mint: () => Promise<CertificateWithKey>): Promise<CertificateWithKey> {
  const known = MINTED.get(key);
  if (known) return known;
  const made = await mint();
  if (MINTED.size >= LIMIT) MINTED.clear();
  MINTED.set(key, made);
  return made;
}
