import { describe, expect, it } from "vitest";
import { FileSystem } from "../../fs/index.ts";
import { dfsTargetFor, underTarget } from "./dfs-referral.ts";
import { orderBreaches, type Placed } from "./order-rules.ts";
import { SERVER_CONFIG } from "./paths.ts";
import { readServerConfig, writeServerConfig } from "./server-config.ts";
import { readWebConfig, writeWebConfig } from "./web-config.ts";

const fs = () => new FileSystem({ drives: [{ letter: "C", sizeBytes: 1e9 }] });

describe("the Server's config file", () => {
  it("holds the certificate's thumbprint as real XML text, and reads back what it wrote", () => {
    const files = fs();
    expect(readServerConfig(files)).toBeUndefined();
    writeServerConfig(files, { certificateThumbprint: "AB12", managementLevel: 'OU=R&D "Lab",DC=corp,DC=example', serviceAccount: "svc-spr", version: "8.0" });
    const text = files.readText(SERVER_CONFIG)!;
    expect(text).toContain('<add key="CertificateThumbprint" value="AB12" />');
    expect(text).toContain("OU=R&amp;D &quot;Lab&quot;");
    expect(readServerConfig(files)).toEqual({ certificateThumbprint: "AB12", managementLevel: 'OU=R&D "Lab",DC=corp,DC=example', serviceAccount: "svc-spr", version: "8.0" });
  });
  it("a file that is not a .NET configuration is a LabError, not a crash", () => {
    const files = fs();
    files.writeFile(SERVER_CONFIG, "garbage");
    expect(() => readServerConfig(files)).toThrow(expect.objectContaining({ code: "SPR_CONFIG_INVALID" }));
  });
  it("the Web's config keeps its pin, names and mobile choice", () => {
    const files = fs();
    writeWebConfig(files, { resetServer: "SPR01", pinnedThumbprint: "cd34", site: "Default Web Site", names: ["a.example", "b.example"], mobile: true, version: "7.0" });
    expect(readWebConfig(files)).toEqual({ resetServer: "SPR01", pinnedThumbprint: "CD34", site: "Default Web Site", names: ["a.example", "b.example"], mobile: true, version: "7.0" });
  });
});

describe("DFS referral", () => {
  it("refers a computer to one target, the same one every time, and spreads computers over the targets", () => {
    const targets = ["\\\\FS01\\Specops", "\\\\FS02\\Specops"];
    expect(dfsTargetFor("WS01", targets)).toBe(dfsTargetFor("ws01", targets));
    const hit = new Set(Array.from({ length: 20 }, (_, i) => dfsTargetFor(`WS${i}`, targets)));
    expect(hit.size).toBe(2);
    expect(dfsTargetFor("WS01", [])).toBeUndefined();
    expect(underTarget("\\\\FS01\\Specops\\x.msi", "\\\\FS01\\Specops", "\\\\FS02\\Specops")).toBe("\\\\FS02\\Specops\\x.msi");
    expect(underTarget("\\\\FS09\\Other\\x.msi", "\\\\FS01\\Specops", "\\\\FS02\\Specops")).toBeUndefined();
  });
});

describe("the documented order as a check", () => {
  const placed = (server: string, web: string, admin: string): Placed[] => [
    { host: "SPR01", component: "spr-server", version: server, zone: "internal" },
    { host: "WEB01", component: "spr-web", version: web, zone: "internal" },
    { host: "DMZ01", component: "spr-web", version: web, zone: "dmz" },
    { host: "ADM01", component: "spr-admin", version: admin, zone: "internal" },
  ];
  it("flags each component brought up before the ones the order puts first, and nothing in order", () => {
    expect(orderBreaches("spr-web", "internal", "8.0", placed("7.0", "7.0", "7.0")).breaches.map((b) => b.rule)).toEqual(["spr.order.server-first"]);
    expect(orderBreaches("spr-web", "internal", "8.0", placed("8.0", "7.0", "7.0")).breaches).toEqual([]);
    expect(orderBreaches("spr-web", "dmz", "8.0", placed("8.0", "7.0", "7.0")).breaches.map((b) => b.rule)).toEqual(["spr.order.web-before-dmz"]);
    expect(orderBreaches("spr-admin", "internal", "8.0", placed("8.0", "7.0", "7.0")).breaches.map((b) => b.rule)).toEqual(["spr.order.admin-after-web"]);
    expect(orderBreaches("spr-client", "internal", "8.0", placed("8.0", "8.0", "7.0")).breaches.map((b) => b.rule)).toEqual(["spr.order.client-last"]);
    expect(orderBreaches("spr-client", "internal", "8.0", placed("8.0", "8.0", "8.0")).breaches).toEqual([]);
  });
});
