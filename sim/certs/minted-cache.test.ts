import { describe, expect, it } from "vitest";
import { Clock, Rng } from "../kernel/index.ts";
import { CertificateFactory } from "./certificate-factory.ts";

const notBefore = new Clock().date();
const notAfter = new Date(notBefore.getTime() + 30 * 86_400_000);

describe("minting twice with the same inputs", () => {
  it("gives the same certificate without signing again, and different inputs another one", async () => {
    const a = await new CertificateFactory(new Rng(4242)).selfSigned({ subject: "CN=web01", dnsNames: ["web01"], notBefore, notAfter });
    const b = await new CertificateFactory(new Rng(4242)).selfSigned({ subject: "CN=web01", dnsNames: ["web01"], notBefore, notAfter });
    expect(b).toBe(a);
    const other = await new CertificateFactory(new Rng(4242)).selfSigned({ subject: "CN=web01", dnsNames: ["web02"], notBefore, notAfter });
    expect(other.certificate.thumbprint).not.toBe(a.certificate.thumbprint);
    expect(other.certificate.dnsNames).toEqual(["web02"]);
  });

  it("keys an issued certificate on its issuer too", async () => {
    const f = (seed: number) => new CertificateFactory(new Rng(seed));
    const caA = await f(1).selfSigned({ subject: "CN=CA A", notBefore, notAfter, isCa: true });
    const caB = await f(2).selfSigned({ subject: "CN=CA B", notBefore, notAfter, isCa: true });
    const fromA = await f(9).issued({ issuer: caA, subject: "CN=app", notBefore, notAfter });
    const fromB = await f(9).issued({ issuer: caB, subject: "CN=app", notBefore, notAfter });
    expect(fromA.certificate.isSignedBy(caA.certificate)).toBe(true);
    expect(fromB.certificate.isSignedBy(caB.certificate)).toBe(true);
    expect(fromB.certificate.isSignedBy(caA.certificate)).toBe(false);
  });
});
