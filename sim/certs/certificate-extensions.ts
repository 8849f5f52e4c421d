import { x509 } from "./webcrypto.ts";

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature;
const LEAF_KEY_USAGE = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;

/**
 * The extensions the factory puts in a certificate. Each x509 extension
 * object encodes itself and parses the result back when built, which cost
 * about as much per certificate as the rest of the TBS; the generator only
 * reads them (their DER), so equal values can share one object. Module-level
 * on purpose: every memo here is a pure function of its key (constants, a
 * pool key's identifier, a list of names), holds no lab state and is bounded.
 */
const fixed = new Map<string, x509.Extension>();
const LIMIT = 1024;

function memo<T extends x509.Extension>(key: string, make: () => T): T {
  let ext = fixed.get(key) as T | undefined;
  if (!ext) {
    if (fixed.size >= LIMIT) fixed.clear();
    ext = make();
    fixed.set(key, ext);
  }
  return ext;
}

export interface ExtensionInputs {
  readonly isCa: boolean;
  /** The subject's key identifier, lower-case hex. */
  readonly subjectKeyId: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /** The issuer's key identifier (issued certificates whose issuer has one). */
  readonly authorityKeyId?: string;
}

/** In the order the certificate carries them: basic constraints, key usage, SKI, EKU (leaf), SAN (if any names), AKI. */
export function certificateExtensions(inputs: ExtensionInputs): x509.Extension[] {
  const { isCa } = inputs;
  const extensions: x509.Extension[] = [
    memo(`bc:${isCa}`, () => new x509.BasicConstraintsExtension(isCa, undefined, true)),
    memo(`ku:${isCa}`, () => new x509.KeyUsagesExtension(isCa ? CA_KEY_USAGE : LEAF_KEY_USAGE, true)),
    memo(`ski:${inputs.subjectKeyId}`, () => new x509.SubjectKeyIdentifierExtension(inputs.subjectKeyId)),
  ];
  if (!isCa) extensions.push(memo("eku", () => new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth])));
  if (inputs.dnsNames.length + inputs.ipAddresses.length > 0) {
    extensions.push(
      memo(`san:${JSON.stringify([inputs.dnsNames, inputs.ipAddresses])}`, () => {
        const names: x509.JsonGeneralName[] = [
          ...inputs.dnsNames.map((value) => ({ type: "dns" as const, value })),
          ...inputs.ipAddresses.map((value) => ({ type: "ip" as const, value })),
        ];
        return new x509.SubjectAlternativeNameExtension(names);
      }),
    );
  }
  if (inputs.authorityKeyId) {
    const keyId = inputs.authorityKeyId;
    extensions.push(memo(`aki:${keyId}`, () => new x509.AuthorityKeyIdentifierExtension(keyId)));
  }
  return extensions;
}
