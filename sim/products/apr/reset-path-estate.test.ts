import { describe, expect, it } from "vitest";
import type { HostSpec, LabSpec, PerimeterRuleSpec } from "../../lab-spec.ts";
import { harness } from "./test-support.ts";

const DOMAIN = { name: "corp.example" };
const HTTP_IN: PerimeterRuleSpec = { name: "web-in", action: "allow", protocol: "tcp", from: "external", to: "dmz", port: 80 };
const HTTP_OUT: PerimeterRuleSpec = { name: "web-out", action: "allow", protocol: "tcp", from: "dmz", to: "external", sourcePort: 80 };
const APR_REQUEST: PerimeterRuleSpec = { name: "apr-request", action: "allow", protocol: "udp", from: "172.16.0.20", to: "10.0.0.20", port: 5100 };
const APR_REPLY: PerimeterRuleSpec = { name: "apr-reply", action: "allow", protocol: "udp", from: "10.0.0.20", to: "172.16.0.20", sourcePort: 5100 };

function dmzLab(rules: PerimeterRuleSpec[], web: Record<string, unknown> = { serverIp: "10.0.0.20" }, server: Record<string, unknown> = {}): LabSpec {
  return {
    domain: DOMAIN,
    hosts: [
      { name: "APR01", os: "windows-server-2016", ip: "10.0.0.20", installed: { "apr-server": { version: "3.23", ...server } } },
      { name: "WEB01", os: "windows-server-2016", zone: "dmz", ip: "172.16.0.20", joined: false, installed: { "apr-web": { version: "3.23", ...web } } },
      { name: "INET01", os: "windows-10", zone: "external", joined: false },
    ],
    network: { rules },
  };
}

const ALL_RULES = [HTTP_IN, HTTP_OUT, APR_REQUEST, APR_REPLY];

async function resetRules(spec: LabSpec, seed = 7): Promise<string[]> {
  const h = await harness(spec, seed);
  await h.verify("reset");
  return h.rules();
}

describe("the reset path across the estate: each failure from its mechanism, both ways", () => {
  it("DMZ firewall: the request needs a rule to 5100, the reply one from 5100", async () => {
    expect(await resetRules(dmzLab([HTTP_IN, HTTP_OUT]))).toEqual(["apr.net.request.dmz-rule"]);
    expect(await resetRules(dmzLab([HTTP_IN, HTTP_OUT, APR_REQUEST]))).toEqual(["apr.net.reply.dmz-rule"]);
    expect(await resetRules(dmzLab(ALL_RULES))).toEqual([]);
  });

  it("the evidence of a drop is the network's own trace event naming the rule", async () => {
    const h = await harness(dmzLab([HTTP_IN, HTTP_OUT]));
    await h.verify("reset");
    const drop = h.findings[0]!.evidence!.map((id) => h.lab.trace.get(id)!).find((e) => e.kind === "net.drop");
    expect(drop?.data).toMatchObject({ reason: "perimeter-rule", port: 5100, fromHost: "WEB01" });
  });

  it("ServerIP: empty sends nowhere; 32-bit regedit writes where the 64-bit web does not look; set, it works", async () => {
    expect(await resetRules(dmzLab(ALL_RULES, {}))).toEqual(["apr.web.serverip"]);
    const h = await harness(dmzLab(ALL_RULES, {}));
    await h.verb("set-serverip", { host: "WEB01", value: "10.0.0.20", view: 32 });
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.web.serverip"]);
    await h.verb("set-serverip", { host: "WEB01", value: "10.0.0.20" });
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });

  it("several Web Interfaces on one server with per-vdir addresses: a missing ServerIP_<vdir> breaks that one only", async () => {
    const h = await harness(dmzLab(ALL_RULES));
    await h.verb("publish-web", { host: "WEB01", vdir: "finance" });
    await h.verb("set-serverip", { host: "WEB01", value: "" });
    await h.verb("set-serverip", { host: "WEB01", vdir: "pwreset", value: "10.0.0.20" });
    await h.verify("reset");
    expect(h.rules().sort()).toEqual(["apr.server.multi-web", "apr.web.serverip-vdir"]);
    expect(h.findings.find((f) => f.rule === "apr.web.serverip-vdir")?.message).toContain("finance");
    await h.verb("set-serverip", { host: "WEB01", vdir: "finance", value: "10.0.0.20" });
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
    expect(h.checked.has("apr.server.multi-web")).toBe(true);
  });

  it("the service cannot log on with a wrong password: nothing listens; with the right one it answers", async () => {
    const h = await harness(dmzLab(ALL_RULES, { serverIp: "10.0.0.20" }, { servicePassword: "Stale-Password-1!" }));
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.setup.service-account.logon"]);
    await h.verb("apr-service", { host: "APR01", action: "set-password", password: "Lab-Service-9xQ!" });
    await h.verb("apr-service", { host: "APR01", action: "start" });
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });

  it("a third-party host firewall drops UDP 5100 until it is opened", async () => {
    const spec = dmzLab(ALL_RULES);
    const h = await harness(spec);
    h.lab.faults.activate("third-party-firewall", { host: "APR01" });
    const { aprProduct } = await import("./apr-product.ts");
    await aprProduct.applyFaults!(h.lab);
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.net.other-firewall"]);
    await h.verb("open-port", { host: "APR01" });
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });

  it("a web whose clock is 2 minutes off is refused as expired; in step it is served", async () => {
    const h = await harness(dmzLab(ALL_RULES));
    const { AprWorld } = await import("./apr-world.ts");
    AprWorld.of(h.lab).clockSkewMs.set("WEB01", 120_000);
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.server.role.wire"]);
    AprWorld.of(h.lab).clockSkewMs.set("WEB01", 10_000);
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });

  it("an existing service account without the rights: AD refuses the reset and the user reads why", async () => {
    const spec: LabSpec = { ...dmzLab(ALL_RULES), domain: { name: "corp.example", accounts: [{ name: "svc-apr", password: "Lab-Service-9xQ!" }] } };
    const h = await harness(spec);
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.setup.service-account.rights"]);
    expect(h.findings[0]!.message).toMatch(/INSUFFICIENT_RIGHTS/);
    h.lab.domain().addToGroup("Domain Admins", "svc-apr");
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });

  it("without SQL Server Compact the service stops right after it starts", async () => {
    const h = await harness(dmzLab(ALL_RULES));
    await h.verb("uninstall", { host: "APR01", component: "sqlce" });
    await h.verb("apr-service", { host: "APR01", action: "restart" });
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.server.sqlce"]);
  });

  it("packet loss: retransmissions with the same request id get through; total loss is a timeout", async () => {
    const lossy = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", installed: { "apr-server": "3.23", "apr-web": "3.23" } }, { name: "PC01", os: "windows-10" }] }, 4);
    lossy.lab.faults.activate("packet-loss", { probability: 0.15 });
    await lossy.verify("reset");
    expect(lossy.rules()).toEqual([]);
    const retransmits = lossy.lab.trace.events.filter((e) => e.kind === "apr:web.exchange" && Number(e.data.attempts) > 1);
    const duplicates = lossy.lab.trace.events.filter((e) => e.kind === "apr:duplicate");
    expect(retransmits.length).toBeGreaterThan(0);
    expect(duplicates.length).toBeGreaterThan(0);
    // A retransmitted reset is applied once: one "reset" audit line per user.
    expect(lossy.lab.trace.events.filter((e) => e.kind === "apr:request" && e.data.op === "reset" && e.data.result === "ok")).toHaveLength(1);
    const dead = await harness(dmzLab(ALL_RULES), 3);
    dead.lab.faults.activate("packet-loss", { probability: 1 });
    await dead.verify("reset");
    expect(dead.rules()).toContain("apr.web.role");
  });

  it("wrong answers: five lock the user out, three then the right ones do not", async () => {
    const h = await harness(dmzLab(ALL_RULES));
    await h.verb("wrong-answers", { times: 5, thenRight: true });
    expect(h.rules()).toEqual(["apr.server.role.lockout"]);
    const g = await harness(dmzLab(ALL_RULES));
    await g.verb("wrong-answers", { times: 3, thenRight: true });
    expect(g.rules()).toEqual([]);
    expect(g.checked.has("apr.server.role.lockout")).toBe(true);
  });
});

describe("the Password Reset Client's rendering", () => {
  function clientLab(client: Partial<HostSpec>, clientVersion: string, webVersion = "3.23"): LabSpec {
    return {
      domain: DOMAIN,
      hosts: [
        { name: "APR01", os: "windows-server-2016", installed: { "apr-server": webVersion, "apr-web": webVersion } },
        { name: "PC01", os: "windows-10", ...client, installed: { "apr-client": { version: clientVersion, web: "APR01" } } } as HostSpec,
      ],
    };
  }

  it("an old client renders the 3.23 templates in IE 7 mode; LogonUI.exe = 0x2AF8 in the 64-bit view fixes it, the 32-bit view does not", async () => {
    const h = await harness(clientLab({}, "3.22"));
    await h.verify("client");
    expect(h.rules()).toEqual(["apr.client.ie-mode"]);
    await h.verb("ie-emulation", { host: "PC01", view: 32 });
    h.findings.length = 0;
    await h.verify("client");
    expect(h.rules()).toEqual(["apr.client.ie-mode"]);
    await h.verb("ie-emulation", { host: "PC01" });
    h.findings.length = 0;
    await h.verify("client");
    expect(h.rules()).toEqual([]);
  });

  it("IE 7 mode displays the templates before 3.23 (only the new ones need document mode 9)", async () => {
    for (const web of ["2.9", "3.0", "3.22"]) {
      const h = await harness(clientLab({}, web, web));
      await h.verify("client");
      expect(h.rules(), web).toEqual([]);
      expect(h.lab.trace.events.find((e) => e.kind === "apr:client.render")?.data).toMatchObject({ mode: 7, needed: 7 });
    }
  });

  it("the 3.23 client needs no emulation value", async () => {
    const h = await harness(clientLab({}, "3.23"));
    await h.verify("client");
    expect(h.rules()).toEqual([]);
  });

  it("on XP (IE 8) the value is ignored and IE 8 cannot show the templates", async () => {
    const h = await harness(clientLab({ os: "windows-xp", arch: "x86", ie: 8 }, "3.22"));
    await h.verb("ie-emulation", { host: "PC01" });
    await h.verify("client");
    expect(h.rules()).toEqual(["apr.upgrade2.ie8"]);
  });

  it("Windows 7 with IE 9: the value is honoured", async () => {
    const h = await harness(clientLab({ os: "windows-7", ie: 9 }, "3.22"));
    await h.verb("ie-emulation", { host: "PC01" });
    await h.verify("client");
    expect(h.rules()).toEqual([]);
  });
});

describe("versions on the wire", () => {
  it("3.22 web and 3.23 server: refused as a version mismatch until both match", async () => {
    const spec: LabSpec = { domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", installed: { "apr-server": "3.23" } }, { name: "WEB01", os: "windows-server-2016", installed: { "apr-web": { version: "3.22", serverIp: "APR01" } } }] };
    const h = await harness(spec);
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.upgrade.matching-versions"]);
    await h.verb("upgrade", { host: "WEB01", component: "apr-web", backedUp: true });
    h.findings.length = 0;
    await h.verify("flows");
    expect(h.rules()).toEqual([]);
  });

  it("a V2 licence key: the 3.23 server runs as an evaluation that ends after 30 days; a V3 key fixes it", async () => {
    const spec: LabSpec = { domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", installed: { "apr-server": { version: "3.23", licenseKey: "APR2-LAB0-0001-KEY0" }, "apr-web": "3.23" } }] };
    const h = await harness(spec);
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
    h.lab.clock.advance(31 * 86_400_000);
    await h.verify("reset");
    expect(h.rules()).toEqual(["apr.upgrade2.license"]);
    await h.verb("license", { host: "APR01" });
    h.findings.length = 0;
    await h.verify("reset");
    expect(h.rules()).toEqual([]);
  });
});
