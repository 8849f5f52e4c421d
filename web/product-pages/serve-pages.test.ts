import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IIS_HANDLER_ID, RESULT_HEADER } from "../../sim/products/apr/index.ts";
import { servePages, trustedRoots, type PagesServer } from "./index.ts";
import { aprHttpsScenario, catalogScenario, fetchPage, PAGE_USER, registry } from "./pages-test-kit.ts";
import { runScenarioLab, type ScenarioLab } from "./scenario-lab.ts";

const ENROLL = { user: "alice", password: "Winter2026!x", question1: "First pet?", answer1: "Rex", question2: "Birth town?", answer2: "Lyon" };

describe("servePages: Netwrix Password Reset over real HTTPS and real UDP", () => {
  let run: ScenarioLab;
  let pages: PagesServer;
  let ca: string[];

  beforeAll(async () => {
    run = await runScenarioLab(aprHttpsScenario(), { registry });
    pages = await servePages(run.lab);
    ca = trustedRoots(run.lab, pages.client!).map((c) => c.toPem());
  });
  afterAll(() => pages?.close());

  it("serves each site with its bound certificate, by the names the client reaches its host by", () => {
    expect(pages.client).toBe("PC01");
    expect(pages.sites).toEqual([
      {
        host: "APR01",
        site: "Default Web Site",
        protocol: "https",
        port: expect.any(Number),
        names: ["apr01.corp.example", "pwreset.corp.example"],
        applications: ["/", "/pwreset"],
        certificates: [expect.objectContaining({ dnsNames: ["apr01.corp.example", "pwreset.corp.example"] })],
        time: "host",
      },
    ]);
    expect(pages.apr).toEqual([{ host: "APR01", lab: { address: "10.0.0.20", port: 5100 }, real: { address: "127.0.0.1", port: expect.any(Number) } }]);
    expect(pages.apr[0]!.real.port).toBeGreaterThan(0);
    expect(run.lab.trace.find((e) => e.kind === "apr.real.listening")).toHaveLength(1);
  });

  it("enrolls and resets through the same handler; the reset crosses real UDP and changes the lab's directory, lab time standing still", async () => {
    const base = pages.url("https://pwreset.corp.example/pwreset/");
    const delivered = run.lab.network.stats().delivered;
    const labTime = run.lab.clock.now();
    const enrolled = await fetchPage(`${base}enroll`, { ca, form: ENROLL });
    expect(enrolled).toMatchObject({ status: 200, headers: { [RESULT_HEADER]: "OK" }, body: expect.stringContaining("You are enrolled.") });
    expect((await fetchPage(`${base}reset?user=alice`, { ca })).body).toContain('<input name="answer2" type="password">');
    const reset = await fetchPage(`${base}reset`, { ca, form: { user: "alice", answer1: "rex", answer2: "lyon", newPassword: "Reset-Passw0rd!" } });
    expect(reset.body).toContain("Your password has been reset.");
    expect(run.lab.domain().checkPassword("alice", "Reset-Passw0rd!").ok).toBe(true);
    expect(run.lab.network.stats().delivered).toBe(delivered);
    expect(run.lab.clock.now()).toBe(labTime);
    const sent = run.lab.trace.find((e) => e.kind === "apr:web.exchange" && e.data["result"] === "sent");
    expect(sent.map((e) => e.data["from"])).not.toContain(0);
  });

  it("maps a lab address to the real one by name; an unknown name, another protocol or no URL is a LabError", () => {
    const port = pages.sites[0]!.port;
    expect(pages.url("https://PWRESET.corp.example/pwreset/reset?user=alice")).toBe(`https://pwreset.corp.example:${port}/pwreset/reset?user=alice`);
    expect(() => pages.url("https://intranet.corp.example/")).toThrow(expect.objectContaining({ code: "PAGES_NO_SITE", message: expect.stringContaining("intranet.corp.example") }));
    expect(() => pages.url("http://pwreset.corp.example/pwreset/")).toThrow(expect.objectContaining({ code: "PAGES_NO_SITE", message: expect.stringContaining("served over https only") }));
    expect(() => pages.url("https://pwreset.corp.example:8443/")).toThrow(expect.objectContaining({ code: "PAGES_NO_SITE", message: expect.stringContaining("https port 8443") }));
    expect(() => pages.url("pwreset")).toThrow(expect.objectContaining({ code: "BAD_ARGUMENT" }));
  });

  it("one real front per lab at a time; closing puts the lab's own handler back and stops listening", async () => {
    const own = await runScenarioLab(aprHttpsScenario(), { registry });
    const handler = own.lab.iis("APR01")!.handler(IIS_HANDLER_ID)!.handler;
    const served = await servePages(own.lab);
    expect(own.lab.iis("APR01")!.handler(IIS_HANDLER_ID)!.handler).not.toBe(handler);
    await expect(servePages(own.lab)).rejects.toMatchObject({ code: "PAGES_ALREADY_SERVED" });
    await served.close();
    expect(own.lab.iis("APR01")!.handler(IIS_HANDLER_ID)!.handler).toBe(handler);
    await expect(fetchPage(`https://pwreset.corp.example:${served.sites[0]!.port}/`, { ca })).rejects.toThrow(/ECONNREFUSED/);
    await (await servePages(own.lab)).close();
  });
});

describe("servePages: what the lab decides stays the lab's", () => {
  it("ServerIP is still read and resolved by the lab: a name it cannot resolve fails the page as in the simulation", async () => {
    const run = await runScenarioLab(aprHttpsScenario('set-serverip: { host: APR01, value: "apr99.corp.example" }'), { registry, final: false });
    const pages = await servePages(run.lab);
    try {
      const ca = trustedRoots(run.lab, pages.client!).map((c) => c.toPem());
      const page = await fetchPage(pages.url("https://apr01.corp.example/pwreset/reset?user=alice"), { ca });
      expect(page.headers[RESULT_HEADER]).toBe("UNRESOLVED");
      expect(page.body).toContain('data-code="unresolved">The Password Reset Server&#39;s address could not be resolved.');
    } finally {
      await pages.close();
    }
  });

  it("a site whose bound certificate is gone cannot do TLS: it is listed as unserved, the rest is served", async () => {
    const run = await runScenarioLab(aprHttpsScenario("cert: { host: APR01, remove: { name: web } }"), { registry, final: false });
    const pages = await servePages(run.lab);
    try {
      expect(pages.sites).toEqual([]);
      expect(pages.unserved).toEqual([{ host: "APR01", site: "Default Web Site", code: "IIS_CERT_UNUSABLE", reason: expect.stringContaining("no longer in LocalMachine\\My") }]);
      expect(pages.apr).toHaveLength(1);
    } finally {
      await pages.close();
    }
  });

  it("the Specops Web waits on the simulated network: its requests run in lab time, which moves", async () => {
    const run = await runScenarioLab(catalogScenario("specops-password-reset", "spr-web-untrusted-certificate").remedy, { registry, final: false });
    const pages = await servePages(run.lab);
    try {
      expect(pages.sites.map((s) => [s.host, s.time])).toEqual([["WEB01", "lab"]]);
      const ca = trustedRoots(run.lab, pages.client!).map((c) => c.toPem());
      const before = run.lab.clock.now();
      const page = await fetchPage(pages.url("https://reset.corp.example/SpecopsPasswordReset/enroll"), { ca, form: { user: PAGE_USER.name, password: PAGE_USER.password, answers: "a|b|c" } });
      expect(JSON.parse(page.body)).toEqual({ ok: true, enrolled: true });
      expect(run.lab.clock.now()).toBeGreaterThan(before);
    } finally {
      await pages.close();
    }
  });

  it("takes consecutive ports from the one given; refuses a bad port or an unknown client", async () => {
    const run = await runScenarioLab(aprHttpsScenario(), { registry, final: false });
    const port = await freePort();
    const pages = await servePages(run.lab, { port });
    try {
      expect(pages.sites.map((s) => s.port)).toEqual([port]);
    } finally {
      await pages.close();
    }
    await expect(servePages(run.lab, { port: 70000 })).rejects.toMatchObject({ code: "BAD_ARGUMENT" });
    await expect(servePages(run.lab, { client: "PC99" })).rejects.toMatchObject({ code: "LAB_NO_HOST" });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
