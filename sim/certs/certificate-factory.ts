import { isIP } from "node:net";
import { LabError, type Rng } from "../kernel/index.ts";
import { importSigningKey, KEY_POOL_SIZE, poolIndexOf, poolKey, poolKeyMaterial, SIGNING_ALGORITHM } from "./key-pool.ts";
import { minted } from "./minted-cache.ts";
import { LabCertificate } from "./lab-certificate.ts";
import { crypto, x509 } from "./webcrypto.ts";

/** A certificate and its private key, as a .pfx would carry them. */
export interface CertificateWithKey {
  readonly certificate: LabCertificate;
  /** PKCS#8, PEM. */
  readonly privateKeyPem: string;
  /** Which pool key this is (-1 for a key from outside the pool). */
  readonly keyIndex: number;
}

export interface CertificateOptions {
  /** A distinguished name ("CN=web01, O=Contoso") or a bare name, taken as the CN. */
  subject: string;
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  notBefore: Date;
  notAfter: Date;
  isCa?: boolean;
  /** Use this pool key instead of the next one (a renewal that keeps its key). */
  keyIndex?: number;
}

export interface IssuedCertificateOptions extends CertificateOptions {
  /**
   * The signing CA. Its private key is used as given: a key that does not
   * belong to its certificate yields a certificate whose signature fails,
   * which is how the lab forges one.
   */
  issuer: CertificateWithKey;
}

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature;
const LEAF_KEY_USAGE = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;

/**
 * Mints real X.509 certificates from the shipped key pool. Keys and serial
 * numbers come from the lab rng, so the same seed and the same calls give the
 * same certificates, byte for byte.
 */
export class CertificateFactory {
  readonly #keyRng: Rng;
  readonly #serialRng: Rng;
  #round: number[] = [];

  constructor(rng: Rng) {
    // Separate streams: forcing a keyIndex must not shift later serial numbers.
    this.#keyRng = rng.fork("cert-keys");
    this.#serialRng = rng.fork("cert-serials");
  }

  async selfSigned(opts: CertificateOptions): Promise<CertificateWithKey> {
    const plan = this.#plan(opts);
    return minted(mintInputs("self", plan, opts), async () => {
      const keys = await poolKeyMaterial(plan.keyIndex);
      const extensions = this.#extensions(opts, keys.subjectKeyId);
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: plan.serialNumber,
          subject: plan.subject,
          issuer: plan.subject,
          notBefore: opts.notBefore,
          notAfter: opts.notAfter,
          publicKey: keys.publicKey,
          signingKey: keys.privateKey,
          signingAlgorithm: SIGNING_ALGORITHM,
          extensions,
        },
        crypto,
      );
      return freezeWithKey(cert, plan.keyIndex);
    });
  }

  async issued(opts: IssuedCertificateOptions): Promise<CertificateWithKey> {
    const issuer = opts?.issuer;
    if (!issuer || !(issuer.certificate instanceof LabCertificate) || typeof issuer.privateKeyPem !== "string") {
      throw new LabError({ code: "CERT_ISSUER_INVALID", message: "issued() needs an issuer: a CertificateWithKey with the CA's certificate and private key" });
    }
    const plan = this.#plan(opts);
    const inputs = { ...mintInputs("issued", plan, opts), issuer: issuer.certificate.thumbprint, issuerKey: issuer.privateKeyPem };
    return minted(inputs, async () => {
      const keys = await poolKeyMaterial(plan.keyIndex);
      const signingKey = await signingKeyOf(issuer);
      const extensions = this.#extensions(opts, keys.subjectKeyId);
      if (issuer.certificate.subjectKeyId) extensions.push(new x509.AuthorityKeyIdentifierExtension(issuer.certificate.subjectKeyId.toLowerCase()));
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: plan.serialNumber,
          subject: plan.subject,
          issuer: issuer.certificate.subject,
          notBefore: opts.notBefore,
          notAfter: opts.notAfter,
          publicKey: keys.publicKey,
          signingKey,
          signingAlgorithm: SIGNING_ALGORITHM,
          extensions,
        },
        crypto,
      );
      return freezeWithKey(cert, plan.keyIndex);
    });
  }

  /** Validates the options and draws the key and serial (in this order, always). */
  #plan(opts: CertificateOptions): { subject: string; keyIndex: number; serialNumber: string } {
    if (!opts || typeof opts !== "object") throw new LabError({ code: "CERT_OPTIONS_INVALID", message: "certificate options are missing" });
    const subject = subjectName(opts.subject);
    checkValidity(opts.notBefore, opts.notAfter);
    for (const name of opts.dnsNames ?? []) checkDnsName(name);
    for (const ip of opts.ipAddresses ?? []) checkIp(ip);
    const keyIndex = opts.keyIndex === undefined ? this.#nextKeyIndex() : poolKey(opts.keyIndex).index;
    return { subject, keyIndex, serialNumber: this.#nextSerial() };
  }

  /** Keys are dealt from shuffled rounds of the pool, so no two of 24 consecutive certificates share a key. */
  #nextKeyIndex(): number {
    if (this.#round.length === 0) this.#round = this.#keyRng.shuffle([...Array(KEY_POOL_SIZE).keys()]);
    return this.#round.pop()!;
  }

  /** 16 random bytes with the top bit clear and a non-zero first byte: a positive 128-bit integer that encodes to exactly 16 bytes. */
  #nextSerial(): string {
    const bytes = this.#serialRng.bytes(16);
    bytes[0] = (bytes[0]! & 0x7f) || 0x01;
    return Buffer.from(bytes).toString("hex");
  }

  #extensions(opts: CertificateOptions, subjectKeyId: string): x509.Extension[] {
    const isCa = opts.isCa === true;
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(isCa, undefined, true),
      new x509.KeyUsagesExtension(isCa ? CA_KEY_USAGE : LEAF_KEY_USAGE, true),
      new x509.SubjectKeyIdentifierExtension(subjectKeyId),
    ];
    if (!isCa) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]));
    const names: x509.JsonGeneralName[] = [
      ...(opts.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
      ...(opts.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
    ];
    if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));
    return extensions;
  }
}

/** Everything a minted certificate depends on (the draws are in `plan`). */
function mintInputs(kind: string, plan: { subject: string; keyIndex: number; serialNumber: string }, opts: CertificateOptions): Record<string, unknown> {
  return {
    kind,
    ...plan,
    notBefore: opts.notBefore.getTime(),
    notAfter: opts.notAfter.getTime(),
    dnsNames: opts.dnsNames ?? [],
    ipAddresses: opts.ipAddresses ?? [],
    isCa: opts.isCa ?? false,
  };
}

function freezeWithKey(cert: x509.X509Certificate, keyIndex: number): CertificateWithKey {
  return Object.freeze({ certificate: new LabCertificate(cert.rawData), privateKeyPem: poolKey(keyIndex).privateKeyPem, keyIndex });
}

async function signingKeyOf(issuer: CertificateWithKey): Promise<CryptoKey> {
  // The pool index is trusted only when it names this very key; otherwise the PEM is imported as given.
  const index = Number.isInteger(issuer.keyIndex) && issuer.keyIndex >= 0 && issuer.keyIndex < KEY_POOL_SIZE ? issuer.keyIndex : -1;
  if (index >= 0 && poolKey(index).privateKeyPem === issuer.privateKeyPem) return (await poolKeyMaterial(index)).privateKey;
  const found = poolIndexOf(issuer.privateKeyPem);
  if (found >= 0) return (await poolKeyMaterial(found)).privateKey;
  return importSigningKey(issuer.privateKeyPem);
}

function subjectName(subject: unknown): string {
  if (typeof subject !== "string" || subject.trim() === "") {
    throw new LabError({ code: "CERT_SUBJECT_INVALID", message: "a certificate needs a subject, e.g. \"CN=web01.corp.contoso.com\"" });
  }
  const dn = subject.includes("=") ? subject.trim() : `CN=${subject.trim()}`;
  try {
    new x509.Name(dn);
  } catch (cause) {
    throw new LabError({ code: "CERT_SUBJECT_INVALID", message: `subject "${subject}" is not a distinguished name: ${(cause as Error).message}` });
  }
  return dn;
}

function checkValidity(notBefore: unknown, notAfter: unknown): void {
  const ok = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());
  if (!ok(notBefore) || !ok(notAfter)) {
    throw new LabError({ code: "CERT_VALIDITY_INVALID", message: "notBefore and notAfter must be valid Dates (take them from clock.date())" });
  }
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new LabError({
      code: "CERT_VALIDITY_INVALID",
      message: `notAfter (${notAfter.toISOString()}) must be later than notBefore (${notBefore.toISOString()})`,
    });
  }
}

/** Lenient on purpose: a self-made certificate may carry odd names (wildcards in odd places), which name matching then rejects. */
function checkDnsName(name: unknown): void {
  if (typeof name !== "string" || !/^[\x21-\x7e]{1,253}$/.test(name)) {
    throw new LabError({ code: "CERT_DNS_NAME_INVALID", message: `"${String(name)}" is not a DNS name (printable ASCII, no spaces, at most 253 characters)` });
  }
}

function checkIp(ip: unknown): void {
  if (typeof ip !== "string" || isIP(ip) === 0) {
    throw new LabError({ code: "CERT_IP_INVALID", message: `"${String(ip)}" is not an IPv4 or IPv6 address` });
  }
}
