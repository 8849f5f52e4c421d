import { createPrivateKey, X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Clock, Rng } from "../kernel/index.ts";
import { CertificateFactory, type CertificateWithKey } from "./certificate-factory.ts";
import { LabCertificate } from "./lab-certificate.ts";
import { KEY_POOL_SIZE, poolKey } from "./key-pool.ts";

const DAY = 86_400_000;
const notBefore = new Clock().date();
const notAfter = new Date(notBefore.getTime() + 365 * DAY);

let root: CertificateWithKey;
let leaf: CertificateWithKey;
let forged: CertificateWithKey; // names root as issuer, signed with another key
let odd: CertificateWithKey; // an IPv6 SAN: written and read by @peculiar/x509, not the folder's DER code
let oddRoot: CertificateWithKey; // a CA whose name is not plain
let oddLeaf: CertificateWithKey;

beforeAll(async () => {
  const factory = new CertificateFactory(new Rng(21));
  root = await factory.selfSigned({ subject: "CN=Contoso Root CA, O=Contoso", notBefore, notAfter, isCa: true });
  leaf = await factory.issued({ issuer: root, subject: "CN=web01", dnsNames: ["web01"], notBefore, notAfter });
  const impostor = await factory.selfSigned({ subject: "CN=Impostor", notBefore, notAfter, isCa: true });
  forged = await factory.issued({ issuer: { ...root, privateKeyPem: impostor.privateKeyPem, keyIndex: impostor.keyIndex }, subject: "CN=web02", notBefore, notAfter });
  odd = await factory.issued({ issuer: root, subject: "CN=web03", ipAddresses: ["fe80::1"], notBefore, notAfter });
  oddRoot = await factory.selfSigned({ subject: "CN=Zürich Root", notBefore, notAfter, isCa: true });
  oddLeaf = await factory.issued({ issuer: oddRoot, subject: "CN=web04", notBefore, notAfter });
});

const node = (c: CertificateWithKey): X509Certificate => new X509Certificate(c.certificate.der);
/** The same key as another encoding (PKCS#1): not a pool PEM, so OpenSSL has to compare it. */
const pkcs1 = (c: CertificateWithKey): string => createPrivateKey(c.privateKeyPem).export({ type: "pkcs1", format: "pem" }).toString();

describe("LabCertificate.isSignedBy", () => {
  it("agrees with node:crypto for every pair, whichever code read the certificates", () => {
    const all = [root, leaf, forged, odd, oddRoot, oddLeaf];
    const seen = new Set<string>();
    for (const subject of all) {
      for (const issuer of all) {
        const expected = node(subject).verify(node(issuer).publicKey);
        seen.add(String(expected));
        expect(subject.certificate.isSignedBy(issuer.certificate), `${subject.certificate.subject} by ${issuer.certificate.subject}`).toBe(expected);
        expect(subject.certificate.isSignedBy(issuer.certificate)).toBe(expected);
      }
    }
    expect(seen).toEqual(new Set(["true", "false"]));
    expect(leaf.certificate.isSignedBy(root.certificate)).toBe(true);
    expect(forged.certificate.isSignedBy(root.certificate)).toBe(false);
    expect(odd.certificate.isSignedBy(root.certificate)).toBe(true);
    expect(oddLeaf.certificate.isSignedBy(oddRoot.certificate)).toBe(true);
    expect([root, oddRoot, leaf].map((c) => c.certificate.selfSigned)).toEqual([true, true, false]);
    expect(leaf.certificate.isSignedBy(undefined as never)).toBe(false);
    expect(leaf.certificate.isSignedBy({ thumbprint: root.certificate.thumbprint } as never)).toBe(false);
  });

  it("fails a certificate whose signature was altered, and passes the original", () => {
    const der = leaf.certificate.der;
    der[der.length - 1] = der[der.length - 1]! ^ 0x01;
    expect(new LabCertificate(der).isSignedBy(root.certificate)).toBe(false);
    expect(new LabCertificate(leaf.certificate.der).isSignedBy(root.certificate)).toBe(true);
  });
});

describe("LabCertificate.matchesPrivateKey", () => {
  it("agrees with node:crypto for pool PEMs, other encodings of the same keys and non-keys", () => {
    for (const cert of [root, leaf, odd, oddLeaf]) {
      for (const key of [root, leaf, odd, oddLeaf]) {
        const expected = node(cert).checkPrivateKey(createPrivateKey(key.privateKeyPem));
        expect(cert.certificate.matchesPrivateKey(key.privateKeyPem)).toBe(expected);
        expect(cert.certificate.matchesPrivateKey(pkcs1(key))).toBe(expected);
        expect(cert.certificate.matchesPrivateKey(`\n${key.privateKeyPem}  `)).toBe(expected);
      }
    }
    expect(leaf.certificate.matchesPrivateKey(leaf.privateKeyPem)).toBe(true);
    expect(leaf.certificate.matchesPrivateKey(root.privateKeyPem)).toBe(false);
    expect(leaf.certificate.matchesPrivateKey(poolKey((leaf.keyIndex + 1) % KEY_POOL_SIZE).privateKeyPem)).toBe(false);
    expect(leaf.certificate.matchesPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).toBe(false);
    expect(leaf.certificate.matchesPrivateKey(42 as never)).toBe(false);
  });
});
