import type { Host } from "../host/index.ts";
import type { ManagedRuntimeVersion } from "./app-pool.ts";

/**
 * Whether the CLR a pool asks for is on the host. Windows Server 2012 and
 * later (NT 6.2+) carry .NET 4.x in the box; earlier ones carry CLR 2.0
 * (.NET 2.0 to 3.5.1); otherwise it takes the .NET feature.
 */
export function clrInstalled(host: Host, version: ManagedRuntimeVersion): boolean {
  if (version === "No Managed Code") return true;
  if (version === "v4.0") return host.os.ntVersion >= 6.2 || host.hasFeature("dotnet-4.0");
  return host.os.ntVersion < 6.2 || host.hasFeature("dotnet-3.5");
}

/** The feature that brings a CLR, for remedies. */
export const CLR_FEATURE: Readonly<Record<Exclude<ManagedRuntimeVersion, "No Managed Code">, string>> = {
  "v2.0": ".NET Framework 3.5 (includes 2.0)",
  "v4.0": ".NET Framework 4.x",
};
