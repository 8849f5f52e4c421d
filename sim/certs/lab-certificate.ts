import { createHash, createPrivateKey, X509Certificate as NodeX509Certificate } from "node:crypto";
import { LabError } from "../kernel/index.ts";
import { x509 } from "./webcrypto.ts";

export type Validity = "valid" | "expired" | "not-yet-valid";

/**
 * One X.509 certificate, parsed once and frozen. It carries no private key:
 * a key travels beside it (CertificateWithKey, StoreEntry) as in Windows,
 * where the key is a property of the store entry, not of the certificate.
 */
export class LabCertificate {
  /** SHA-1 of the DER, 40 upper-case hex digits, as Windows shows it. */
  readonly thumbprint: string;
  /** Upper-case hex, as .NET's X509Certificate2.SerialNumber shows it. */
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  /** The subject's CN, used for name checks only when the certificate has no SAN. */
  readonly commonName: string | undefined;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /** X.509 stores whole seconds: these are the dates as encoded, milliseconds dropped. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Subject equals issuer (names only). */
  readonly selfIssued: boolean;
  /** Self-issued and its signature verifies with its own key. */
  readonly selfSigned: boolean;
  /** Basic constraints say CA=true. */
  readonly isCa: boolean;
  readonly subjectKeyId: string | undefined;
  readonly authorityKeyId: string | undefined;
  readonly #der: Uint8Array;
  /** Node's parse, made on first use (it costs about as much as signing); a memo, not state. */
  #node: NodeX509Certificate | undefined;
  /* Answers of the checks below, per issuer and per key: the certificate is immutable, so they never change. */
  readonly #signedBy = new WeakMap<LabCertificate, boolean>();
  readonly #keyMatches = new Map<string, boolean>();

  constructor(der: Uint8Array | ArrayBuffer) {
    const bytes = new Uint8Array(der instanceof ArrayBuffer ? der.slice(0) : der.slice());
    let parsed: x509.X509Certificate;
    try {
      parsed = new x509.X509Certificate(bytes);
    } catch (cause) {
      throw new LabError({
        code: "CERT_PARSE_FAILED",
        message: `not a DER-encoded X.509 certificate: ${(cause as Error).message}`,
        details: { bytes: bytes.length },
      });
    }
    this.#der = bytes;
    this.thumbprint = createHash("sha1").update(bytes).digest("hex").toUpperCase();
    this.serialNumber = parsed.serialNumber.toUpperCase();
    this.subject = parsed.subject;
    this.issuer = parsed.issuer;
    this.commonName = parsed.subjectName.getField("CN")[0];
    const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
    const names = san?.names.items ?? [];
    this.dnsNames = Object.freeze(names.filter((n) => n.type === "dns").map((n) => n.value));
    this.ipAddresses = Object.freeze(names.filter((n) => n.type === "ip").map((n) => n.value));
    this.notBefore = parsed.notBefore;
    this.notAfter = parsed.notAfter;
    this.isCa = parsed.getExtension(x509.BasicConstraintsExtension)?.ca ?? false;
    this.subjectKeyId = parsed.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId.toUpperCase();
    this.authorityKeyId = parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId?.toUpperCase();
    this.selfIssued = sameName(this.subject, this.issuer);
    this.selfSigned = this.selfIssued && this.isSignedBy(this);
    Object.freeze(this);
  }

  static fromPem(pem: string): LabCertificate {
    const match = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(typeof pem === "string" ? pem : "");
    if (!match) throw new LabError({ code: "CERT_PEM_INVALID", message: "expected a PEM block \"CERTIFICATE\"" });
    return new LabCertificate(Buffer.from(match[1]!.replace(/\s+/g, ""), "base64"));
  }

  /** The DER bytes (a copy: the certificate itself stays immutable). */
  get der(): Uint8Array {
    return this.#der.slice();
  }

  toPem(): string {
    const b64 = Buffer.from(this.#der).toString("base64");
    return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
  }

  /** Whether `issuer`'s public key verifies this certificate's signature (nothing else is checked). */
  isSignedBy(issuer: LabCertificate): boolean {
    if (!(issuer instanceof LabCertificate)) return false;
    let answer = this.#signedBy.get(issuer);
    if (answer === undefined) {
      try {
        answer = this.#nodeCertificate().verify(issuer.#nodeCertificate().publicKey);
      } catch {
        answer = false;
      }
      this.#signedBy.set(issuer, answer);
    }
    return answer;
  }

  /** Whether `privateKeyPem` is the key of this certificate. */
  matchesPrivateKey(privateKeyPem: string): boolean {
    if (typeof privateKeyPem !== "string") return false;
    let answer = this.#keyMatches.get(privateKeyPem);
    if (answer === undefined) {
      try {
        answer = this.#nodeCertificate().checkPrivateKey(createPrivateKey({ key: privateKeyPem, format: "pem" }));
      } catch {
        answer = false;
      }
      this.#keyMatches.set(privateKeyPem, answer);
    }
    return answer;
  }

  #nodeCertificate(): NodeX509Certificate {
    this.#node ??= new NodeX509Certificate(this.#der);
    return this.#node;
  }

  validityAt(date: Date): Validity {
    if (date.getTime() < this.notBefore.getTime()) return "not-yet-valid";
    if (date.getTime() > this.notAfter.getTime()) return "expired";
    return "valid";
  }

  equals(other: LabCertificate): boolean {
    return other instanceof LabCertificate && other.thumbprint === this.thumbprint;
  }

  /** A summary for traces and reports (the DER stays out). */
  toJSON(): Record<string, unknown> {
    return {
      thumbprint: this.thumbprint,
      serialNumber: this.serialNumber,
      subject: this.subject,
      issuer: this.issuer,
      dnsNames: [...this.dnsNames],
      ipAddresses: [...this.ipAddresses],
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
      isCa: this.isCa,
      selfSigned: this.selfSigned,
    };
  }
}

/** Distinguished names compare case-insensitively, as CryptoAPI's name match does for the lab's names. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
