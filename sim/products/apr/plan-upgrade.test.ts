import { describe, expect, it } from "vitest";
import type { LabSpec } from "../../lab-spec.ts";
import { SERVICE_NAME } from "./apr-layout.ts";
import { aprProduct } from "./apr-product.ts";
import { planUpgrade } from "./plan-upgrade.ts";
import { harness, type Harness } from "./test-support.ts";

const DOMAIN = { name: "corp.example" };
const CREDS = { APR01: { password: "Lab-Service-9xQ!" } };

async function execute(h: Harness, steps: ReturnType<typeof planUpgrade>["steps"]): Promise<string> {
  for (const step of steps) {
    if (step.verb === "verify") {
      for (const name of typeof step.args === "string" ? [step.args] : (step.args as string[])) await h.verify(name);
    } else await h.verb(step.verb, step.args);
  }
  return aprProduct.judgeFinal(h.ctx(steps.length + 1));
}

const ESTATES: Record<string, LabSpec> = {
  "single 3.22 with a customised web": {
    domain: DOMAIN,
    hosts: [
      { name: "APR01", os: "windows-server-2016", installed: { "apr-server": { version: "3.22", enrolled: 2 }, "apr-web": "3.22" } },
      { name: "PC01", os: "windows-10", installed: { "apr-client": { version: "3.22", web: "APR01" } } },
    ],
  },
  "DMZ 3.0": {
    domain: DOMAIN,
    hosts: [
      { name: "APR01", os: "windows-server-2012-r2", ip: "10.0.0.20", installed: { "apr-server": "3.0" } },
      { name: "WEB01", os: "windows-server-2012-r2", zone: "dmz", ip: "172.16.0.20", joined: false, installed: { "apr-web": { version: "3.0", serverIp: "10.0.0.20" } } },
      { name: "INET01", os: "windows-10", zone: "external", joined: false },
    ],
    network: {
      rules: [
        { name: "web-in", action: "allow", protocol: "tcp", from: "external", to: "dmz", port: 80 },
        { name: "web-out", action: "allow", protocol: "tcp", from: "dmz", to: "external", sourcePort: 80 },
        { name: "apr-request", action: "allow", protocol: "udp", from: "dmz", to: "10.0.0.20", port: 5100 },
        { name: "apr-reply", action: "allow", protocol: "udp", from: "10.0.0.20", to: "dmz", sourcePort: 5100 },
      ],
    },
  },
  "single 2.x with data, a Data Console open and an old client": {
    domain: DOMAIN,
    hosts: [
      { name: "APR01", os: "windows-server-2008-r2", installed: { "apr-server": { version: "2.9", enrolled: 5 }, "apr-web": "2.9" } },
      { name: "PC01", os: "windows-7", ie: 11, installed: { "apr-client": { version: "2.9", web: "APR01" } } },
    ],
  },
};

describe("planUpgrade: the documented steps, run in the lab, end healthy", () => {
  for (const [name, spec] of Object.entries(ESTATES)) {
    it(name, async () => {
      const h = await harness(spec);
      if (name.includes("Data Console")) await h.verb("data-console", { host: "APR01", action: "open" });
      if (name.includes("customised")) await h.verb("customise", { host: "APR01", text: "Contoso" });
      const plan = planUpgrade(h.lab, { credentials: CREDS });
      expect(plan.blockers).toEqual([]);
      expect(plan.steps.filter((s) => s.verb === "upgrade").length).toBeGreaterThan(0);
      const final = await execute(h, plan.steps);
      expect(h.findings.filter((f) => f.severity === "broken" || f.severity === "blocked"), JSON.stringify(plan.steps)).toEqual([]);
      expect(final).toBe("healthy");
      if (name.includes("customised")) {
        expect(plan.steps.map((s) => s.verb)).toContain("restore");
        expect(h.lab.host("APR01").fs.readText("C:\\Inetpub\\wwwroot\\pwreset\\reset.htm")).toContain("Contoso");
      }
      // Finished: nothing left to plan, not even a backup or a stopped service.
      expect(planUpgrade(h.lab, { credentials: CREDS })).toEqual({ blockers: [], steps: [] });
    });
  }

  it("the plan run a second time leaves the service running: it starts what it stopped, even where Setup has nothing to upgrade", async () => {
    const spec = ESTATES["single 3.22 with a customised web"]!;
    const h = await harness(spec);
    const plan = planUpgrade(h.lab, { credentials: CREDS });
    const verbs = plan.steps.map((s) => `${s.verb}${(s.args as { action?: string }).action ? `:${(s.args as { action: string }).action}` : ""}`);
    expect(verbs.slice(0, 4)).toEqual(["apr-service:stop", "backup", "upgrade", "apr-service:start"]);
    expect(await execute(h, plan.steps)).toBe("healthy");
    expect(await execute(h, plan.steps)).toBe("healthy");
    expect(h.lab.host("APR01").services.isRunning(SERVICE_NAME)).toBe(true);

    // Without its start step the second run leaves the service stopped: Setup found 3.23 and changed nothing.
    const g = await harness(spec);
    const withoutStart = plan.steps.filter((s) => !(s.verb === "apr-service" && (s.args as { action: string }).action === "start"));
    expect(await execute(g, withoutStart)).toBe("healthy");
    expect(await execute(g, withoutStart)).toBe("broken");
    expect(g.lab.host("APR01").services.isRunning(SERVICE_NAME)).toBe(false);
  });

  it("after a 2.x upgrade the closing checks include the licences; a 3.x one with keys of its version needs none", async () => {
    const v2 = await harness(ESTATES["single 2.x with data, a Data Console open and an old client"]!);
    expect(planUpgrade(v2.lab, { credentials: CREDS }).steps.filter((s) => s.verb === "verify").map((s) => s.args)).toContainEqual("license");
    const v3 = await harness(ESTATES["DMZ 3.0"]!);
    expect(planUpgrade(v3.lab, { credentials: CREDS }).steps.filter((s) => s.verb === "verify").map((s) => s.args)).not.toContainEqual("license");
  });

  it("a Client on IE 8 blocks the upgrade whatever its version: the 3.23 Client renders with the same IE", async () => {
    for (const version of ["3.22", "3.23"]) {
      const estate = (os: string, ie: number): LabSpec => ({
        domain: DOMAIN,
        hosts: [
          { name: "APR01", os: "windows-server-2016", installed: { "apr-server": "3.22", "apr-web": "3.22" } },
          { name: "PC01", os, ...(os === "windows-xp" ? { arch: "x86" } : {}), ie, installed: { "apr-client": { version, web: "APR01" } } } as LabSpec["hosts"][number],
        ],
      });
      const xp = planUpgrade((await harness(estate("windows-xp", 8))).lab, { credentials: CREDS });
      expect(xp.blockers.map((b) => `${b.rule} ${b.host}`), version).toEqual(["apr.upgrade2.ie8 PC01"]);
      const seven = planUpgrade((await harness(estate("windows-7", 11))).lab, { credentials: CREDS });
      expect(seven.blockers, version).toEqual([]);
    }
  });

  it("servers are upgraded before Web Interfaces, and a V2 database is moved after its upgrade", async () => {
    const h = await harness(ESTATES["single 2.x with data, a Data Console open and an old client"]!);
    await h.verb("data-console", { host: "APR01", action: "open" });
    const verbs = planUpgrade(h.lab, { credentials: CREDS }).steps.map((s) => s.verb);
    expect(verbs.slice(0, 3)).toEqual(["data-console", "apr-service", "backup"]);
    expect(verbs.indexOf("move-database")).toBeGreaterThan(verbs.indexOf("upgrade"));
    expect(verbs).toContain("ie-emulation");
    expect(verbs).toContain("license");
  });

  it("blockers with their remedies: Windows 2003, PPE 6.x, an unknown service password, XP clients", async () => {
    const h = await harness({
      domain: DOMAIN,
      hosts: [
        { name: "DC01", os: "windows-server-2016", role: "dc", installed: { ppe: "6.5" } },
        { name: "APR01", os: "windows-server-2003", installed: { "apr-server": { version: "2.9", ppeIntegration: true } } },
        { name: "XP01", os: "windows-xp", arch: "x86", ie: 8, installed: { "apr-client": { version: "2.9", web: "APR01" } } },
      ],
    });
    const plan = planUpgrade(h.lab);
    expect(plan.blockers.map((b) => b.rule).sort()).toEqual(["apr.upgrade2.ie8", "apr.upgrade2.no-2003", "apr.upgrade2.ppe", "apr.upgrade3.service-password"]);
    expect(plan.blockers.every((b) => b.remedy.length > 10)).toBe(true);
  });
});
