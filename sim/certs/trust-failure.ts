export type TrustFailure = "untrusted-root" | "partial-chain" | "expired" | "not-yet-valid" | "name-mismatch" | "revoked" | "bad-signature";

export interface TrustFailureInfo {
  /** The HRESULT Windows reports for it (what .NET and the event log show). */
  readonly hresult: string;
  readonly symbol: string;
  /** Windows' own wording. */
  readonly message: string;
}

/** How Windows names each failure, so higher layers can show the error an admin would search for. */
export const TRUST_FAILURES: Readonly<Record<TrustFailure, TrustFailureInfo>> = Object.freeze({
  "bad-signature": { hresult: "0x80096004", symbol: "TRUST_E_CERT_SIGNATURE", message: "The signature of the certificate cannot be verified." },
  "untrusted-root": {
    hresult: "0x800B0109",
    symbol: "CERT_E_UNTRUSTEDROOT",
    message: "A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.",
  },
  "partial-chain": { hresult: "0x800B010A", symbol: "CERT_E_CHAINING", message: "A certificate chain could not be built to a trusted root authority." },
  expired: {
    hresult: "0x800B0101",
    symbol: "CERT_E_EXPIRED",
    message: "A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.",
  },
  "not-yet-valid": {
    hresult: "0x800B0101",
    symbol: "CERT_E_EXPIRED",
    message: "A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.",
  },
  revoked: { hresult: "0x80092010", symbol: "CRYPT_E_REVOKED", message: "The certificate is revoked." },
  "name-mismatch": { hresult: "0x800B010F", symbol: "CERT_E_CN_NO_MATCH", message: "The certificate's CN name does not match the passed value." },
});
