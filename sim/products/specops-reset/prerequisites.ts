import { isServerAtLeast, isWindowsAtLeast, type OsInfo } from "../../host/index.ts";
import type { FeatureId, Zone } from "../../lab-spec.ts";
import { compareVersions, MIN_UPGRADE_FROM } from "./versions.ts";

/** What the prerequisite checks read of a host (a sim/host Host has all of it). */
export interface PrereqHost {
  readonly name: string;
  readonly os: OsInfo;
  readonly zone: Zone;
  hasFeature(feature: FeatureId): boolean;
}

export interface PrereqMiss {
  readonly rule: string;
  readonly detail: string;
}

/** Every rule a check evaluated, and those it found unmet. */
export interface PrereqReport {
  readonly checked: readonly string[];
  readonly misses: readonly PrereqMiss[];
}

type Check = readonly [rule: string, ok: (h: PrereqHost) => boolean, detail: (h: PrereqHost) => string];

const serverOs = (h: PrereqHost) => isServerAtLeast(h.os, "windows-server-2003-r2");
const vistaOrLater = (h: PrereqHost) => isWindowsAtLeast(h.os, "windows-vista");
const dotnet35OrLater = (h: PrereqHost) => h.hasFeature("dotnet-3.5") || h.hasFeature("dotnet-4.0");
const dotnet35Sp1OrLater = (h: PrereqHost) => h.hasFeature("dotnet-3.5-sp1") || h.hasFeature("dotnet-4.0");

function run(host: PrereqHost, checks: readonly Check[]): PrereqReport {
  const misses = checks.filter(([, ok]) => !ok(host)).map(([rule, , detail]) => ({ rule, detail: detail(host) }));
  return { checked: checks.map(([rule]) => rule), misses };
}

export function serverPrerequisites(host: PrereqHost): PrereqReport {
  return run(host, [
    ["spr.req.server.os", serverOs, (h) => `${h.name} runs ${h.os.name}; the Server needs Windows Server 2003 R2 or later`],
    ["spr.req.server.wif", (h) => h.hasFeature("wif"), (h) => `Windows Identity Foundation is not installed on ${h.name}`],
  ]);
}

/** `configureIis`: the operator clicked Configure in the prerequisites section, so missing IIS is installed, not a miss. */
export function webPrerequisites(host: PrereqHost, options: { configureIis: boolean }): PrereqReport {
  const checks: Check[] = [
    ["spr.req.web.os", serverOs, (h) => `${h.name} runs ${h.os.name}; the Web needs Windows Server 2003 R2 or later`],
    ["spr.req.web.iis", (h) => options.configureIis || h.hasFeature("iis"), (h) => `IIS is not installed on ${h.name} and Configure was not clicked`],
  ];
  // The document asks for 3.5 SP1 itself on the DMZ server, not "or later".
  if (host.zone === "dmz") checks.push(["spr.dmz.dotnet", (h) => h.hasFeature("dotnet-3.5-sp1"), (h) => `.NET 3.5 SP1 is not installed on the DMZ server ${h.name}`]);
  return run(host, checks);
}

export function adminPrerequisites(host: PrereqHost): PrereqReport {
  return run(host, [
    ["spr.req.admin.os", vistaOrLater, (h) => `${h.name} runs ${h.os.name}; the Administration Tools need Windows Vista or later`],
    ["spr.req.admin.snapins", (h) => h.hasFeature("aduc") && h.hasFeature("gpmc"), (h) => `${h.name} lacks ${[!h.hasFeature("aduc") && "the AD Users and Computers snap-in", !h.hasFeature("gpmc") && "the GPMC"].filter(Boolean).join(" and ")}`],
    ["spr.req.admin.dotnet", dotnet35OrLater, (h) => `.NET Framework 3.5 or later is not installed on ${h.name}`],
  ]);
}

/** Checked by the Client's msi on each workstation when it installs (at the restart that applies the GPO). */
export function clientPrerequisites(host: PrereqHost): PrereqReport {
  return run(host, [
    ["spr.req.client.os", vistaOrLater, (h) => `${h.name} runs ${h.os.name}; the Client needs Windows Vista or later`],
    ["spr.req.client.dotnet", dotnet35Sp1OrLater, (h) => `.NET Framework 3.5 SP1 or later is not installed on ${h.name}`],
  ]);
}

/**
 * The Setup Assistant of a version after 4.1 upgrades only from 4.1 or later (the document's rule for "the
 * latest"); 4.1's own assistant is the way up from older versions. A fresh install is always allowed.
 */
export function upgradePathReport(installed: string | undefined, component: string, target: string): PrereqReport {
  const ok = installed === undefined || compareVersions(target, MIN_UPGRADE_FROM) <= 0 || compareVersions(installed, MIN_UPGRADE_FROM) >= 0;
  return {
    checked: ["spr.upgrade.from-4.1"],
    misses: ok ? [] : [{ rule: "spr.upgrade.from-4.1", detail: `${component} ${installed} is older than ${MIN_UPGRADE_FROM}` }],
  };
}
