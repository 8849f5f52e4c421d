import { LabError } from "../kernel/index.ts";
import type { CertificateFactory, CertificateOptions, CertificateWithKey } from "./certificate-factory.ts";
import { LabCertificate, sameName } from "./lab-certificate.ts";
import { RevocationList } from "./revocation-list.ts";

/** A CA as an object: its certificate and key, the factory it signs with, and the revocation list it keeps. */
export class CertificateAuthority {
  readonly revocations: RevocationList;

  constructor(
    readonly factory: CertificateFactory,
    readonly identity: CertificateWithKey,
  ) {
    if (!identity?.certificate?.isCa) {
      throw new LabError({
        code: "CERT_ISSUER_NOT_CA",
        message: `${identity?.certificate?.subject ?? "this certificate"} is not a CA certificate (basic constraints CA=false)`,
        remedy: "create the CA certificate with isCa: true",
      });
    }
    this.revocations = new RevocationList(identity.certificate);
  }

  get certificate(): LabCertificate {
    return this.identity.certificate;
  }

  issue(opts: CertificateOptions): Promise<CertificateWithKey> {
    return this.factory.issued({ ...opts, issuer: this.identity });
  }

  /** Revokes a certificate this CA issued (by certificate, or by serial number). */
  revoke(target: LabCertificate | string, revokedAt?: Date): void {
    if (target instanceof LabCertificate) {
      if (!sameName(target.issuer, this.certificate.subject) || !target.isSignedBy(this.certificate)) {
        throw new LabError({
          code: "CERT_NOT_ISSUED_BY_CA",
          message: `${target.subject} (serial ${target.serialNumber}) was not issued by ${this.certificate.subject}; only its issuer can revoke it`,
          details: { thumbprint: target.thumbprint, ca: this.certificate.thumbprint },
        });
      }
      this.revocations.revoke(target.serialNumber, revokedAt);
      return;
    }
    this.revocations.revoke(target, revokedAt);
  }
}
