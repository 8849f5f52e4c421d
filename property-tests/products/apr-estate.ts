import fc from "fast-check";
import type { HostSpec, LabSpec, OsId } from "../../sim/lab-spec.ts";
import { DEFAULT_SERVICE_PASSWORD } from "../../sim/products/apr/index.ts";

/** Where the Web Interface sits: with the server, on its own internal host, or in the DMZ. */
export type AprTopology = "single" | "split" | "dmz";
export type AprFrom = "2.9" | "3.0" | "3.22";

/** A Netwrix Password Reset estate before its upgrade to 3.23, as the generators draw it. */
export interface AprEstate {
  readonly from: AprFrom;
  readonly topology: AprTopology;
  readonly serverOs: OsId;
  readonly serverArch: "x64" | "x86";
  readonly webOs: OsId;
  readonly enrolled: number;
  /** A Password Reset Client on PC01 (OS, IE), else a plain Windows 10 browser there. */
  readonly client?: { readonly os: OsId; readonly arch: "x64" | "x86"; readonly ie: number; readonly version: AprFrom | "3.23" };
  /** Password Policy Enforcer on DC01, and whether APR's PPE integration is on. */
  readonly ppe?: { readonly version: "6.5" | "7.0" | "8.0"; readonly integration: boolean };
  /** Whether the scenario declares the service account (so `lab plan` knows its password). */
  readonly credentialKnown: boolean;
  readonly dcs: 1 | 2;
  readonly ramFreeMb?: number;
  readonly diskFreeMb?: number;
}

const SERVER_IP = "10.0.0.20";
const WEB_DMZ_IP = "172.16.0.20";
const GOOD_SERVER_OS: readonly OsId[] = ["windows-server-2008-r2", "windows-server-2012-r2", "windows-server-2016", "windows-server-2019"];

/** Estates the documented upgrade can take as they are: supported OS, x64, PPE 7+, the password known, IE 9+ clients. */
export function plannableAprEstate(): fc.Arbitrary<AprEstate> {
  return fc.record({
    from: fc.constantFrom<AprFrom>("2.9", "3.0", "3.22"),
    topology: fc.constantFrom<AprTopology>("single", "split", "dmz"),
    serverOs: fc.constantFrom(...GOOD_SERVER_OS),
    serverArch: fc.constant<"x64">("x64"),
    webOs: fc.constantFrom(...GOOD_SERVER_OS),
    enrolled: fc.integer({ min: 0, max: 4 }),
    client: fc.option(
      fc.record({
        os: fc.constantFrom<OsId>("windows-10", "windows-8.1", "windows-7"),
        arch: fc.constant<"x64">("x64"),
        ie: fc.constant(11),
        version: fc.constantFrom<AprFrom | "3.23">("3.0", "3.22", "3.23"),
      }),
      { nil: undefined },
    ),
    ppe: fc.option(fc.record({ version: fc.constantFrom<"7.0" | "8.0">("7.0", "8.0"), integration: fc.boolean() }), { nil: undefined }),
    credentialKnown: fc.constant(true),
    dcs: fc.constantFrom<1 | 2>(1, 2),
  }, { requiredKeys: ["from", "topology", "serverOs", "serverArch", "webOs", "enrolled", "credentialKnown", "dcs"] })
    .map(consistent);
}

/** Any estate the scenario schema takes, blockers included: old or 32-bit Windows, PPE 6, an unknown password, XP clients, little RAM or disk. */
export function anyAprEstate(): fc.Arbitrary<AprEstate> {
  const wild = fc.record({
    from: fc.constantFrom<AprFrom>("2.9", "3.0", "3.22"),
    topology: fc.constantFrom<AprTopology>("single", "split", "dmz"),
    serverOs: fc.constantFrom<OsId>("windows-server-2003", "windows-server-2008", ...GOOD_SERVER_OS, "windows-server-2022"),
    serverArch: fc.constantFrom<"x64" | "x86">("x64", "x86"),
    webOs: fc.constantFrom<OsId>(...GOOD_SERVER_OS, "windows-server-2022"),
    enrolled: fc.integer({ min: 0, max: 4 }),
    client: fc.option(
      fc.record({
        os: fc.constantFrom<OsId>("windows-xp", "windows-7", "windows-10"),
        arch: fc.constantFrom<"x64" | "x86">("x64", "x86"),
        ie: fc.integer({ min: 7, max: 11 }),
        version: fc.constantFrom<AprFrom | "3.23">("2.9", "3.0", "3.22", "3.23"),
      }),
      { nil: undefined },
    ),
    ppe: fc.option(fc.record({ version: fc.constantFrom<"6.5" | "7.0" | "8.0">("6.5", "7.0", "8.0"), integration: fc.boolean() }), { nil: undefined }),
    credentialKnown: fc.boolean(),
    dcs: fc.constantFrom<1 | 2>(1, 2),
    ramFreeMb: fc.option(fc.constantFrom(8, 512), { nil: undefined }),
    diskFreeMb: fc.option(fc.constantFrom(12, 500), { nil: undefined }),
  }, { requiredKeys: ["from", "topology", "serverOs", "serverArch", "webOs", "enrolled", "credentialKnown", "dcs"] })
    .map(consistent);
  // A third ready as they stand, so that both outcomes of `lab plan` are drawn often.
  return fc.oneof({ weight: 1, arbitrary: plannableAprEstate() }, { weight: 2, arbitrary: wild });
}

/**
 * What the lab cannot hold is made consistent rather than filtered (filters
 * starve the generator): IE within what the OS ships, x86 only where the OS
 * has it, 2.x/3.x servers only on an OS their Setup ran on.
 */
function consistent(e: AprEstate): AprEstate {
  const serverArch = e.serverArch === "x86" && !["windows-server-2003", "windows-server-2008"].includes(e.serverOs) ? "x64" : e.serverArch;
  const serverOs = e.serverOs === "windows-server-2003" && e.from !== "2.9" ? "windows-server-2008" : e.serverOs;
  const client = e.client && {
    ...e.client,
    arch: e.client.os === "windows-xp" ? ("x86" as const) : e.client.arch,
    ie: e.client.os === "windows-xp" ? Math.min(e.client.ie, 8) : Math.max(e.client.ie, 8),
  };
  return { ...e, serverOs, serverArch, ...(client ? { client } : {}) };
}

/** The scenario's `lab:` for an estate. */
export function aprLab(e: AprEstate): LabSpec {
  const hosts: HostSpec[] = [];
  const options = { ...(e.enrolled > 0 ? { enrolled: e.enrolled } : {}), ...(e.ppe?.integration ? { ppeIntegration: true } : {}) };
  const server: string | { version: string } = Object.keys(options).length > 0 ? { version: e.from, ...options } : e.from;
  const sized = { ...(e.ramFreeMb !== undefined ? { ramFreeMb: e.ramFreeMb } : {}), ...(e.diskFreeMb !== undefined ? { diskFreeMb: e.diskFreeMb } : {}) };
  if (e.ppe) hosts.push({ name: "DC01", os: "windows-server-2016", role: "dc", installed: { ppe: e.ppe.version } });
  const installedOnServer: Record<string, string | { version: string }> = e.topology === "single" ? { "apr-server": server, "apr-web": e.from } : { "apr-server": server };
  hosts.push({ name: "APR01", os: e.serverOs, ...(e.serverArch === "x86" ? { arch: "x86" } : {}), ip: SERVER_IP, ...sized, installed: installedOnServer });
  if (e.topology === "split") hosts.push({ name: "WEB01", os: e.webOs, ip: "10.0.0.30", installed: { "apr-web": { version: e.from, serverIp: SERVER_IP } } });
  if (e.topology === "dmz") {
    hosts.push({ name: "WEB01", os: e.webOs, zone: "dmz", ip: WEB_DMZ_IP, joined: false, installed: { "apr-web": { version: e.from, serverIp: SERVER_IP } } });
    hosts.push({ name: "INET01", os: "windows-10", zone: "external", ip: "203.0.113.50", joined: false });
  }
  const webHost = e.topology === "single" ? "APR01" : "WEB01";
  if (e.client) {
    hosts.push({ name: "PC01", os: e.client.os, ...(e.client.arch === "x86" ? { arch: "x86" } : {}), ie: e.client.ie, ip: "10.0.0.50", installed: { "apr-client": { version: e.client.version, web: webHost } } });
  } else hosts.push({ name: "PC01", os: "windows-10", ip: "10.0.0.50" });
  return {
    domain: {
      name: "corp.example",
      ...(e.dcs > 1 || !e.ppe ? { dcs: e.dcs } : {}),
      ...(e.credentialKnown ? { accounts: [{ name: "svc-apr", password: DEFAULT_SERVICE_PASSWORD, groups: ["Domain Admins"] }] } : {}),
    },
    hosts,
    ...(e.topology === "dmz"
      ? {
          network: {
            rules: [
              { name: "web-in", action: "allow", protocol: "tcp", from: "external", to: "dmz", port: 80 },
              { name: "web-out", action: "allow", protocol: "tcp", from: "dmz", to: "external", sourcePort: 80 },
              { name: "apr-request", action: "allow", protocol: "udp", from: WEB_DMZ_IP, to: SERVER_IP, port: 5100 },
              { name: "apr-reply", action: "allow", protocol: "udp", from: SERVER_IP, to: WEB_DMZ_IP, sourcePort: 5100 },
              // Internal clients browse the DMZ web too (the Password Reset Client's page).
              { name: "lan-to-web", action: "allow", protocol: "tcp", from: "internal", to: "dmz", port: 80 },
              { name: "web-to-lan", action: "allow", protocol: "tcp", from: "dmz", to: "internal", sourcePort: 80 },
            ],
          },
        }
      : {}),
  };
}
