import { describe, expect, it } from "vitest";
import { buildEstate, estateSpec, lastChange, runVerb, verify } from "./test-kit.ts";

const DAY = 86_400_000;

describe("TLS: the notifier checks the Sync Server's certificate from the DC's own stores", () => {
  it("refuses a self-signed certificate not imported into the DC's trusted roots", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", trusted: false }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    const attempt = lastChange(lab).attempts[0]!;
    expect(attempt).toMatchObject({ outcome: "tls-refused", reason: "untrusted-root", selfSigned: true });
    expect(lastChange(lab).targets).toEqual([]);
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.sync.cert-trust"]);
    expect((await verify(lab, "cert-trusted")).rules()).toEqual(["sps.post.cert-trusted"]);
  });

  it("accepts it once imported on every DC", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", trusted: false }));
    await runVerb(lab, "import-cert", { from: "SYNC01" });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    expect(lastChange(lab).targets.map((t) => [t.target, t.arrived])).toEqual([["cloud", true], ["hr", true]]);
    const check = await verify(lab, "sync");
    expect(check.findings).toEqual([]);
    expect(check.checked.has("sps.sync.cert-trust")).toBe(true);
    expect((await verify(lab, "cert-trusted")).findings).toEqual([]);
  });

  it("refuses a trusted one on a DC where it was imported on another DC only", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", trusted: false }));
    await runVerb(lab, "import-cert", { from: "SYNC01", to: ["DC01"] });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost).toBeUndefined();
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    expect(lastChange(lab).lost?.kind).toBe("all-servers-failed");
  });

  it("refuses the certificate once lab time passes its expiry (not renewed automatically), and a renewed one imported works", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", validDays: 90, trustedBy: ["DC01", "DC02"] }] }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost).toBeUndefined();
    lab.clock.advance(120 * DAY);
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).attempts[0]).toMatchObject({ outcome: "tls-refused", reason: "expired" });
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.sync.cert-expiry"]);
    await runVerb(lab, "renew-cert", { host: "SYNC01" });
    await runVerb(lab, "import-cert", { from: "SYNC01" });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).lost).toBeUndefined();
  });

  it("trusts a certificate from AD Certificate Services with no import at all", async () => {
    const spec = estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", issuer: "corp-ca" }] });
    const lab = await buildEstate({ ...spec, authorities: [{ name: "corp-ca", enterprise: true }] });
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC02" });
    expect(lastChange(lab).lost).toBeUndefined();
    expect(lastChange(lab).targets.every((t) => t.arrived)).toBe(true);
  });

  it("refuses a certificate that does not cover the Sync Server's name", async () => {
    const lab = await buildEstate(estateSpec({ pcn: "7.2", server: "7.2", admin: "7.2", certificate: [{ name: "sync", dnsNames: ["other.corp.example"], trustedBy: ["DC01", "DC02"] }] }));
    await runVerb(lab, "change-password", { user: "jdoe", dc: "DC01" });
    expect(lastChange(lab).attempts[0]).toMatchObject({ outcome: "tls-refused", reason: "name-mismatch" });
    expect((await verify(lab, "sync")).rules()).toEqual(["sps.sync.cert"]);
  });
});
