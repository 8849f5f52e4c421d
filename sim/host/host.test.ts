import { describe, expect, it } from "vitest";
import { createContext } from "../kernel/index.ts";
import { Host } from "./host.ts";
import { isServerAtLeast, isWindowsAtLeast, osInfo } from "./os-table.ts";

const newHost = (over: Partial<ConstructorParameters<typeof Host>[1]> = {}): Host =>
  new Host(createContext(1), { name: "SRV01", os: "windows-server-2016", ...over });

describe("Host", () => {
  it("applies pending changes only at restart, and services come back by start type", () => {
    const context = createContext(1);
    const host = new Host(context, { name: "SRV01", os: "windows-server-2016" });
    host.fs.writeFile("C:\\svc\\auto.exe", "");
    host.fs.writeFile("C:\\svc\\manual.exe", "");
    host.services.create({ name: "AutoSvc", binaryPath: "C:\\svc\\auto.exe", startType: "auto", account: "LocalSystem" });
    host.services.create({ name: "ManualSvc", binaryPath: "C:\\svc\\manual.exe", startType: "manual", account: "LocalSystem" });
    let applied = false;
    host.atNextRestart("replace in-use file", () => (applied = true));
    expect(applied).toBe(false);
    expect(host.pendingReboot).toEqual(["replace in-use file"]);
    host.restart();
    context.clock.advance(5_000);
    expect(applied).toBe(true);
    expect(host.pendingReboot).toEqual([]);
    expect(host.services.isRunning("AutoSvc")).toBe(true);
    expect(host.services.isRunning("ManualSvc")).toBe(false);
    expect(host.restarts).toBe(1);
    expect(context.trace.find((e) => e.kind === "reboot.applied")).toHaveLength(1);
  });

  it("maps Program Files by bitness and refuses a 32-bit edition that never existed", () => {
    expect(newHost().programFiles(32)).toBe("C:\\Program Files (x86)");
    expect(newHost().programFiles(64)).toBe("C:\\Program Files");
    expect(newHost({ os: "windows-server-2008", arch: "x86" }).programFiles(32)).toBe("C:\\Program Files");
    expect(() => newHost({ os: "windows-server-2016", arch: "x86" })).toThrow(/no 32-bit edition/);
  });

  it("a 32-bit writer on 64-bit Windows lands under WOW6432Node", () => {
    const host = newHost();
    host.registry.view(32).setValue("HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0", "ServerIP", { type: "REG_SZ", data: "10.0.0.5" });
    expect(host.registry.view(64).getValue("HKLM\\SOFTWARE\\WOW6432Node\\ANIXIS\\ANIXIS Password Reset\\2.0", "ServerIP")).toEqual({ type: "REG_SZ", data: "10.0.0.5" });
    expect(host.registry.view(64).getValue("HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset\\2.0", "ServerIP")).toBeUndefined();
  });

  it("knows its features, IIS version and what they include", () => {
    const host = newHost({ os: "windows-server-2012-r2", features: ["dotnet-3.5-sp1"] });
    expect(host.hasFeature("dotnet-3.5")).toBe(true);
    expect(host.iisVersion()).toBeUndefined();
    host.addFeature("iis");
    expect(host.iisVersion()).toBe(8.5);
    expect(host.hasFeature("dotnet-4.0")).toBe(false);
  });

  it("blocks inbound traffic without a firewall rule and allows it with one", () => {
    const host = newHost();
    expect(host.firewall.allowsInbound("udp", 5100).allowed).toBe(false);
    host.firewall.addRule({ name: "APR Server (UDP 5100)", protocol: "udp", port: 5100 });
    expect(host.firewall.allowsInbound("udp", 5100)).toEqual({ allowed: true, rule: "APR Server (UDP 5100)" });
    host.firewall.setEnabled(false);
    expect(host.firewall.allowsInbound("tcp", 1).allowed).toBe(true);
  });

  it("compares OS versions the way the documents phrase them", () => {
    expect(isServerAtLeast(osInfo("windows-server-2003-r2"), "windows-server-2003-r2")).toBe(true);
    expect(isServerAtLeast(osInfo("windows-server-2003"), "windows-server-2003-r2")).toBe(false);
    expect(isServerAtLeast(osInfo("windows-10"), "windows-server-2008")).toBe(false);
    expect(isWindowsAtLeast(osInfo("windows-xp"), "windows-vista")).toBe(false);
    expect(isWindowsAtLeast(osInfo("windows-7"), "windows-vista")).toBe(true);
    expect(isWindowsAtLeast(osInfo("windows-server-2008"), "windows-vista")).toBe(true);
  });
});
