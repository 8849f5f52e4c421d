import { createHash, X509Certificate as NodeX509Certificate } from "node:crypto";
import { LabError } from "../kernel/index.ts";
import { privateKeyObject } from "./key-pool.ts";
import { x509 } from "./webcrypto.ts";

export type Validity = "valid" | "expired" | "not-yet-valid";

declare const mintedBrand: unique symbol;

/**
 * What the factory knows of a certificate it has just generated: the
 * generator's own parse of the DER and the extension objects it embedded
 * (each one the library's parse of the very bytes it wrote), so the
 * certificate is not read back twice. Only certificate-factory.ts makes one.
 */
export interface MintedParts {
  readonly [mintedBrand]: true;
  readonly parsed: x509.X509Certificate;
  readonly extensions: readonly x509.Extension[];
  /** The key the factory put in it (a pool key), which it therefore matches. */
  readonly privateKeyPem: string;
  /** Signed with the key whose public half it carries (a self-signed mint), so its own signature verifies. */
  readonly signedBySelf: boolean;
  /** The issuer's certificate, when the key that signed is known to be that certificate's. */
  readonly signedBy?: LabCertificate;
}

/** Brands the factory's parts (a cast: the brand exists only for the type checker). */
export function mintedParts(parts: Omit<MintedParts, typeof mintedBrand>): MintedParts {
  return parts as MintedParts;
}

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

  constructor(der: Uint8Array | ArrayBuffer, minted?: MintedParts) {
    let bytes: Uint8Array<ArrayBuffer>;
    let parsed: x509.X509Certificate;
    if (minted) {
      // The generator's buffer is private to this certificate from here on: no copy needed.
      bytes = new Uint8Array(der instanceof ArrayBuffer ? der : der.slice());
      parsed = minted.parsed;
    } else {
      bytes = new Uint8Array(der instanceof ArrayBuffer ? der.slice(0) : der.slice());
      try {
        parsed = new x509.X509Certificate(bytes);
      } catch (cause) {
        throw new LabError({
          code: "CERT_PARSE_FAILED",
          message: `not a DER-encoded X.509 certificate: ${(cause as Error).message}`,
          details: { bytes: bytes.length },
        });
      }
    }
    // Reading the parsed certificate's extensions re-encodes and re-parses every one; the mint already holds them.
    const extensions = minted?.extensions ?? parsed.extensions;
    const extension = <T extends x509.Extension>(type: abstract new (...args: never[]) => T): T | undefined => extensions.find((e): e is T => e instanceof type);
    this.#der = bytes;
    this.thumbprint = createHash("sha1").update(bytes).digest("hex").toUpperCase();
    this.serialNumber = parsed.serialNumber.toUpperCase();
    this.subject = parsed.subject;
    this.issuer = parsed.issuer;
    this.commonName = parsed.subjectName.getField("CN")[0];
    const names = extension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
    this.dnsNames = Object.freeze(names.filter((n) => n.type === "dns").map((n) => n.value));
    this.ipAddresses = Object.freeze(names.filter((n) => n.type === "ip").map((n) => n.value));
    this.notBefore = parsed.notBefore;
    this.notAfter = parsed.notAfter;
    this.isCa = extension(x509.BasicConstraintsExtension)?.ca ?? false;
    this.subjectKeyId = extension(x509.SubjectKeyIdentifierExtension)?.keyId.toUpperCase();
    this.authorityKeyId = extension(x509.AuthorityKeyIdentifierExtension)?.keyId?.toUpperCase();
    this.selfIssued = sameName(this.subject, this.issuer);
    if (minted) {
      // Known by construction (the factory signed it and chose its key): no OpenSSL parse to find out.
      this.#keyMatches.set(minted.privateKeyPem, true);
      if (minted.signedBySelf) this.#signedBy.set(this, true);
      if (minted.signedBy) this.#signedBy.set(minted.signedBy, true);
    }
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
        answer = this.#nodeCertificate().checkPrivateKey(privateKeyObject(privateKeyPem));
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
