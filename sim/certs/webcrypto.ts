/**
 * The one WebCrypto the certs folder uses: Node's. @peculiar/x509 needs
 * reflect-metadata loaded before it (its DI container relies on it), and is
 * handed this provider explicitly so nothing depends on global detection.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

export const crypto = webcrypto as unknown as Crypto;
export const subtle = crypto.subtle;

// Idempotent: every call sets the same provider, so this is configuration, not state.
x509.cryptoProvider.set(crypto);

export { x509 };
