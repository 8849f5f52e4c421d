import { LabError } from "../kernel/index.ts";
import { LabCertificate } from "./lab-certificate.ts";
import { normalizeSerialNumber, normalizeThumbprint } from "./thumbprint.ts";

export interface RevocationEntry {
  readonly serialNumber: string;
  readonly revokedAt?: Date;
}

/**
 * What a CA's CRL says, without the CRL file: the serial numbers it revoked.
 * A list bound to its issuer answers only for that issuer's certificates, as
 * a serial number is unique per issuer, not globally.
 */
export class RevocationList {
  readonly #revoked = new Map<string, RevocationEntry>();

  constructor(readonly issuer?: LabCertificate) {
    if (issuer !== undefined && !(issuer instanceof LabCertificate)) {
      throw new LabError({ code: "CERT_REVOCATION_ISSUER_INVALID", message: "a revocation list's issuer must be a LabCertificate" });
    }
  }

  revoke(serialNumber: string, revokedAt?: Date): void {
    const key = normalizeSerialNumber(serialNumber);
    this.#revoked.set(key, Object.freeze({ serialNumber: key, ...(revokedAt ? { revokedAt } : {}) }));
  }

  /** Takes a serial back off the list (a certificate hold being released). */
  unrevoke(serialNumber: string): boolean {
    return this.#revoked.delete(normalizeSerialNumber(serialNumber));
  }

  isRevoked(serialNumber: string, issuerThumbprint?: string): boolean {
    if (this.issuer && issuerThumbprint !== undefined && normalizeThumbprint(issuerThumbprint) !== this.issuer.thumbprint) return false;
    return this.#revoked.has(normalizeSerialNumber(serialNumber));
  }

  entry(serialNumber: string): RevocationEntry | undefined {
    return this.#revoked.get(normalizeSerialNumber(serialNumber));
  }

  list(): RevocationEntry[] {
    return [...this.#revoked.values()];
  }
}
