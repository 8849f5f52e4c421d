import { beforeAll, describe, expect, it } from "vitest";
import { Clock, Rng } from "../kernel/index.ts";
import { CertificateFactory, type CertificateOptions } from "./certificate-factory.ts";
import { certificateCoversName, hostMatchesPattern } from "./hostname-match.ts";
import type { LabCertificate } from "./lab-certificate.ts";

const clock = new Clock();
const notBefore = clock.date();
const notAfter = new Date(notBefore.getTime() + 86_400_000);
let factory: CertificateFactory;
const make = async (opts: Omit<CertificateOptions, "notBefore" | "notAfter">): Promise<LabCertificate> =>
  (await factory.selfSigned({ ...opts, notBefore, notAfter })).certificate;

beforeAll(() => {
  factory = new CertificateFactory(new Rng(21));
});

describe("hostMatchesPattern (RFC 6125, as browsers apply it)", () => {
  it.each([
    ["sspr.contoso.com", "sspr.contoso.com"],
    ["SSPR.Contoso.com.", "sspr.contoso.com"],
    ["a.corp.contoso.com", "*.corp.contoso.com"],
    ["A.CORP.contoso.com", "*.Corp.Contoso.Com"],
  ])("%s is covered by %s", (host, pattern) => {
    expect(hostMatchesPattern(host, pattern)).toBe(true);
  });

  it.each([
    ["corp.contoso.com", "*.corp.contoso.com", "the wildcard needs a label to stand for"],
    ["a.b.corp.contoso.com", "*.corp.contoso.com", "the wildcard covers one label only"],
    ["web01.contoso.com", "w*.contoso.com", "partial-label wildcards are not honoured"],
    ["a.b.contoso.com", "a.*.contoso.com", "the wildcard must be the left-most label"],
    ["contoso.com", "*.com", "a wildcard over a single label is refused"],
    ["a.b.contoso.com", "*.*.contoso.com", "only one wildcard label"],
    ["sspr.contoso.com", "sspr.contoso.co", "different names"],
    ["sspr..contoso.com", "sspr..contoso.com", "empty labels"],
    ["10.0.0.1", "*.0.0.1", "a wildcard never stands for part of an IP address"],
  ])("%s is not covered by %s (%s)", (host, pattern) => {
    expect(hostMatchesPattern(host, pattern)).toBe(false);
  });
});

describe("certificateCoversName", () => {
  it("uses the SAN and ignores the CN once a SAN is present", async () => {
    const cert = await make({ subject: "CN=legacy.contoso.com", dnsNames: ["sspr.contoso.com"] });
    expect(certificateCoversName(cert, "sspr.contoso.com")).toBe(true);
    expect(certificateCoversName(cert, "legacy.contoso.com")).toBe(false);
  });

  it("falls back to the CN only when there is no SAN", async () => {
    const cert = await make({ subject: "CN=legacy.contoso.com, O=Contoso" });
    expect(certificateCoversName(cert, "legacy.contoso.com")).toBe(true);
    expect(certificateCoversName(cert, "other.contoso.com")).toBe(false);
  });

  it("matches IP addresses only against iPAddress SAN entries, in any IPv6 spelling", async () => {
    const cert = await make({ subject: "CN=10.0.0.5", dnsNames: ["*.contoso.com"], ipAddresses: ["10.0.0.5", "fe80::1"] });
    expect(certificateCoversName(cert, "10.0.0.5")).toBe(true);
    expect(certificateCoversName(cert, "FE80:0:0::1")).toBe(true);
    expect(certificateCoversName(cert, "10.0.0.6")).toBe(false);
    const cnOnly = await make({ subject: "CN=10.0.0.5" });
    expect(certificateCoversName(cnOnly, "10.0.0.5")).toBe(false);
  });
});
