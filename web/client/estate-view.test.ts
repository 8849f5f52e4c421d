import { describe, expect, it } from "vitest";
import type { JsonReportResult } from "../../sim/scenario/index.ts";
import { describeRule, estateChanges, estateFromLab, estateStory, rulesBetween, type ResultWithEstate } from "./estate-view.ts";

type Lab = JsonReportResult["lab"];

const lab: Lab = {
  domain: { name: "corp.example", dcs: 2 },
  hosts: [
    { name: "APR01", os: "windows-server-2016", installed: { "apr-server": "3.22" } },
    { name: "WEB01", os: "windows-server-2016", zone: "dmz", joined: false, installed: { "apr-web": { version: "3.22", site: "Default" } } },
    { name: "WEB02", os: "windows-server-2019", zone: "dmz", joined: true, firewall: { enabled: false } },
    { name: "LOOSE", os: "windows-10", zone: "internal", joined: false },
    { name: "DC09", os: "windows-server-2019", role: "dc", zone: "internal", joined: false },
  ],
  network: {
    rules: [
      { name: "web-to-apr", action: "allow", protocol: "udp", from: "dmz", to: "internal", port: 5100 },
      { name: "apr-replies", action: "allow", protocol: "udp", from: "internal", to: "dmz", sourcePort: [5100, 5101] },
      { name: "https", action: "allow", protocol: "tcp", from: "any", to: "dmz", port: 443 },
      { name: "nothing-in", action: "deny", protocol: "any", from: "external", to: "internal" },
      { name: "catch-all", action: "deny", protocol: "any", from: "any", to: "any" },
      { name: "one-host", action: "allow", protocol: "tcp", from: "10.0.0.5", to: "dmz", port: 3389 },
    ],
  },
};

const hostsOf = (view: ReturnType<typeof estateFromLab>) => view.zones.flatMap((z) => z.hosts);

describe("estateFromLab", () => {
  it("puts hosts in their zone (internal when unsaid), always listing the three zones left to right", () => {
    const view = estateFromLab(lab);
    expect(view.zones.map((z) => [z.zone, z.hosts.map((h) => h.name)])).toEqual([
      ["external", []],
      ["dmz", ["WEB01", "WEB02"]],
      ["internal", ["APR01", "LOOSE", "DC09"]],
    ]);
  });

  it("joins internal hosts of a domain unless they say otherwise, DMZ hosts only when they say so, DCs always", () => {
    const joined = Object.fromEntries(hostsOf(estateFromLab(lab)).map((h) => [h.name, h.joined]));
    expect(joined).toEqual({ APR01: true, WEB01: false, WEB02: true, LOOSE: false, DC09: true });
    const noDomain = estateFromLab({ hosts: [{ name: "APP01", os: "windows-server-2019" }] });
    expect(hostsOf(noDomain)[0]!.joined).toBe(false);
    expect(noDomain.domain).toBeUndefined();
  });

  it("counts the domain controllers the lab will have: the count asked for, or more when more are named", () => {
    expect(estateFromLab(lab).domain).toEqual({ name: "corp.example", dcs: 2 });
    const named = { ...lab, domain: { name: "corp.example" }, hosts: [...lab.hosts, { name: "DC10", os: "windows-server-2019" as const, role: "rodc" as const }] };
    expect(estateFromLab(named).domain).toEqual({ name: "corp.example", dcs: 2 });
    expect(estateFromLab({ ...lab, domain: { name: "x.example" }, hosts: [lab.hosts[0]!] }).domain?.dcs).toBe(1);
  });

  it("reads versions given as text or with options, and the host firewall only when the lab states it", () => {
    const [web01, web02] = estateFromLab(lab).zones[1]!.hosts;
    expect(web01!.installed).toEqual([{ component: "apr-web", version: "3.22" }]);
    expect(web01!.firewall).toBeUndefined();
    expect(web02!.firewall).toBe(false);
  });

  it("keeps the perimeter rules in order with their ports as text", () => {
    const rules = estateFromLab(lab).rules;
    expect(rules.map((r) => r.name)).toEqual(["web-to-apr", "apr-replies", "https", "nothing-in", "catch-all", "one-host"]);
    expect(describeRule(rules[0]!)).toBe("allow udp port 5100 dmz → internal");
    expect(describeRule(rules[1]!)).toBe("allow udp from port 5100-5101 internal → dmz");
    expect(describeRule(rules[3]!)).toBe("deny any external → internal");
  });
});

describe("rulesBetween", () => {
  it("finds the rules between two zones either way round or from any, but not any-to-any nor addresses", () => {
    const rules = estateFromLab(lab).rules;
    expect(rulesBetween(rules, "dmz", "internal").map((r) => r.name)).toEqual(["web-to-apr", "apr-replies", "https"]);
    expect(rulesBetween(rules, "external", "dmz").map((r) => r.name)).toEqual(["https"]);
    expect(rulesBetween(rules, "external", "internal").map((r) => r.name)).toEqual(["nothing-in"]);
  });
});

describe("estateStory and estateChanges", () => {
  const result = (extra: object = {}) => ({ lab, ...extra }) as unknown as ResultWithEstate;

  it("draws the scenario's lab alone when the report carries no estate snapshot", () => {
    const story = estateStory(result());
    expect(story.source).toBe("spec");
    expect(story.after).toBeUndefined();
    expect(story.changes).toEqual([]);
  });

  it("draws before and after, with what changed, when the report carries them", () => {
    const after: Lab = {
      ...lab,
      hosts: [
        { ...lab.hosts[0]!, installed: { "apr-server": "3.23", "apr-console": "3.23" } },
        { ...lab.hosts[1]!, installed: {} },
        { ...lab.hosts[2]!, zone: "internal", joined: false },
        lab.hosts[4]!,
        { name: "NEW01", os: "windows-server-2022" },
      ],
      network: { rules: [lab.network!.rules![0]!, { name: "more", action: "allow", protocol: "tcp", from: "dmz", to: "internal", port: 80 }] },
    };
    const story = estateStory(result({ estate: { before: lab, after } }));
    expect(story.source).toBe("run");
    expect(story.changes).toEqual([
      "WEB01: apr-web 3.22 removed",
      "APR01: apr-console 3.23 installed",
      "APR01: apr-server 3.22 → 3.23",
      "WEB02: moved from dmz to internal",
      "WEB02: left the domain",
      "NEW01: new host (windows-server-2022, internal)",
      "LOOSE: gone",
      "perimeter: rule more added (allow tcp port 80 dmz → internal)",
      "perimeter: rule apr-replies removed (allow udp from port 5100-5101 internal → dmz)",
      "perimeter: rule https removed (allow tcp port 443 any → dmz)",
      "perimeter: rule nothing-in removed (deny any external → internal)",
      "perimeter: rule catch-all removed (deny any any → any)",
      "perimeter: rule one-host removed (allow tcp port 3389 10.0.0.5 → dmz)",
    ]);
  });

  it("finds no change between an estate and itself", () => {
    expect(estateChanges(estateFromLab(lab), estateFromLab(lab))).toEqual([]);
  });
});
