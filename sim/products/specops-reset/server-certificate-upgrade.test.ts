import { describe, expect, it } from "vitest";
import type { HostSpec } from "../../lab-spec.ts";
import { readServerConfig } from "./server-config.ts";
import { SERVER_CERT_FRIENDLY_NAME } from "./server-certificate.ts";
import { baseSpec, harness } from "./spr-test-kit.ts";

const withSecondCert = (): HostSpec[] =>
  baseSpec().hosts.map((h) => (h.name === "SPR01" ? { ...h, certificates: [{ name: "spr-2026", friendlyName: "SPR Server 2026" }] } : h));
const SERVER = { host: "SPR01", serviceAccount: { user: "svc-spr", password: "Service2026!x" }, managementLevel: "DC=corp,DC=example" };

describe("the Server's certificate at upgrade (spr.server.cert-same)", () => {
  it("keeps the channel when the same certificate is selected by its friendly name: the config's thumbprint is unchanged", async () => {
    const h = await harness(baseSpec({ hosts: withSecondCert() }));
    const before = readServerConfig(h.lab.host("SPR01").fs)!.certificateThumbprint;
    expect(h.rules(await h.step("setup-server", { ...SERVER, certificate: { friendlyName: SERVER_CERT_FRIENDLY_NAME } }))).toEqual([]);
    expect(readServerConfig(h.lab.host("SPR01").fs)!.certificateThumbprint).toBe(before);
    expect(h.rules(await h.verify("reset"))).toEqual([]);
  });

  it("breaks the channel when another is selected: a warning at the step, a refused connection at every request, and the Web's upgrade keeps the pin", async () => {
    const h = await harness(baseSpec({ hosts: withSecondCert() }));
    const before = readServerConfig(h.lab.host("SPR01").fs)!.certificateThumbprint;
    const setup = await h.step("setup-server", { ...SERVER, certificate: { friendlyName: "SPR Server 2026" } });
    expect(setup.map((f) => [f.rule, f.severity])).toEqual([["spr.server.cert-same", "warning"]]);
    const after = readServerConfig(h.lab.host("SPR01").fs)!.certificateThumbprint;
    expect(after).not.toBe(before);
    const verify = await h.verify("reset");
    expect(verify.map((f) => [f.rule, f.severity])).toEqual([["spr.server.cert-same", "broken"]]);
    const evidence = h.lab.trace.get(verify[0]!.evidence[0]!)!;
    expect(evidence).toMatchObject({ kind: "spr:channel.pin-mismatch", data: { pinned: before, presented: after } });
    await h.step("setup-web", { host: "WEB01", resetServer: "SPR01" });
    expect(h.rules(await h.verify("reset"))).toEqual(["spr.server.cert-same"]);
  });

  it("refuses a friendly name no certificate carries (the Setup Assistant lists only LocalMachine\\My with a key)", async () => {
    const h = await harness(baseSpec());
    const setup = await h.step("setup-server", { ...SERVER, certificate: { friendlyName: "No such certificate" } });
    expect(setup.map((f) => [f.rule, f.severity])).toEqual([["spr.server.cert-friendly-name", "blocked"]]);
  });
});
