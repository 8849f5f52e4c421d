import fc from "fast-check";
import type { FeatureId, HostSpec, LabSpec, OsId } from "../../sim/lab-spec.ts";

export type SprFrom = "4.0" | "4.1" | "5.0" | "6.3" | "7.0";

/** A Specops Password Reset estate before its upgrade to the lab's latest (8.0), as the generators draw it. */
export interface SprEstate {
  readonly from: SprFrom;
  readonly serverOs: OsId;
  readonly serverWif: boolean;
  /** A second certificate on the Server host ("SPR Server 2026"), one an operator could select by mistake. */
  readonly otherServerCert: boolean;
  readonly mobile: boolean;
  readonly branding: boolean;
  /** Administration Tools on ADM01, with or without their prerequisites. */
  readonly admin?: { readonly snapins: boolean; readonly dotnet: boolean };
  /** The Client by GPSI on WS01 from FS01's share (and FS02 with DFS), 6.3 settings kept by mobileAttribute. */
  readonly client?: { readonly os: OsId; readonly arch: "x64" | "x86"; readonly dotnet: boolean; readonly dfs: boolean; readonly mobileAttribute: boolean };
  /** A web in the DMZ, outside the domain, reached from the Internet. */
  readonly dmz?: { readonly from: SprFrom; readonly dotnet35sp1: boolean };
  readonly dcs: 1 | 2;
}

const GOOD_SERVER_OS: readonly OsId[] = ["windows-server-2012-r2", "windows-server-2016", "windows-server-2019"];
const SERVER_OS_ANY: readonly OsId[] = ["windows-server-2003", ...GOOD_SERVER_OS];
const FROM_OK: readonly SprFrom[] = ["7.0", "6.3", "5.0", "4.1"];
const KEYS = ["from", "serverOs", "serverWif", "otherServerCert", "mobile", "branding", "dcs"] as const;

/** Estates the documented upgrade takes as they stand (prerequisites met, from 4.1 or later). */
export function plannableSprEstate(): fc.Arbitrary<SprEstate> {
  return fc.record(
    {
      from: fc.constantFrom(...FROM_OK),
      serverOs: fc.constantFrom(...GOOD_SERVER_OS),
      serverWif: fc.constant(true),
      otherServerCert: fc.boolean(),
      mobile: fc.boolean(),
      branding: fc.boolean(),
      admin: fc.option(fc.constant({ snapins: true, dotnet: true }), { nil: undefined }),
      client: fc.option(
        fc.record({ os: fc.constantFrom<OsId>("windows-10", "windows-11"), arch: fc.constant<"x64">("x64"), dotnet: fc.constant(true), dfs: fc.boolean(), mobileAttribute: fc.boolean() }),
        { nil: undefined },
      ),
      dmz: fc.option(fc.record({ from: fc.constantFrom(...FROM_OK), dotnet35sp1: fc.constant(true) }), { nil: undefined }),
      dcs: fc.constantFrom<1 | 2>(1, 2),
    },
    { requiredKeys: [...KEYS] },
  ).map(consistent);
}

/** Any estate the schema takes, blockers included: from 4.0, Windows 2003, no WIF, Tools or Client without their prerequisites, a DMZ web without .NET 3.5 SP1. */
export function anySprEstate(): fc.Arbitrary<SprEstate> {
  const wild = fc.record(
    {
      from: fc.constantFrom<SprFrom>(...FROM_OK, "4.0"),
      serverOs: fc.constantFrom(...SERVER_OS_ANY),
      serverWif: fc.boolean(),
      otherServerCert: fc.boolean(),
      mobile: fc.boolean(),
      branding: fc.boolean(),
      admin: fc.option(fc.record({ snapins: fc.boolean(), dotnet: fc.boolean() }), { nil: undefined }),
      client: fc.option(
        fc.record({ os: fc.constantFrom<OsId>("windows-10", "windows-11", "windows-7"), arch: fc.constantFrom<"x64" | "x86">("x64", "x86"), dotnet: fc.boolean(), dfs: fc.boolean(), mobileAttribute: fc.boolean() }),
        { nil: undefined },
      ),
      dmz: fc.option(fc.record({ from: fc.constantFrom<SprFrom>(...FROM_OK, "4.0"), dotnet35sp1: fc.boolean() }), { nil: undefined }),
      dcs: fc.constantFrom<1 | 2>(1, 2),
    },
    { requiredKeys: [...KEYS] },
  ).map(consistent);
  // A third ready as they stand, so that both outcomes of `lab plan` are drawn often.
  return fc.oneof({ weight: 1, arbitrary: plannableSprEstate() }, { weight: 2, arbitrary: wild });
}

/**
 * A working estate before the upgrade: the DMZ web no newer than the Server
 * it calls (a newer Web is refused), and no 32-bit Windows 11.
 */
function consistent(e: SprEstate): SprEstate {
  const order = ["4.0", "4.1", "5.0", "6.3", "7.0"];
  const dmz = e.dmz && { ...e.dmz, from: order.indexOf(e.dmz.from) > order.indexOf(e.from) ? e.from : e.dmz.from };
  const client = e.client && { ...e.client, arch: e.client.os === "windows-11" ? ("x64" as const) : e.client.arch };
  return { ...e, ...(dmz ? { dmz } : {}), ...(client ? { client } : {}) };
}

const ACCOUNTS = [
  { name: "alice", password: "Winter2026!x", mobile: "+46 70 111 22 33" },
  { name: "hd-admin", password: "Helpdesk2026!x", groups: ["Domain Admins"] },
  { name: "svc-spr", password: "Service2026!x" },
];

/** The scenario's `lab:` for an estate (the shape of the catalog's spr-upgrade-* scenarios). */
export function sprLab(e: SprEstate): LabSpec {
  const hosts: HostSpec[] = [];
  const serverFeatures: FeatureId[] = e.serverWif ? ["wif"] : [];
  hosts.push({
    name: "SPR01",
    os: e.serverOs,
    features: serverFeatures,
    ...(e.otherServerCert ? { certificates: [{ name: "spr-2026", friendlyName: "SPR Server 2026" }] } : {}),
    installed: { "spr-server": e.from },
  });
  hosts.push({
    name: "WEB01",
    os: "windows-server-2016",
    features: ["iis"],
    certificates: [{ name: "web", issuer: "corp-ca", dnsNames: ["web01.corp.example", "reset.corp.example"] }],
    installed: { "spr-web": { version: e.from, names: ["reset.corp.example"], certificate: "web", mobile: e.mobile, branding: e.branding } },
  });
  if (e.admin) {
    const features: FeatureId[] = [...(e.admin.snapins ? (["aduc", "gpmc"] as const) : []), ...(e.admin.dotnet ? (["dotnet-3.5"] as const) : [])];
    hosts.push({ name: "ADM01", os: "windows-server-2016", features, installed: { "spr-admin": e.from } });
  }
  if (e.client) {
    const share = { name: "Specops", path: "C:\\Shares\\Specops", readers: ["domain-computers"] };
    hosts.push({ name: "FS01", os: "windows-server-2019", shares: [share] });
    if (e.client.dfs) hosts.push({ name: "FS02", os: "windows-server-2019", shares: [share] });
    hosts.push({
      name: "WS01",
      os: e.client.os,
      ...(e.client.arch === "x86" ? { arch: "x86" as const } : {}),
      features: e.client.dotnet ? ["dotnet-3.5-sp1"] : [],
      installed: {
        "spr-client": {
          version: e.from,
          gpo: "Specops Client",
          share: "\\\\FS01\\Specops",
          ...(e.client.dfs ? { dfsTargets: ["\\\\FS01\\Specops", "\\\\FS02\\Specops"] } : {}),
          ...(e.client.mobileAttribute ? { mobileAttribute: "extensionAttribute7" } : {}),
        },
      },
    });
  } else hosts.push({ name: "WS01", os: "windows-10", features: ["dotnet-3.5-sp1"] });
  if (e.dmz) {
    hosts.push({
      name: "DMZ01",
      os: "windows-server-2016",
      zone: "dmz",
      joined: false,
      features: e.dmz.dotnet35sp1 ? ["iis", "dotnet-3.5-sp1"] : ["iis"],
      certificates: [{ name: "ext", issuer: "public-ca", dnsNames: ["reset.contoso.com"] }],
      installed: { "spr-web": { version: e.dmz.from, resetServer: "SPR01", names: ["reset.contoso.com"], certificate: "ext", branding: false } },
    });
    hosts.push({ name: "INET01", os: "windows-11", zone: "external", joined: false });
  }
  return {
    domain: { name: "corp.example", dcs: e.dcs, accounts: ACCOUNTS.map((a) => ({ ...a, ...(a.groups ? { groups: [...a.groups] } : {}) })) },
    authorities: [{ name: "corp-ca", enterprise: true }, ...(e.dmz ? [{ name: "public-ca", trustedBy: ["all"] }] : [])],
    hosts,
    network: {
      records: [{ name: "reset.corp.example", host: "WEB01" }],
      ...(e.dmz
        ? {
            rules: [
              { name: "https-in", action: "allow" as const, protocol: "tcp" as const, from: "external", to: "dmz", port: 443 },
              { name: "https-out", action: "allow" as const, protocol: "tcp" as const, from: "dmz", to: "external", sourcePort: 443 },
              { name: "dmz-to-reset-server", action: "allow" as const, protocol: "tcp" as const, from: "dmz", to: "internal", port: 4383 },
              { name: "reset-server-reply", action: "allow" as const, protocol: "tcp" as const, from: "internal", to: "dmz", sourcePort: 4383 },
            ],
          }
        : {}),
    },
  };
}
