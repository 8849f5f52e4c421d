import { isIP } from "node:net";
import { LabError, type Rng } from "../kernel/index.ts";
import { importSigningKey, KEY_POOL_SIZE, poolIndexOf, poolIndexOfPem, poolKey, poolKeyMaterial, SIGNING_ALGORITHM } from "./key-pool.ts";
import { minted } from "./minted-cache.ts";
import { certificateExtensions } from "./certificate-extensions.ts";
import { LabCertificate, mintedParts } from "./lab-certificate.ts";
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

/** A mint's draws (in this order: key, then serial) and its parsed subject. */
interface Plan {
  readonly subject: string;
  readonly name: x509.Name;
  readonly keyIndex: number;
  readonly serialNumber: string;
}

/**
 * Mints real X.509 certificates from the shipped key pool. Keys and serial
 * numbers come from the lab rng, so the same seed and the same calls give the
 * same certificates, byte for byte.
 */
export class CertificateFactory {
  readonly #rng: Rng | (() => Rng);
  #keyRng: Rng | undefined;
  #serialRng: Rng | undefined;
  #round: number[] = [];

  /**
   * `rng` may be given as a function: most labs mint nothing, and a fork
   * (which consumes nothing) can then wait until the first certificate.
   */
  constructor(rng: Rng | (() => Rng)) {
    this.#rng = rng;
  }

  // Separate streams: forcing a keyIndex must not shift later serial numbers.
  #streams(): { keys: Rng; serials: Rng } {
    if (!this.#keyRng || !this.#serialRng) {
      const rng = typeof this.#rng === "function" ? this.#rng() : this.#rng;
      this.#keyRng = rng.fork("cert-keys");
      this.#serialRng = rng.fork("cert-serials");
    }
    return { keys: this.#keyRng, serials: this.#serialRng };
  }

  async selfSigned(opts: CertificateOptions): Promise<CertificateWithKey> {
    const plan = this.#plan(opts);
    return minted(mintKey("self", plan, opts), async () => {
      const keys = await poolKeyMaterial(plan.keyIndex);
      const extensions = extensionsOf(opts, keys.subjectKeyId);
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: plan.serialNumber,
          subject: plan.name,
          issuer: plan.name,
          notBefore: opts.notBefore,
          notAfter: opts.notAfter,
          publicKey: keys.publicKey,
          signingKey: keys.privateKey,
          signingAlgorithm: SIGNING_ALGORITHM,
          extensions,
        },
        crypto,
      );
      // Signed with the very key it carries: its signature verifies by construction.
      return freezeWithKey(cert, extensions, plan.keyIndex, true);
    });
  }

  async issued(opts: IssuedCertificateOptions): Promise<CertificateWithKey> {
    const issuer = opts?.issuer;
    if (!issuer || !(issuer.certificate instanceof LabCertificate) || typeof issuer.privateKeyPem !== "string") {
      throw new LabError({ code: "CERT_ISSUER_INVALID", message: "issued() needs an issuer: a CertificateWithKey with the CA's certificate and private key" });
    }
    const plan = this.#plan(opts);
    return minted(mintKey("issued", plan, opts, issuer), async () => {
      const keys = await poolKeyMaterial(plan.keyIndex);
      const signingKey = await signingKeyOf(issuer);
      const authorityKeyId = issuer.certificate.subjectKeyId?.toLowerCase();
      const extensions = extensionsOf(opts, keys.subjectKeyId, authorityKeyId);
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: plan.serialNumber,
          subject: plan.name,
          issuer: parsedName(issuer.certificate.subject),
          notBefore: opts.notBefore,
          notAfter: opts.notAfter,
          publicKey: keys.publicKey,
          signingKey,
          signingAlgorithm: SIGNING_ALGORITHM,
          extensions,
        },
        crypto,
      );
      // The issuer's key may not be its certificate's (a forgery); when it is (known at no cost for a minted
      // issuer), the new certificate verifies under the issuer's by construction.
      const signedBy = issuer.certificate.matchesPrivateKey(issuer.privateKeyPem) ? issuer.certificate : undefined;
      return freezeWithKey(cert, extensions, plan.keyIndex, false, signedBy);
    });
  }

  /** Validates the options and draws the key and serial (in this order, always). */
  #plan(opts: CertificateOptions): Plan {
    if (!opts || typeof opts !== "object") throw new LabError({ code: "CERT_OPTIONS_INVALID", message: "certificate options are missing" });
    const { subject, name } = subjectName(opts.subject);
    checkValidity(opts.notBefore, opts.notAfter);
    for (const dns of opts.dnsNames ?? []) checkDnsName(dns);
    for (const ip of opts.ipAddresses ?? []) checkIp(ip);
    const keyIndex = opts.keyIndex === undefined ? this.#nextKeyIndex() : poolKey(opts.keyIndex).index;
    return { subject, name, keyIndex, serialNumber: this.#nextSerial() };
  }

  /** Keys are dealt from shuffled rounds of the pool, so no two of 24 consecutive certificates share a key. */
  #nextKeyIndex(): number {
    if (this.#round.length === 0) this.#round = this.#streams().keys.shuffle([...Array(KEY_POOL_SIZE).keys()]);
    return this.#round.pop()!;
  }

  /** 16 random bytes with the top bit clear and a non-zero first byte: a positive 128-bit integer that encodes to exactly 16 bytes. */
  #nextSerial(): string {
    const bytes = this.#streams().serials.bytes(16);
    bytes[0] = (bytes[0]! & 0x7f) || 0x01;
    return Buffer.from(bytes).toString("hex");
  }
}

/**
 * Everything a minted certificate depends on (the draws are in `plan`), as a
 * memo key: a JSON array, so no two different inputs give the same text.
 */
function mintKey(kind: "self" | "issued", plan: Plan, opts: CertificateOptions, issuer?: CertificateWithKey): string {
  return JSON.stringify([
    kind,
    plan.subject,
    plan.keyIndex,
    plan.serialNumber,
    opts.notBefore.getTime(),
    opts.notAfter.getTime(),
    opts.dnsNames ?? [],
    opts.ipAddresses ?? [],
    opts.isCa ?? false,
    // A pool key by its index; any other key by its text.
    ...(issuer ? [issuer.certificate.thumbprint, poolIndexOfPem(issuer.privateKeyPem) ?? issuer.privateKeyPem] : []),
  ]);
}

function extensionsOf(opts: CertificateOptions, subjectKeyId: string, authorityKeyId?: string): x509.Extension[] {
  return certificateExtensions({
    isCa: opts.isCa === true,
    subjectKeyId,
    dnsNames: opts.dnsNames ?? [],
    ipAddresses: opts.ipAddresses ?? [],
    ...(authorityKeyId ? { authorityKeyId } : {}),
  });
}

/** The generator's result becomes the LabCertificate as it is: its parse and the extensions it embedded are reused, not read back. */
function freezeWithKey(cert: x509.X509Certificate, extensions: readonly x509.Extension[], keyIndex: number, signedBySelf: boolean, signedBy?: LabCertificate): CertificateWithKey {
  const privateKeyPem = poolKey(keyIndex).privateKeyPem;
  const certificate = new LabCertificate(cert.rawData, mintedParts({ parsed: cert, extensions, privateKeyPem, signedBySelf, ...(signedBy ? { signedBy } : {}) }));
  return Object.freeze({ certificate, privateKeyPem, keyIndex });
}

async function signingKeyOf(issuer: CertificateWithKey): Promise<CryptoKey> {
  // The pool index is trusted only when it names this very key; otherwise the PEM is imported as given.
  const index = Number.isInteger(issuer.keyIndex) && issuer.keyIndex >= 0 && issuer.keyIndex < KEY_POOL_SIZE ? issuer.keyIndex : -1;
  if (index >= 0 && poolKey(index).privateKeyPem === issuer.privateKeyPem) return (await poolKeyMaterial(index)).privateKey;
  const found = poolIndexOf(issuer.privateKeyPem);
  if (found >= 0) return (await poolKeyMaterial(found)).privateKey;
  return importSigningKey(issuer.privateKeyPem);
}

/**
 * Names parsed once per text: a pure function of the string, and the
 * generator only reads a Name (it encodes it). Module-level on purpose, bounded.
 */
const names = new Map<string, x509.Name>();

function parsedName(dn: string): x509.Name {
  let name = names.get(dn);
  if (!name) {
    name = new x509.Name(dn);
    if (names.size >= 1024) names.clear();
    names.set(dn, name);
  }
  return name;
}

/** The subject as given (normalised) and parsed; the generator takes the parsed Name instead of parsing the text again. */
function subjectName(subject: unknown): { subject: string; name: x509.Name } {
  if (typeof subject !== "string" || subject.trim() === "") {
    throw new LabError({ code: "CERT_SUBJECT_INVALID", message: "a certificate needs a subject, e.g. \"CN=web01.corp.contoso.com\"" });
  }
  const dn = subject.includes("=") ? subject.trim() : `CN=${subject.trim()}`;
  try {
    return { subject: dn, name: parsedName(dn) };
  } catch (cause) {
    throw new LabError({ code: "CERT_SUBJECT_INVALID", message: `subject "${subject}" is not a distinguished name: ${(cause as Error).message}` });
  }
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
