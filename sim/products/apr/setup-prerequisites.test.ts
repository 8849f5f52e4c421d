import { describe, expect, it } from "vitest";
import type { HostSpec } from "../../lab-spec.ts";
import { harness } from "./test-support.ts";

const DOMAIN = { name: "corp.example" };
const ACCOUNT = { user: "svc-apr", password: "Lab-Service-9xQ!" };

/** Runs Setup on a host built from `host`; returns the blocked rules and whether the server got installed. */
async function setupOn(host: Partial<HostSpec>, args: Record<string, unknown> = {}, extra: HostSpec[] = []) {
  const h = await harness({ domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016", ...host } as HostSpec, ...extra] });
  await h.verb("setup", { host: "APR01", type: "all", serviceAccount: ACCOUNT, ...args });
  return {
    blocked: h.findings.filter((f) => f.severity === "blocked").map((f) => f.rule),
    installed: h.lab.host("APR01").products.byComponent("apr-web") !== undefined,
    h,
  };
}

describe("Setup prerequisites, each both ways", () => {
  it("Windows 2003: refused (not supported); 2008 R2: accepted", async () => {
    const old = await setupOn({ os: "windows-server-2003" }, { type: "server" });
    expect(old.blocked).toEqual(["apr.upgrade2.no-2003"]);
    expect(old.h.lab.host("APR01").products.byComponent("apr-server")).toBeUndefined();
    expect(await setupOn({ os: "windows-server-2008-r2" })).toMatchObject({ blocked: [], installed: true });
  });

  it("a client OS is refused; a listed server OS is not", async () => {
    expect((await setupOn({ os: "windows-10" })).blocked).toContain("apr.req.os");
    expect((await setupOn({ os: "windows-server-2019" })).blocked).toEqual([]);
  });

  it("32-bit Windows: 3.23 refused, 3.22 accepted", async () => {
    expect((await setupOn({ os: "windows-server-2008", arch: "x86" })).blocked).toEqual(["apr.req.x64"]);
    expect((await setupOn({ os: "windows-server-2008", arch: "x86" }, { version: "3.22" })).blocked).toEqual([]);
  });

  it("20 MB of disk and RAM", async () => {
    expect((await setupOn({ diskFreeMb: 15 })).blocked).toEqual(["apr.req.disk"]);
    expect((await setupOn({ ramFreeMb: 10 })).blocked).toEqual(["apr.req.ram"]);
    expect((await setupOn({ diskFreeMb: 25, ramFreeMb: 25 })).blocked).toEqual([]);
  });

  it("IIS 7+: refused without IIS when Setup may not install it; installed when it may; present already", async () => {
    expect((await setupOn({}, { installIis: false })).blocked).toEqual(["apr.req.iis7"]);
    const offered = await setupOn({}, { installIis: true });
    expect(offered).toMatchObject({ blocked: [], installed: true });
    expect(offered.h.findings.map((f) => f.rule)).toContain("apr.setup.iis-offer");
    const present = await setupOn({ features: ["iis"] }, { installIis: false });
    expect(present).toMatchObject({ blocked: [], installed: true });
  });

  it("the server must be a member server or a DC", async () => {
    expect((await setupOn({ joined: false, zone: "internal" })).blocked).toEqual(["apr.server.placement"]);
    expect((await setupOn({ role: "dc" })).blocked).toEqual([]);
  });

  it("PPE integration on needs PPE 7.0 or later; off, any PPE will do", async () => {
    const dc = (version: string): HostSpec => ({ name: "DC01", os: "windows-server-2016", role: "dc", installed: { ppe: version } });
    expect((await setupOn({}, { ppeIntegration: true }, [dc("6.5")])).blocked).toEqual(["apr.upgrade2.ppe"]);
    expect((await setupOn({}, { ppeIntegration: true }, [dc("7.0")])).blocked).toEqual([]);
    expect((await setupOn({}, { ppeIntegration: false }, [dc("6.5")])).blocked).toEqual([]);
  });

  it("an upgrade needs the service account's password: missing or wrong refused, right accepted", async () => {
    const spec = { domain: DOMAIN, hosts: [{ name: "APR01", os: "windows-server-2016" as const, installed: { "apr-server": "3.22", "apr-web": "3.22" } }] };
    for (const [serviceAccount, blocked] of [[undefined, true], [{ user: "svc-apr", password: "nope-Nope-1" }, true], [ACCOUNT, false]] as const) {
      const h = await harness(spec);
      await h.verb("upgrade", { host: "APR01", component: "apr-server", ...(serviceAccount ? { serviceAccount } : {}) });
      expect(h.rules().includes("apr.upgrade3.service-password"), JSON.stringify(serviceAccount)).toBe(blocked);
      expect(h.lab.host("APR01").products.byComponent("apr-server")?.version).toBe(blocked ? "3.22" : "3.23");
    }
  });
});
