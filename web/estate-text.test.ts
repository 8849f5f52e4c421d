import { describe, expect, it } from "vitest";
import { estateFromLab } from "./client/estate-view.ts";
import { estateText } from "./estate-text.ts";

describe("estateText", () => {
  it("tables the hosts by zone with membership and versions, then the domain and the rules in order", () => {
    const lines = estateText(
      estateFromLab({
        domain: { name: "corp.example" },
        hosts: [
          { name: "APR01", os: "windows-server-2012-r2", installed: { "apr-server": "3.22" } },
          { name: "WEB01", os: "windows-server-2016", zone: "dmz", joined: false },
          { name: "PC01", os: "windows-11", zone: "external" },
        ],
        network: { rules: [{ name: "web-to-apr", action: "allow", protocol: "udp", from: "dmz", to: "internal", port: 5100 }] },
      }),
    );
    expect(lines).toEqual([
      "zone      host   os              domain        installed",
      "--------  -----  --------------  ------------  ---------------",
      "external  PC01   Windows 11      workgroup     -",
      "dmz       WEB01  Server 2016     workgroup     -",
      "internal  APR01  Server 2012 R2  corp.example  apr-server 3.22",
      "Domain corp.example: 1 domain controller.",
      "Perimeter firewall (first match wins; anything else between zones is dropped):",
      "  1. web-to-apr: allow udp port 5100 dmz → internal",
    ]);
  });

  it("says so when nothing may cross between zones", () => {
    expect(estateText(estateFromLab({ hosts: [{ name: "APP01", os: "windows-server-2019" }] })).at(-1)).toBe("Perimeter firewall: no rule, so nothing crosses between zones.");
  });
});
