import fc from "fast-check";
import type { FeatureId, HostSpec, LabSpec, OsId } from "../../sim/lab-spec.ts";

export type SpsFrom = "4.0" | "4.1" | "5.0" | "6.2";

/** A Specops Password Sync estate before its upgrade to the lab's latest (7.2), as the generators draw it. */
export interface SpsEstate {
  readonly from: SpsFrom;
  /** Writable DCs with the notifier (DC01..DCn). */
  readonly dcs: 1 | 2 | 3;
  readonly dcOs: OsId;
  readonly syncOs: OsId;
  readonly syncJoined: boolean;
  readonly syncDotnet: boolean;
  /** The Sync Server's certificate: trusted by the DCs, a self-signed one they do not trust, one about to expire, or one expired (trusted until it did). */
  readonly cert: "trusted" | "untrusted" | "expiring" | "expired";
  /** Where the licence is: imported by the server, the Tools, or nowhere. */
  readonly license: "server" | "admin" | "none";
  /** The Administration Tools on ADM01, which saved the Sync Points' policy (an estate without them syncs nothing). */
  readonly admin: { readonly os: OsId; readonly gpmc: boolean; readonly dotnet: boolean };
  readonly targets: readonly ("cloud" | "hr")[];
}

const DC_OS: readonly OsId[] = ["windows-server-2016", "windows-server-2019", "windows-server-2022"];
const SYNC_OS: readonly OsId[] = ["windows-server-2016", "windows-server-2019", "windows-server-2022"];
const FROM_OK: readonly SpsFrom[] = ["4.1", "5.0", "6.2"];
const KEYS = ["from", "dcs", "dcOs", "syncOs", "syncJoined", "syncDotnet", "cert", "license", "admin", "targets"] as const;
const targets = fc.uniqueArray(fc.constantFrom<"cloud" | "hr">("cloud", "hr"), { minLength: 1, maxLength: 2 });

/** Estates the documented upgrade takes as they stand. */
export function plannableSpsEstate(): fc.Arbitrary<SpsEstate> {
  return fc.record(
    {
      from: fc.constantFrom(...FROM_OK),
      dcs: fc.constantFrom<1 | 2 | 3>(2, 1, 3),
      dcOs: fc.constantFrom(...DC_OS),
      syncOs: fc.constantFrom(...SYNC_OS),
      syncJoined: fc.constant(true),
      // The Sync Server ran before the upgrade, so it had .NET 4 (without it, the estate is down before anyone upgrades).
      syncDotnet: fc.constant(true),
      cert: fc.constantFrom<SpsEstate["cert"]>("trusted", "untrusted", "expiring", "expired"),
      license: fc.constantFrom<SpsEstate["license"]>("server", "admin", "none"),
      admin: fc.record({ os: fc.constantFrom<OsId>("windows-10", "windows-11"), gpmc: fc.constant(true), dotnet: fc.boolean() }),
      targets,
    },
    { requiredKeys: [...KEYS] },
  );
}

/** Any estate the schema takes, blockers included: from 4.0, Windows 2003 DCs, a Sync Server outside the domain, Tools without the GPMC. */
export function anySpsEstate(): fc.Arbitrary<SpsEstate> {
  const wild = fc.record(
    {
      from: fc.constantFrom<SpsFrom>(...FROM_OK, "4.0"),
      dcs: fc.constantFrom<1 | 2 | 3>(2, 1, 3),
      dcOs: fc.constantFrom<OsId>(...DC_OS, "windows-server-2003"),
      syncOs: fc.constantFrom<OsId>(...SYNC_OS, "windows-server-2003"),
      syncJoined: fc.boolean(),
      syncDotnet: fc.boolean(),
      cert: fc.constantFrom<SpsEstate["cert"]>("trusted", "untrusted", "expiring", "expired"),
      license: fc.constantFrom<SpsEstate["license"]>("server", "admin", "none"),
      admin: fc.record({ os: fc.constantFrom<OsId>("windows-10", "windows-11", "windows-xp"), gpmc: fc.boolean(), dotnet: fc.boolean() }),
      targets,
    },
    { requiredKeys: [...KEYS] },
  );
  // A third ready as they stand, so that both outcomes of `lab plan` are drawn often.
  return fc.oneof({ weight: 1, arbitrary: plannableSpsEstate() }, { weight: 2, arbitrary: wild });
}

const OU = "OU=Staff,DC=corp,DC=example";

/** The scenario's `lab:` for an estate (the shape of the catalog's sps-* scenarios). */
export function spsLab(e: SpsEstate): LabSpec {
  const dcNames = Array.from({ length: e.dcs }, (_, i) => `DC0${i + 1}`);
  const hosts: HostSpec[] = dcNames.map((name) => ({ name, os: e.dcOs, role: "dc" as const, installed: { "sps-pcn": e.from } }));
  const validity = e.cert === "expiring" ? { validDays: 20 } : e.cert === "expired" ? { validFromDays: -400, validDays: 365 } : {};
  const cert = { name: "sync", ...(e.cert === "untrusted" ? {} : { trustedBy: dcNames }), ...validity };
  const syncFeatures: FeatureId[] = e.syncDotnet ? ["dotnet-4.8"] : [];
  hosts.push({
    name: "SYNC01",
    os: e.syncOs,
    ...(e.syncJoined ? {} : { joined: false }),
    features: syncFeatures,
    certificates: [cert],
    installed: { "sps-server": { version: e.from, certificate: "sync", ...(e.license === "server" ? { license: true } : {}) } },
  });
  const features: FeatureId[] = [...(e.admin.gpmc ? (["gpmc"] as const) : []), ...(e.admin.dotnet ? (["dotnet-4.8"] as const) : [])];
  hosts.push({
    name: "ADM01",
    os: e.admin.os,
    ...(e.admin.os === "windows-xp" ? { arch: "x86" as const } : {}),
    features,
    installed: { "sps-admin": { version: e.from, policy: { ou: OU, targets: [...e.targets] }, ...(e.license === "admin" ? { license: true } : {}) } },
  });
  return {
    domain: {
      name: "corp.example",
      passwordPolicy: { minAgeDays: 0 },
      ous: [OU],
      accounts: [
        { name: "jdoe", password: "Start-2026!x", ou: OU },
        { name: "opsadmin", password: "Admin-2026!x", groups: ["Domain Admins"] },
        { name: "helpdesk", password: "Help-2026!x" },
      ],
    },
    hosts,
  };
}
