import { describe, expect, it } from "vitest";
import { dmzSpec, harness } from "./spr-test-kit.ts";

const get = async (h: Awaited<ReturnType<typeof harness>>, client: string, url: string) => h.lab.web.request(client, url);

describe("a browser evaluates the Web's certificate from its own stores, for the name it used", () => {
  it("inside: the enterprise CA's certificate for reset.corp.example is trusted by the workstation", async () => {
    const h = await harness(dmzSpec());
    expect(await get(h, "WS01", "https://reset.corp.example/SpecopsPasswordReset/")).toMatchObject({ ok: true });
  });

  it("inside: the same site reached by a name the certificate does not cover fails with name-mismatch", async () => {
    const h = await harness(dmzSpec());
    h.lab.network.addDnsRecord("password.corp.example", "WEB01");
    expect(await get(h, "WS01", "https://password.corp.example/SpecopsPasswordReset/")).toMatchObject({ ok: false, stage: "tls", reason: "name-mismatch" });
  });

  it("outside: the public CA's certificate covers reset.contoso.com and the Internet client trusts it", async () => {
    const h = await harness(dmzSpec());
    expect(await get(h, "INET01", "https://reset.contoso.com/SpecopsPasswordReset/")).toMatchObject({ ok: true });
  });

  it("outside: the internal CA is not in the Internet client's stores, so a certificate from it cannot be trusted", async () => {
    // The DMZ server (outside the domain) does not hold the internal CA either, so it cannot send the chain: the client cannot build one.
    const h = await harness(dmzSpec({ dmz: { certificates: [{ name: "ext", issuer: "corp-ca", dnsNames: ["reset.contoso.com"] }] } }));
    expect(await get(h, "INET01", "https://reset.contoso.com/SpecopsPasswordReset/")).toMatchObject({ ok: false, stage: "tls", reason: "partial-chain" });
  });

  it("diagnoses a refused certificate in the processes by the document's rule: names vs. trust", async () => {
    const names = await harness(dmzSpec({ dmz: { certificates: [{ name: "ext", issuer: "public-ca", dnsNames: ["dmz01.contoso.com"] }] } }));
    expect(names.rules(await names.verify("reset"))).toEqual(["spr.req.web.trusted-cert.names"]);
    const trust = await harness(dmzSpec({ dmz: { certificates: [{ name: "ext", issuer: "corp-ca", dnsNames: ["reset.contoso.com"] }] } }));
    expect(trust.rules(await trust.verify("reset"))).toEqual(["spr.req.web.trusted-cert"]);
    const fine = await harness(dmzSpec());
    expect(fine.rules(await fine.verify("reset"))).toEqual([]);
  });
});
