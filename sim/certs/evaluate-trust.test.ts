import { beforeAll, describe, expect, it } from "vitest";
import { Clock, isLabError, Rng } from "../kernel/index.ts";
import { CertificateAuthority } from "./certificate-authority.ts";
import { CertificateFactory, type CertificateWithKey } from "./certificate-factory.ts";
import { CertificateStores } from "./certificate-stores.ts";
import { evaluateTrust, type TrustOptions, type TrustResult } from "./evaluate-trust.ts";
import { LabCertificate } from "./lab-certificate.ts";
import { RevocationList } from "./revocation-list.ts";
import { TRUST_FAILURES } from "./trust-failure.ts";

const DAY = 86_400_000;
const clock = new Clock();
const start = clock.date();
const at = (days: number) => new Date(start.getTime() + days * DAY);
const YEAR = { notBefore: at(-1), notAfter: at(365) };

let factory: CertificateFactory;
let root: CertificateAuthority;
let issuing: CertificateAuthority;
let leaf: CertificateWithKey; // web01, via the issuing CA
let direct: CertificateWithKey; // app01, straight from the root

beforeAll(async () => {
  factory = new CertificateFactory(new Rng(31));
  root = new CertificateAuthority(factory, await factory.selfSigned({ subject: "CN=Contoso Root CA, O=Contoso", isCa: true, notBefore: at(-30), notAfter: at(3650) }));
  issuing = new CertificateAuthority(factory, await root.issue({ subject: "CN=Contoso Issuing CA, O=Contoso", isCa: true, notBefore: at(-30), notAfter: at(1825) }));
  leaf = await issuing.issue({ subject: "CN=web01.corp.contoso.com", dnsNames: ["web01.corp.contoso.com", "sspr.contoso.com"], ...YEAR });
  direct = await root.issue({ subject: "CN=app01.corp.contoso.com", dnsNames: ["app01.corp.contoso.com"], ...YEAR });
});

/** A client host that trusts the Contoso root and knows the issuing CA. */
function trustingClient(): CertificateStores {
  const stores = new CertificateStores("client01");
  stores.store("LocalMachine", "Root").add({ certificate: root.certificate });
  stores.store("LocalMachine", "CA").add({ certificate: issuing.certificate });
  return stores;
}

function check(cert: LabCertificate, options: Partial<TrustOptions> = {}): Promise<TrustResult> {
  return evaluateTrust(cert, { stores: trustingClient(), now: clock.date(), ...options });
}

/** The same certificate with one bit of its signature value flipped. */
function tamper(cert: LabCertificate): LabCertificate {
  const der = cert.der;
  der[der.length - 1] = der[der.length - 1]! ^ 0x01;
  return new LabCertificate(der);
}

function reasonOf(result: TrustResult): string {
  return result.ok ? "ok" : result.reason;
}

describe("evaluateTrust: success", () => {
  it("trusts a CA-issued certificate via an intermediate from the CA store, leaf to root", async () => {
    const result = await check(leaf.certificate, { dnsName: "sspr.contoso.com" });
    expect(result).toEqual({ ok: true, chain: [leaf.certificate, issuing.certificate, root.certificate] });
  });

  it("trusts a self-signed certificate once it is imported into Root", async () => {
    const self = await factory.selfSigned({ subject: "CN=iis01", dnsNames: ["iis01"], ...YEAR });
    const stores = new CertificateStores();
    expect(reasonOf(await evaluateTrust(self.certificate, { stores, now: clock.date() }))).toBe("untrusted-root");
    stores.store("LocalMachine", "Root").add({ certificate: self.certificate });
    const result = await evaluateTrust(self.certificate, { stores, now: clock.date(), dnsName: "iis01" });
    expect(result).toEqual({ ok: true, chain: [self.certificate] });
  });

  it("uses CurrentUser\\Root as an anchor but not TrustedPeople", async () => {
    const stores = new CertificateStores();
    stores.store("LocalMachine", "TrustedPeople").add({ certificate: root.certificate });
    const options = { stores, now: clock.date(), intermediates: [root.certificate] };
    expect(reasonOf(await evaluateTrust(direct.certificate, options))).toBe("untrusted-root");
    stores.store("CurrentUser", "Root").add({ certificate: root.certificate });
    expect(reasonOf(await evaluateTrust(direct.certificate, options))).toBe("ok");
  });

  it("prefers a time-valid chain when a CA was renewed with the same name and key", async () => {
    const oldCa = await root.issue({ subject: "CN=Contoso Issuing CA, O=Contoso", isCa: true, keyIndex: issuing.identity.keyIndex, notBefore: at(-400), notAfter: at(-10) });
    expect(oldCa.certificate.subjectKeyId).toBe(issuing.certificate.subjectKeyId);
    const stores = trustingClient();
    stores.store("LocalMachine", "CA").add({ certificate: oldCa.certificate });
    const result = await evaluateTrust(leaf.certificate, { stores, now: clock.date(), intermediates: [oldCa.certificate] });
    expect(result).toEqual({ ok: true, chain: [leaf.certificate, issuing.certificate, root.certificate] });
    const onlyOld = new CertificateStores();
    onlyOld.store("LocalMachine", "Root").add({ certificate: root.certificate });
    expect(reasonOf(await evaluateTrust(leaf.certificate, { stores: onlyOld, now: clock.date(), intermediates: [oldCa.certificate] }))).toBe("expired");
  });
});

describe("evaluateTrust: each failure, and its absence", () => {
  it("untrusted-root: the root sits in the CA store, not in Root; importing it into Root fixes it", async () => {
    const stores = new CertificateStores();
    stores.store("LocalMachine", "CA").add({ certificate: root.certificate });
    const result = await evaluateTrust(direct.certificate, { stores, now: clock.date() });
    expect(result).toMatchObject({ ok: false, reason: "untrusted-root", chain: [direct.certificate, root.certificate] });
    expect(!result.ok && result.detail).toContain("Contoso Root CA");
    stores.store("LocalMachine", "Root").add({ certificate: root.certificate });
    expect(reasonOf(await evaluateTrust(direct.certificate, { stores, now: clock.date() }))).toBe("ok");
  });

  it("untrusted-root when the server sends its root along but the client does not trust it", async () => {
    const result = await evaluateTrust(leaf.certificate, { stores: new CertificateStores(), now: clock.date(), intermediates: [issuing.certificate, root.certificate] });
    expect(result).toMatchObject({ ok: false, reason: "untrusted-root", chain: [leaf.certificate, issuing.certificate, root.certificate] });
  });

  it("partial-chain: the intermediate is missing; supplying it fixes it", async () => {
    const stores = new CertificateStores();
    stores.store("LocalMachine", "Root").add({ certificate: root.certificate });
    const result = await evaluateTrust(leaf.certificate, { stores, now: clock.date() });
    expect(result).toMatchObject({ ok: false, reason: "partial-chain", chain: [leaf.certificate] });
    expect(!result.ok && result.detail).toContain("Contoso Issuing CA");
    expect(reasonOf(await evaluateTrust(leaf.certificate, { stores, now: clock.date(), intermediates: [issuing.certificate] }))).toBe("ok");
  });

  it("partial-chain: a CA re-created with a new key does not anchor the old certificates", async () => {
    const recreated = await factory.selfSigned({ subject: "CN=Contoso Root CA, O=Contoso", isCa: true, notBefore: at(-1), notAfter: at(3650) });
    expect(recreated.keyIndex).not.toBe(root.identity.keyIndex);
    const stores = new CertificateStores();
    stores.store("LocalMachine", "Root").add({ certificate: recreated.certificate });
    const result = await evaluateTrust(direct.certificate, { stores, now: clock.date() });
    expect(reasonOf(result)).toBe("partial-chain");
    expect(!result.ok && result.detail).toContain("re-created");
    stores.store("LocalMachine", "Root").add({ certificate: root.certificate });
    expect(reasonOf(await evaluateTrust(direct.certificate, { stores, now: clock.date() }))).toBe("ok");
  });

  it("partial-chain: a certificate signed by a non-CA certificate does not chain", async () => {
    const notCa = await factory.selfSigned({ subject: "CN=not-a-ca", ...YEAR });
    const child = await factory.issued({ issuer: notCa, subject: "CN=child", ...YEAR });
    const stores = new CertificateStores();
    stores.store("LocalMachine", "CA").add({ certificate: notCa.certificate });
    const result = await evaluateTrust(child.certificate, { stores, now: clock.date() });
    expect(reasonOf(result)).toBe("partial-chain");
    expect(!result.ok && result.detail).toContain("not a CA");
    const realCa = await factory.selfSigned({ subject: "CN=a-ca", isCa: true, ...YEAR });
    const good = await factory.issued({ issuer: realCa, subject: "CN=child", ...YEAR });
    stores.store("LocalMachine", "Root").add({ certificate: realCa.certificate });
    expect(reasonOf(await evaluateTrust(good.certificate, { stores, now: clock.date() }))).toBe("ok");
  });

  it("expired: the leaf after its notAfter, on the lab clock", async () => {
    const later = new Clock();
    expect(reasonOf(await check(leaf.certificate, { now: later.date() }))).toBe("ok");
    later.advance(366 * DAY);
    const result = await check(leaf.certificate, { now: later.date() });
    expect(reasonOf(result)).toBe("expired");
    expect(!result.ok && result.detail).toContain("web01");
  });

  it("expired: an expired intermediate fails the chain even when the leaf is valid", async () => {
    const oldCa = await root.issue({ subject: "CN=Old Issuing CA", isCa: true, notBefore: at(-400), notAfter: at(10) });
    const child = await factory.issued({ issuer: oldCa, subject: "CN=child", ...YEAR });
    const options = { intermediates: [oldCa.certificate] };
    expect(reasonOf(await check(child.certificate, { ...options, now: at(5) }))).toBe("ok");
    const result = await check(child.certificate, { ...options, now: at(20) });
    expect(reasonOf(result)).toBe("expired");
    expect(!result.ok && result.detail).toContain("Old Issuing CA");
  });

  it("not-yet-valid: before notBefore, valid from notBefore on", async () => {
    const future = await issuing.issue({ subject: "CN=future", notBefore: at(10), notAfter: at(400) });
    expect(reasonOf(await check(future.certificate, { now: at(9) }))).toBe("not-yet-valid");
    expect(reasonOf(await check(future.certificate, { now: at(10) }))).toBe("ok");
  });

  it("name-mismatch: a name the certificate does not cover; a covered one passes", async () => {
    const result = await check(leaf.certificate, { dnsName: "sspr.fabrikam.com" });
    expect(reasonOf(result)).toBe("name-mismatch");
    expect(!result.ok && result.detail).toContain("web01.corp.contoso.com, sspr.contoso.com");
    expect(reasonOf(await check(leaf.certificate, { dnsName: "web01.corp.contoso.com" }))).toBe("ok");
    expect(reasonOf(await check(leaf.certificate))).toBe("ok");
  });

  it("name-mismatch with wildcards: one label deep, never the bare domain", async () => {
    const wild = await issuing.issue({ subject: "CN=*.contoso.com", dnsNames: ["*.contoso.com"], ...YEAR });
    expect(reasonOf(await check(wild.certificate, { dnsName: "sspr.contoso.com" }))).toBe("ok");
    expect(reasonOf(await check(wild.certificate, { dnsName: "contoso.com" }))).toBe("name-mismatch");
    expect(reasonOf(await check(wild.certificate, { dnsName: "web01.corp.contoso.com" }))).toBe("name-mismatch");
  });

  it("revoked: the issuing CA revoked the leaf; its other certificates stay good", async () => {
    const revokedOne = await issuing.issue({ subject: "CN=revoked", ...YEAR });
    issuing.revoke(revokedOne.certificate, clock.date());
    const result = await check(revokedOne.certificate, { revocations: [root.revocations, issuing.revocations] });
    expect(reasonOf(result)).toBe("revoked");
    expect(!result.ok && result.detail).toContain(revokedOne.certificate.serialNumber);
    expect(reasonOf(await check(leaf.certificate, { revocations: [root.revocations, issuing.revocations] }))).toBe("ok");
    // A client that cannot reach the CRL does not know.
    expect(reasonOf(await check(revokedOne.certificate))).toBe("ok");
  });

  it("revoked: a revoked intermediate takes its leaves with it", async () => {
    const list = new RevocationList(root.certificate);
    expect(reasonOf(await check(leaf.certificate, { revocations: list }))).toBe("ok");
    list.revoke(issuing.certificate.serialNumber);
    expect(reasonOf(await check(leaf.certificate, { revocations: list }))).toBe("revoked");
  });

  it("bad-signature: a certificate signed with a key that is not its issuer's", async () => {
    const wrongKey = await factory.selfSigned({ subject: "CN=mallory", isCa: true, ...YEAR });
    const forged = await factory.issued({ issuer: { ...issuing.identity, privateKeyPem: wrongKey.privateKeyPem, keyIndex: wrongKey.keyIndex }, subject: "CN=forged", dnsNames: ["sspr.contoso.com"], ...YEAR });
    expect(forged.certificate.authorityKeyId).toBe(issuing.certificate.subjectKeyId);
    const result = await check(forged.certificate, { dnsName: "sspr.contoso.com" });
    expect(reasonOf(result)).toBe("bad-signature");
    expect(result.chain).toEqual([forged.certificate]);
  });

  it("bad-signature: a certificate whose bytes were altered after signing", async () => {
    const tampered = tamper(leaf.certificate);
    expect(reasonOf(await check(tampered))).toBe("bad-signature");
    expect(reasonOf(await check(leaf.certificate))).toBe("ok");
  });

  it("bad-signature: a tampered self-signed certificate", async () => {
    const tampered = tamper(root.certificate);
    expect(tampered.selfIssued && !tampered.selfSigned).toBe(true);
    expect(reasonOf(await evaluateTrust(tampered, { stores: new CertificateStores(), now: clock.date() }))).toBe("bad-signature");
  });
});

describe("evaluateTrust: check order", () => {
  it("reports the chain before time, time before revocation, revocation before name", async () => {
    const expiredUntrusted = await factory.selfSigned({ subject: "CN=old", notBefore: at(-10), notAfter: at(-1) });
    expect(reasonOf(await check(expiredUntrusted.certificate))).toBe("untrusted-root");

    const expiredRevoked = await issuing.issue({ subject: "CN=old-revoked", dnsNames: ["x.contoso.com"], notBefore: at(-10), notAfter: at(-1) });
    issuing.revoke(expiredRevoked.certificate);
    const all = { revocations: issuing.revocations, dnsName: "y.contoso.com" };
    expect(reasonOf(await check(expiredRevoked.certificate, all))).toBe("expired");
    expect(reasonOf(await check(expiredRevoked.certificate, { ...all, now: at(-5) }))).toBe("revoked");
  });

  it("reports a bad signature before an expiry", async () => {
    const old = await issuing.issue({ subject: "CN=old", notBefore: at(-10), notAfter: at(-1) });
    expect(reasonOf(await check(tamper(old.certificate)))).toBe("bad-signature");
    expect(reasonOf(await check(old.certificate))).toBe("expired");
  });
});

describe("evaluateTrust: input and reporting", () => {
  it("refuses bad input with a LabError", async () => {
    const bad: [LabCertificate, Partial<TrustOptions>][] = [
      [{} as LabCertificate, {}],
      [leaf.certificate, { stores: {} as CertificateStores }],
      [leaf.certificate, { now: new Date(Number.NaN) }],
      [leaf.certificate, { dnsName: " " }],
      [leaf.certificate, { intermediates: ["pem" as never] }],
    ];
    for (const [cert, options] of bad) {
      await expect(check(cert, options)).rejects.toSatisfy((e: unknown) => isLabError(e) && e.code === "TRUST_INPUT_INVALID");
    }
    await expect(check(leaf.certificate, { dnsName: "web01.corp.contoso.com" })).resolves.toMatchObject({ ok: true });
  });

  it("maps every failure to the error Windows reports", () => {
    expect(TRUST_FAILURES["untrusted-root"].hresult).toBe("0x800B0109");
    expect(TRUST_FAILURES["name-mismatch"].symbol).toBe("CERT_E_CN_NO_MATCH");
    expect(Object.keys(TRUST_FAILURES).sort()).toEqual(["bad-signature", "expired", "name-mismatch", "not-yet-valid", "partial-chain", "revoked", "untrusted-root"]);
  });

  it("refuses to revoke a certificate another CA issued", () => {
    try {
      root.revoke(leaf.certificate);
      expect.unreachable();
    } catch (error) {
      expect(isLabError(error) && error.code).toBe("CERT_NOT_ISSUED_BY_CA");
    }
    expect(() => issuing.revoke(leaf.certificate)).not.toThrow();
    expect(issuing.revocations.isRevoked(leaf.certificate.serialNumber, issuing.certificate.thumbprint)).toBe(true);
    expect(issuing.revocations.isRevoked(leaf.certificate.serialNumber, root.certificate.thumbprint)).toBe(false);
    issuing.revocations.unrevoke(leaf.certificate.serialNumber);
    expect(issuing.revocations.isRevoked(leaf.certificate.serialNumber)).toBe(false);
  });
});
