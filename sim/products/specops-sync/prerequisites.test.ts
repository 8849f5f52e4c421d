import { describe, expect, it } from "vitest";
import { osInfo } from "../../host/index.ts";
import type { FeatureId, HostRole, OsId } from "../../lab-spec.ts";
import { checkPrerequisites, unmetPrerequisites, type PrereqHostView } from "./prerequisites.ts";
import { SPS_ADMIN, SPS_PCN, SPS_SERVER } from "./versions.ts";

function host(os: OsId, role: HostRole, joined: boolean, features: FeatureId[] = []): PrereqHostView {
  const set = new Set<FeatureId>(features.includes("dotnet-4.8") ? [...features, "dotnet-4.0"] : features);
  return { name: "H1", os: osInfo(os), role, joined, hasFeature: (f) => set.has(f) };
}
const unmet = (...args: Parameters<typeof unmetPrerequisites>): string[] => unmetPrerequisites(...args).map((r) => r.rule);
const admin = { name: "opsadmin", isDomainOrEnterpriseAdmin: true };

describe("Password Change Notifier prerequisites", () => {
  it("needs Windows Server 2008 or later", () => {
    expect(unmet(SPS_PCN, host("windows-server-2003-r2", "dc", true))).toContain("sps.req.pcn.os");
    expect(unmet(SPS_PCN, host("windows-server-2008", "dc", true))).not.toContain("sps.req.pcn.os");
  });
  it("needs a writable DC: an RODC or a member server is refused", () => {
    expect(unmet(SPS_PCN, host("windows-server-2019", "rodc", true))).toEqual(["sps.req.pcn.writable-dc"]);
    expect(unmet(SPS_PCN, host("windows-server-2019", "member", true))).toEqual(["sps.req.pcn.writable-dc"]);
    expect(unmet(SPS_PCN, host("windows-server-2019", "dc", true))).toEqual([]);
  });
});

describe("Sync Server prerequisites", () => {
  it("needs Windows Server 2008 or later (a client OS is not a server)", () => {
    expect(unmet(SPS_SERVER, host("windows-server-2003", "member", true, ["dotnet-4.0"]))).toEqual(["sps.req.sync.os"]);
    expect(unmet(SPS_SERVER, host("windows-10", "workstation", true, ["dotnet-4.0"]))).toEqual(["sps.req.sync.os"]);
    expect(unmet(SPS_SERVER, host("windows-server-2008", "member", true, ["dotnet-4.0"]))).toEqual([]);
  });
  it("needs domain membership", () => {
    expect(unmet(SPS_SERVER, host("windows-server-2019", "standalone", false, ["dotnet-4.8"]))).toEqual(["sps.req.sync.member"]);
    expect(unmet(SPS_SERVER, host("windows-server-2019", "member", true, ["dotnet-4.8"]))).toEqual([]);
  });
  it("needs .NET Framework 4.0 or later (4.8 counts, 3.5 does not)", () => {
    expect(unmet(SPS_SERVER, host("windows-server-2019", "member", true, ["dotnet-3.5"]))).toEqual(["sps.req.sync.dotnet"]);
    expect(unmet(SPS_SERVER, host("windows-server-2019", "member", true, ["dotnet-4.8"]))).toEqual([]);
  });
});

describe("Administration Tools prerequisites", () => {
  const ok = (): PrereqHostView => host("windows-10", "workstation", true, ["gpmc", "dotnet-4.8"]);
  it("needs Windows 7 or later (Vista and Server 2008 are too old, 2008 R2 is not)", () => {
    expect(unmet(SPS_ADMIN, host("windows-vista", "workstation", true, ["gpmc", "dotnet-4.0"]), admin)).toEqual(["sps.req.admin.os"]);
    expect(unmet(SPS_ADMIN, host("windows-server-2008", "member", true, ["gpmc", "dotnet-4.0"]), admin)).toEqual(["sps.req.admin.os"]);
    expect(unmet(SPS_ADMIN, host("windows-server-2008-r2", "member", true, ["gpmc", "dotnet-4.0"]), admin)).toEqual([]);
    expect(unmet(SPS_ADMIN, ok(), admin)).toEqual([]);
  });
  it("needs membership, GPMC and .NET 4, each on its own", () => {
    expect(unmet(SPS_ADMIN, host("windows-10", "workstation", false, ["gpmc", "dotnet-4.8"]), admin)).toEqual(["sps.req.admin.member"]);
    expect(unmet(SPS_ADMIN, host("windows-10", "workstation", true, ["dotnet-4.8"]), admin)).toEqual(["sps.req.admin.gpmc"]);
    expect(unmet(SPS_ADMIN, host("windows-10", "workstation", true, ["gpmc"]), admin)).toEqual(["sps.req.admin.dotnet"]);
  });
  it("needs an Enterprise or Domain Admin running the Setup Assistant", () => {
    expect(unmet(SPS_ADMIN, ok(), { name: "helpdesk", isDomainOrEnterpriseAdmin: false })).toEqual(["sps.admin.domain-admin"]);
    expect(unmet(SPS_ADMIN, ok(), admin)).toEqual([]);
  });
  it("reports every requirement it checked, met or not", () => {
    expect(checkPrerequisites(SPS_ADMIN, ok(), admin).map((r) => r.rule)).toEqual(["sps.req.admin.os", "sps.req.admin.member", "sps.req.admin.gpmc", "sps.req.admin.dotnet", "sps.admin.domain-admin"]);
  });
});
