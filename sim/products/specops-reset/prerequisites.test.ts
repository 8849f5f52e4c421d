import { describe, expect, it } from "vitest";
import { OS_TABLE } from "../../host/index.ts";
import type { FeatureId, OsId, Zone } from "../../lab-spec.ts";
import { adminPrerequisites, clientPrerequisites, serverPrerequisites, upgradePathReport, webPrerequisites, type PrereqHost } from "./prerequisites.ts";

function host(os: OsId, features: FeatureId[] = [], zone: Zone = "internal"): PrereqHost {
  const set = new Set<FeatureId>(features);
  if (set.has("dotnet-3.5-sp1")) set.add("dotnet-3.5");
  if (set.has("dotnet-4.8")) set.add("dotnet-4.0");
  return { name: "H1", os: OS_TABLE[os], zone, hasFeature: (f) => set.has(f) };
}

const missed = (r: { misses: readonly { rule: string }[] }) => r.misses.map((m) => m.rule).sort();

describe("Server prerequisites (system requirements)", () => {
  it("needs Windows Server 2003 R2 or later: 2003 misses, 2003 R2 passes", () => {
    expect(missed(serverPrerequisites(host("windows-server-2003", ["wif"])))).toEqual(["spr.req.server.os"]);
    expect(missed(serverPrerequisites(host("windows-server-2003-r2", ["wif"])))).toEqual([]);
    expect(missed(serverPrerequisites(host("windows-10", ["wif"])))).toEqual(["spr.req.server.os"]);
  });
  it("needs Windows Identity Foundation", () => {
    expect(missed(serverPrerequisites(host("windows-server-2016")))).toEqual(["spr.req.server.wif"]);
    expect(missed(serverPrerequisites(host("windows-server-2016", ["wif"])))).toEqual([]);
  });
  it("reports every rule it evaluated, met or not", () => {
    expect([...serverPrerequisites(host("windows-server-2016", ["wif"])).checked].sort()).toEqual(["spr.req.server.os", "spr.req.server.wif"]);
  });
});

describe("Web prerequisites", () => {
  it("needs a server OS of 2003 R2 or later", () => {
    expect(missed(webPrerequisites(host("windows-10", ["iis"]), { configureIis: false }))).toEqual(["spr.req.web.os"]);
    expect(missed(webPrerequisites(host("windows-server-2012-r2", ["iis"]), { configureIis: false }))).toEqual([]);
  });
  it("needs IIS, unless Configure is clicked in the prerequisites section", () => {
    expect(missed(webPrerequisites(host("windows-server-2016"), { configureIis: false }))).toEqual(["spr.req.web.iis"]);
    expect(missed(webPrerequisites(host("windows-server-2016"), { configureIis: true }))).toEqual([]);
  });
  it("asks the DMZ server for .NET 3.5 SP1 itself (3.5 or 4.x is not enough there), and nothing of an internal one", () => {
    expect(missed(webPrerequisites(host("windows-server-2016", ["iis", "dotnet-3.5", "dotnet-4.8"], "dmz"), { configureIis: false }))).toEqual(["spr.dmz.dotnet"]);
    expect(missed(webPrerequisites(host("windows-server-2016", ["iis", "dotnet-3.5-sp1"], "dmz"), { configureIis: false }))).toEqual([]);
    expect(webPrerequisites(host("windows-server-2016", ["iis"]), { configureIis: false }).checked).not.toContain("spr.dmz.dotnet");
  });
});

describe("Administration Tools prerequisites", () => {
  const all: FeatureId[] = ["aduc", "gpmc", "dotnet-3.5"];
  it("need Windows Vista or later (a server of that generation too)", () => {
    expect(missed(adminPrerequisites(host("windows-xp", all)))).toEqual(["spr.req.admin.os"]);
    expect(missed(adminPrerequisites(host("windows-vista", all)))).toEqual([]);
    expect(missed(adminPrerequisites(host("windows-server-2008", all)))).toEqual([]);
  });
  it("need both the ADUC snap-in and GPMC", () => {
    expect(missed(adminPrerequisites(host("windows-10", ["aduc", "dotnet-3.5"])))).toEqual(["spr.req.admin.snapins"]);
    expect(missed(adminPrerequisites(host("windows-10", ["gpmc", "dotnet-3.5"])))).toEqual(["spr.req.admin.snapins"]);
  });
  it("need .NET 3.5 or later (4.x counts)", () => {
    expect(missed(adminPrerequisites(host("windows-10", ["aduc", "gpmc"])))).toEqual(["spr.req.admin.dotnet"]);
    expect(missed(adminPrerequisites(host("windows-10", ["aduc", "gpmc", "dotnet-4.8"])))).toEqual([]);
  });
});

describe("Client prerequisites", () => {
  it("need Windows Vista or later", () => {
    expect(missed(clientPrerequisites(host("windows-xp", ["dotnet-3.5-sp1"])))).toEqual(["spr.req.client.os"]);
    expect(missed(clientPrerequisites(host("windows-7", ["dotnet-3.5-sp1"])))).toEqual([]);
  });
  it("need .NET 3.5 SP1 or later: plain 3.5 is not enough, 4.x is", () => {
    expect(missed(clientPrerequisites(host("windows-10", ["dotnet-3.5"])))).toEqual(["spr.req.client.dotnet"]);
    expect(missed(clientPrerequisites(host("windows-10", ["dotnet-4.8"])))).toEqual([]);
  });
});

describe("upgrade path (Supported Upgrade Environments)", () => {
  it("refuses an upgrade to the latest from 4.0, allows it from 4.1, and always allows a fresh install", () => {
    expect(missed(upgradePathReport("4.0", "spr-server", "8.0"))).toEqual(["spr.upgrade.from-4.1"]);
    expect(missed(upgradePathReport("4.1", "spr-server", "8.0"))).toEqual([]);
    expect(missed(upgradePathReport(undefined, "spr-server", "8.0"))).toEqual([]);
  });
  it("lets 4.1's own Setup Assistant take 4.0 up to 4.1 (the way out)", () => {
    expect(missed(upgradePathReport("4.0", "spr-server", "4.1"))).toEqual([]);
  });
});
