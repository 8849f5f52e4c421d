import { createPrivateKey, X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { describe, expect, it } from "vitest";
import { Clock, isLabError, Rng } from "../kernel/index.ts";
import { CertificateFactory, type CertificateWithKey } from "./certificate-factory.ts";
import { KEY_POOL_SIZE, poolKey } from "./key-pool.ts";
import { LabCertificate } from "./lab-certificate.ts";

const DAY = 86_400_000;
const clock = new Clock();
const notBefore = clock.date();
const notAfter = new Date(notBefore.getTime() + 365 * DAY);

async function mint(seed: number): Promise<{ root: CertificateWithKey; leaf: CertificateWithKey }> {
  const factory = new CertificateFactory(new Rng(seed));
  const root = await factory.selfSigned({ subject: "CN=Contoso Root CA, O=Contoso", notBefore, notAfter, isCa: true });
  const leaf = await factory.issued({ issuer: root, subject: "web01.corp.contoso.com", dnsNames: ["web01.corp.contoso.com"], ipAddresses: ["10.0.0.21"], notBefore, notAfter });
  return { root, leaf };
}

async function labErrorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return isLabError(error) ? error.code : `not a LabError: ${String(error)}`;
  }
  return undefined;
}

describe("CertificateFactory", () => {
  it("gives thumbprints as Windows shows them: SHA-1 of the DER, 40 upper-case hex digits", async () => {
    const { leaf } = await mint(1);
    const cert = leaf.certificate;
    expect(cert.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    const node = new X509Certificate(cert.der);
    expect(node.fingerprint.replaceAll(":", "")).toBe(cert.thumbprint);
  });

  it("is deterministic: same seed, same certificates; another seed, other ones", async () => {
    const a = await mint(7);
    const b = await mint(7);
    const c = await mint(8);
    expect(b.root.certificate.thumbprint).toBe(a.root.certificate.thumbprint);
    expect(b.leaf.certificate.thumbprint).toBe(a.leaf.certificate.thumbprint);
    expect(b.leaf.keyIndex).toBe(a.leaf.keyIndex);
    expect(c.root.certificate.thumbprint).not.toBe(a.root.certificate.thumbprint);
    expect(c.leaf.certificate.serialNumber).not.toBe(a.leaf.certificate.serialNumber);
  });

  it("exports PEM that node:crypto parses back, with a private key that matches the certificate", async () => {
    const { root, leaf } = await mint(2);
    const node = new X509Certificate(leaf.certificate.toPem());
    const key = createPrivateKey(leaf.privateKeyPem);
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(leaf.privateKeyPem).toContain("-----BEGIN PRIVATE KEY-----");
    expect(node.checkPrivateKey(key)).toBe(true);
    expect(node.checkPrivateKey(createPrivateKey(root.privateKeyPem))).toBe(false);
    expect(node.verify(new X509Certificate(root.certificate.toPem()).publicKey)).toBe(true);
    expect(LabCertificate.fromPem(leaf.certificate.toPem()).thumbprint).toBe(leaf.certificate.thumbprint);
  });

  it("yields a certificate and key that node's TLS accepts together, and refuses a foreign key", async () => {
    const { root, leaf } = await mint(2);
    expect(() => createSecureContext({ cert: leaf.certificate.toPem(), key: leaf.privateKeyPem })).not.toThrow();
    expect(() => createSecureContext({ cert: leaf.certificate.toPem(), key: root.privateKeyPem })).toThrow();
  });

  it("writes subject, issuer, SAN, validity and CA flags into the certificate", async () => {
    const { root, leaf } = await mint(3);
    const node = new X509Certificate(leaf.certificate.der);
    expect(node.subjectAltName).toBe("DNS:web01.corp.contoso.com, IP Address:10.0.0.21");
    expect(node.ca).toBe(false);
    expect(new X509Certificate(root.certificate.der).ca).toBe(true);
    expect(leaf.certificate.subject).toBe("CN=web01.corp.contoso.com");
    expect(leaf.certificate.issuer).toBe("CN=Contoso Root CA, O=Contoso");
    expect(leaf.certificate.dnsNames).toEqual(["web01.corp.contoso.com"]);
    expect(leaf.certificate.ipAddresses).toEqual(["10.0.0.21"]);
    expect(leaf.certificate.notBefore.getTime()).toBe(notBefore.getTime());
    expect(leaf.certificate.notAfter.getTime()).toBe(notAfter.getTime());
    expect(leaf.certificate.serialNumber).toMatch(/^[0-9A-F]{32}$/);
    expect(root.certificate.selfSigned).toBe(true);
    expect(leaf.certificate.selfSigned).toBe(false);
    expect(leaf.certificate.authorityKeyId).toBe(root.certificate.subjectKeyId);
    expect(leaf.certificate.isSignedBy(root.certificate)).toBe(true);
    expect(root.certificate.isSignedBy(leaf.certificate)).toBe(false);
  });

  it("deals every pool key once per round, and honours a requested key", async () => {
    const factory = new CertificateFactory(new Rng(4));
    const used = new Set<number>();
    for (let i = 0; i < KEY_POOL_SIZE; i++) {
      used.add((await factory.selfSigned({ subject: `host${i}`, notBefore, notAfter })).keyIndex);
    }
    expect(used.size).toBe(KEY_POOL_SIZE);
    const renewed = await factory.selfSigned({ subject: "host0", notBefore, notAfter, keyIndex: 5 });
    expect(renewed.keyIndex).toBe(5);
    expect(renewed.privateKeyPem).toBe(poolKey(5).privateKeyPem);
  });

  it("keeps the certificate immutable", async () => {
    const { leaf } = await mint(5);
    const der = leaf.certificate.der;
    der[0] = 0;
    expect(leaf.certificate.der[0]).toBe(0x30);
    expect(Object.isFrozen(leaf.certificate)).toBe(true);
    expect(Object.isFrozen(leaf.certificate.dnsNames)).toBe(true);
  });

  it("refuses bad input with a LabError, and accepts the corrected input", async () => {
    const factory = new CertificateFactory(new Rng(6));
    const good = { subject: "CN=ok", notBefore, notAfter };
    expect(await labErrorCode(() => factory.selfSigned({ ...good, subject: " " }))).toBe("CERT_SUBJECT_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, notAfter: notBefore }))).toBe("CERT_VALIDITY_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, notBefore: new Date(Number.NaN) }))).toBe("CERT_VALIDITY_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, dnsNames: ["web 01"] }))).toBe("CERT_DNS_NAME_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, ipAddresses: ["10.0.0.300"] }))).toBe("CERT_IP_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, keyIndex: KEY_POOL_SIZE }))).toBe("CERT_KEY_INDEX_INVALID");
    expect(await labErrorCode(() => factory.issued({ ...good, issuer: undefined as never }))).toBe("CERT_ISSUER_INVALID");
    expect(await labErrorCode(() => factory.selfSigned({ ...good, dnsNames: ["ok.example"], ipAddresses: ["::1"], keyIndex: 0 }))).toBeUndefined();
  });

  it("refuses bytes that are not a certificate", () => {
    for (const bad of [() => new LabCertificate(new Uint8Array([1, 2, 3])), () => LabCertificate.fromPem("hello")]) {
      try {
        bad();
        expect.unreachable();
      } catch (error) {
        expect(isLabError(error)).toBe(true);
      }
    }
  });
});
