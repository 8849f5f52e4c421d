import { describe, expect, it } from "vitest";
import { Clock, Rng } from "../kernel/index.ts";
import { CertificateFactory, type CertificateWithKey } from "./certificate-factory.ts";
import { certificateExtensions } from "./certificate-extensions.ts";
import { LabCertificate } from "./lab-certificate.ts";

const notBefore = new Clock().date();
const notAfter = new Date(notBefore.getTime() + 90 * 86_400_000);

/** The same certificate read back from its DER alone, as an imported .cer would be. */
const reread = (made: CertificateWithKey): LabCertificate => LabCertificate.fromPem(made.certificate.toPem());

/** What a certificate says about itself; a minted one must say what its DER says. */
const facts = (c: LabCertificate) => ({
  ...c.toJSON(),
  commonName: c.commonName,
  selfIssued: c.selfIssued,
  subjectKeyId: c.subjectKeyId,
  authorityKeyId: c.authorityKeyId,
});

describe("a minted certificate (the generator's parse and extensions, not read back)", () => {
  it("says what its DER says, for CAs, leaves, issued ones, IP names and odd subjects", async () => {
    const factory = new CertificateFactory(new Rng(77));
    const root = await factory.selfSigned({ subject: "CN=Zürich Root, O=Contoso", notBefore, notAfter, isCa: true });
    const leaf = await factory.selfSigned({ subject: "web01.corp.example", dnsNames: ["web01.corp.example", "reset.corp.example"], ipAddresses: ["10.0.0.5", "fe80::1"], notBefore, notAfter });
    const issued = await factory.issued({ issuer: root, subject: "CN=app", dnsNames: ["app"], notBefore, notAfter });
    const bare = await factory.issued({ issuer: root, subject: "CN=bare", notBefore, notAfter });
    for (const made of [root, leaf, issued, bare]) {
      expect(facts(made.certificate), made.certificate.subject).toEqual(facts(reread(made)));
      expect(made.certificate.der).toEqual(reread(made).der);
    }
    expect(leaf.certificate.ipAddresses).toEqual(["10.0.0.5", "fe80::1"]);
    expect(issued.certificate.authorityKeyId).toBe(root.certificate.subjectKeyId);
    expect(bare.certificate.dnsNames).toEqual([]);
  });

  it("knows its own key and signature by construction, and the answers are the ones OpenSSL gives", async () => {
    const factory = new CertificateFactory(new Rng(78));
    const root = await factory.selfSigned({ subject: "CN=Root", notBefore, notAfter, isCa: true });
    const other = await factory.selfSigned({ subject: "CN=Other", notBefore, notAfter, isCa: true });
    const leaf = await factory.issued({ issuer: root, subject: "CN=leaf", notBefore, notAfter });
    for (const made of [root, other, leaf]) {
      const again = reread(made);
      expect(made.certificate.selfSigned).toBe(again.selfSigned);
      expect(made.certificate.matchesPrivateKey(made.privateKeyPem)).toBe(true);
      expect(again.matchesPrivateKey(made.privateKeyPem)).toBe(true);
      expect(made.certificate.matchesPrivateKey(made === other ? root.privateKeyPem : other.privateKeyPem)).toBe(false);
    }
    expect([root, other, leaf].map((m) => m.certificate.selfSigned)).toEqual([true, true, false]);
    // Signed by its issuer by construction, and by no one else, as a re-read copy verifies.
    const forged = await factory.issued({ issuer: { ...root, privateKeyPem: other.privateKeyPem, keyIndex: other.keyIndex }, subject: "CN=forged", notBefore, notAfter });
    for (const subject of [leaf, forged]) {
      for (const issuer of [root, other, leaf]) {
        expect(subject.certificate.isSignedBy(issuer.certificate), `${subject.certificate.subject} by ${issuer.certificate.subject}`).toBe(reread(subject).isSignedBy(reread(issuer)));
      }
    }
    expect([leaf, forged].map((m) => m.certificate.isSignedBy(root.certificate))).toEqual([true, false]);
    expect(forged.certificate.isSignedBy(other.certificate)).toBe(true);
  });

  it("is not taken as self-signed when it names itself as issuer but another key signed it", async () => {
    const factory = new CertificateFactory(new Rng(79));
    const ca = await factory.selfSigned({ subject: "CN=Twin", notBefore, notAfter, isCa: true });
    const impostor = await factory.selfSigned({ subject: "CN=Impostor", notBefore, notAfter, isCa: true });
    // Subject = issuer name, signed with the impostor's key: self-issued, but its signature fails under its own key.
    const twin = await factory.issued({ issuer: { ...ca, privateKeyPem: impostor.privateKeyPem, keyIndex: impostor.keyIndex }, subject: "CN=Twin", notBefore, notAfter, isCa: true });
    expect(twin.certificate.selfIssued).toBe(true);
    expect(twin.certificate.selfSigned).toBe(false);
    expect(reread(twin).selfSigned).toBe(false);
    // And a genuine one of the same name is.
    const genuine = await factory.issued({ issuer: ca, subject: "CN=Twin", notBefore, notAfter, isCa: true, keyIndex: ca.keyIndex });
    expect(genuine.certificate.selfSigned).toBe(reread(genuine).selfSigned);
    expect(genuine.certificate.selfSigned).toBe(true);
  });

  it("comes out the same whether the factory's rng is given or made on first use", async () => {
    const eager = new CertificateFactory(new Rng(80).fork("certs"));
    let forks = 0;
    const lazy = new CertificateFactory(() => {
      forks++;
      return new Rng(80).fork("certs");
    });
    expect(forks).toBe(0);
    for (const subject of ["CN=a", "CN=b", "CN=c"]) {
      const [x, y] = [await eager.selfSigned({ subject, notBefore, notAfter }), await lazy.selfSigned({ subject, notBefore, notAfter })];
      expect(y.certificate.thumbprint).toBe(x.certificate.thumbprint);
      expect(y.keyIndex).toBe(x.keyIndex);
    }
    expect(forks).toBe(1);
  });
});

describe("certificate extensions", () => {
  it("shares the object for equal inputs and makes another for other names", () => {
    const inputs = { isCa: false, subjectKeyId: "ab".repeat(20), dnsNames: ["web01"], ipAddresses: [] };
    const a = certificateExtensions(inputs);
    const b = certificateExtensions({ ...inputs, dnsNames: ["web01"] });
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
    b.forEach((ext, i) => expect(ext).toBe(a[i]));
    const other = certificateExtensions({ ...inputs, dnsNames: ["web02"] });
    expect(other.at(-1)).not.toBe(a.at(-1));
    expect(other.slice(0, -1)).toEqual(a.slice(0, -1));
    expect(certificateExtensions({ ...inputs, isCa: true }).map((e) => e.type)).toEqual(["2.5.29.19", "2.5.29.15", "2.5.29.14", "2.5.29.17"]);
  });
});
