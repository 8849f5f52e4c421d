import { describe, expect, it } from "vitest";
import { CertificateFactory, type LabCertificate } from "../../certs/index.ts";
import { createContext } from "../../kernel/index.ts";
import { FixedHostFirewall, Network } from "../../net/index.ts";
import { SERVER_PORT } from "./paths.ts";
import { callPinned, channelServerHandler, checkPin, fetchServerCertificate } from "./pinned-channel.ts";

async function estate(options: { listen?: boolean } = {}) {
  const context = createContext(7);
  const net = new Network(context, { domain: "corp.example" });
  net.addNode({ name: "SPR01", ip: "10.0.0.20", zone: "internal", domainJoined: true, firewall: new FixedHostFirewall(true, [{ name: "spr", protocol: "tcp", port: SERVER_PORT }]) });
  net.addNode({ name: "WEB01", ip: "10.0.0.30", zone: "internal", domainJoined: true, firewall: FixedHostFirewall.off() });
  const factory = new CertificateFactory(context.rng);
  const now = context.clock.date();
  const later = new Date(now.getTime() + 86_400_000 * 365);
  const a = (await factory.selfSigned({ subject: "CN=Specops Password Reset Server A", notBefore: now, notAfter: later })).certificate;
  const b = (await factory.selfSigned({ subject: "CN=Specops Password Reset Server B", notBefore: now, notAfter: later })).certificate;
  const presented: { cert: LabCertificate | undefined } = { cert: a };
  const handled: string[] = [];
  if (options.listen !== false) {
    net.listen("SPR01", SERVER_PORT, channelServerHandler<string, string>({ presentCertificate: () => presented.cert, handle: (req) => (handled.push(req.op), `done ${req.op}`) }));
  }
  const call = (pinned: string) => net.run(callPinned<string, string>({ transport: net, trace: context.trace, fromHost: "WEB01" }, { serverName: "SPR01", pinned, webVersion: "8.0" }, "reset"));
  return { context, net, a, b, presented, handled, call };
}

describe("checkPin", () => {
  it("accepts the pinned thumbprint (case and spaces do not matter) and refuses another, naming both", async () => {
    const { a, b } = await estate({ listen: false });
    expect(checkPin(a.thumbprint.toLowerCase(), a)).toEqual({ ok: true });
    expect(checkPin(b.thumbprint, a)).toEqual({ ok: false, pinned: b.thumbprint, presented: a.thumbprint });
    expect(checkPin("", a)).toMatchObject({ ok: false, pinned: "" });
  });
});

describe("the Web-to-Server channel pinned to the Server's certificate", () => {
  it("carries the request when the Server presents the pinned certificate", async () => {
    const e = await estate();
    const result = await e.call(e.a.thumbprint);
    expect(result).toMatchObject({ ok: true, reply: "done reset", thumbprint: e.a.thumbprint });
    expect(e.handled).toEqual(["reset"]);
  });

  it("refuses the connection when the Server presents another certificate: nothing reaches the Server, the trace names both thumbprints", async () => {
    const e = await estate();
    e.presented.cert = e.b;
    const result = await e.call(e.a.thumbprint);
    expect(result).toMatchObject({ ok: false, stage: "pin", reason: "pin-mismatch", pinned: e.a.thumbprint, presented: e.b.thumbprint });
    expect(e.handled).toEqual([]);
    const event = e.context.trace.get(result.ok ? 0 : result.evidence[0]!);
    expect(event).toMatchObject({ kind: "spr:channel.pin-mismatch", host: "WEB01", data: { pinned: e.a.thumbprint, presented: e.b.thumbprint } });
  });

  it("fails at connect when nothing listens (a stopped Server), and at the handshake when the Server has no certificate", async () => {
    const none = await estate({ listen: false });
    expect(await none.call(none.a.thumbprint)).toMatchObject({ ok: false, stage: "connect" });
    const bare = await estate();
    bare.presented.cert = undefined;
    expect(await bare.call(bare.a.thumbprint)).toMatchObject({ ok: false, stage: "handshake" });
  });

  it("lets a new Web's setup read the certificate to pin (trust on first use), or says why it cannot", async () => {
    const e = await estate();
    const first = await e.net.run(fetchServerCertificate({ transport: e.net, trace: e.context.trace, fromHost: "WEB01" }, "SPR01"));
    expect(first).toMatchObject({ ok: true });
    expect(first.ok && first.certificate.thumbprint).toBe(e.a.thumbprint);
    const missing = await e.net.run(fetchServerCertificate({ transport: e.net, trace: e.context.trace, fromHost: "WEB01" }, "SPR02"));
    expect(missing).toMatchObject({ ok: false, reason: "unresolved" });
  });
});
