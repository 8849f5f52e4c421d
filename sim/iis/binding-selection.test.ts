import { describe, expect, it } from "vitest";
import { normaliseBinding, type BindingInit } from "./binding.ts";
import { selectBinding, type ConnectionInfo } from "./binding-selection.ts";
import { selectTlsBinding } from "./tls-binding.ts";

const candidates = (list: [string, BindingInit][]) => list.map(([site, init]) => ({ site, binding: normaliseBinding(init) }));
const http = (localIp: string, hostName: string, port = 80): ConnectionInfo => ({ protocol: "http", localIp, port, hostName });

describe("selectBinding", () => {
  const sites = candidates([
    ["catch-all", { protocol: "http" }],
    ["pwreset", { protocol: "http", hostName: "pwreset.corp.example" }],
    ["on-ip", { protocol: "http", ip: "10.0.0.21" }],
    ["wild", { protocol: "http", hostName: "*.apps.corp.example" }],
  ]);

  it("picks the binding that names the host over wildcard, IP-specific and blank ones", () => {
    expect(selectBinding(sites, http("10.0.0.21", "PwReset.corp.example:80"))?.site).toBe("pwreset");
    expect(selectBinding(sites, http("10.0.0.21", "x.apps.corp.example"))?.site).toBe("wild");
    expect(selectBinding(sites, http("10.0.0.21", "web01"))?.site).toBe("on-ip");
    expect(selectBinding(sites, http("10.0.0.99", "web01"))?.site).toBe("catch-all");
  });

  it("a wildcard host covers one label only", () => {
    expect(selectBinding(sites, http("10.0.0.99", "a.b.apps.corp.example"))?.site).toBe("catch-all");
  });

  it("finds nothing when no binding takes the port, protocol or host", () => {
    const named = candidates([["pwreset", { protocol: "http", hostName: "pwreset.corp.example" }]]);
    expect(selectBinding(named, http("10.0.0.21", "other.corp.example"))).toBeUndefined();
    expect(selectBinding(named, http("10.0.0.21", "pwreset.corp.example", 8080))).toBeUndefined();
    expect(selectBinding(named, { ...http("10.0.0.21", "pwreset.corp.example"), protocol: "https", port: 80 })).toBeUndefined();
    expect(selectBinding(named, http("10.0.0.21", "pwreset.corp.example"))?.site).toBe("pwreset");
  });
});

describe("selectTlsBinding", () => {
  const sites = candidates([
    ["shared", { protocol: "https", certificateThumbprint: "A".repeat(40) }],
    ["sni", { protocol: "https", hostName: "sni.corp.example", sni: true, certificateThumbprint: "B".repeat(40) }],
    ["named-no-sni", { protocol: "https", hostName: "named.corp.example", certificateThumbprint: "A".repeat(40) }],
  ]);

  it("uses the SNI binding for its server name, the IP:port binding otherwise", () => {
    expect(selectTlsBinding(sites, { localIp: "10.0.0.21", port: 443, serverName: "sni.corp.example" })?.site).toBe("sni");
    expect(selectTlsBinding(sites, { localIp: "10.0.0.21", port: 443, serverName: "named.corp.example" })?.site).toBe("shared");
    expect(selectTlsBinding(sites, { localIp: "10.0.0.21", port: 443 })?.site).toBe("shared");
    expect(selectTlsBinding(sites, { localIp: "10.0.0.21", port: 8443 })).toBeUndefined();
  });
});

describe("normaliseBinding", () => {
  it("fills defaults and refuses what IIS Manager refuses", () => {
    expect(normaliseBinding({ protocol: "https" })).toEqual({ protocol: "https", ip: "*", port: 443, hostName: "" });
    expect(normaliseBinding({ protocol: "http", hostName: "Web01.Corp.Example" }).hostName).toBe("web01.corp.example");
    for (const bad of [
      { protocol: "ftp" },
      { protocol: "http", port: 0 },
      { protocol: "http", port: 70000 },
      { protocol: "http", ip: "10.0.0.256" },
      { protocol: "http", hostName: "bad host" },
      { protocol: "http", certificateThumbprint: "A".repeat(40) },
      { protocol: "https", sni: true },
    ]) {
      expect(() => normaliseBinding(bad as BindingInit)).toThrow(expect.objectContaining({ code: "IIS_BINDING_INVALID" }));
    }
  });
});
