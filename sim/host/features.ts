import type { FeatureId } from "../lab-spec.ts";

/** Installing a feature brings the ones it includes (3.5 SP1 is a 3.5; 4.8 is a 4.0). */
const INCLUDES: Readonly<Partial<Record<FeatureId, readonly FeatureId[]>>> = {
  "dotnet-3.5-sp1": ["dotnet-3.5"],
  "dotnet-4.8": ["dotnet-4.0"],
};

export const FEATURE_NAMES: Readonly<Record<FeatureId, string>> = {
  iis: "Internet Information Services",
  "dotnet-3.5": ".NET Framework 3.5",
  "dotnet-3.5-sp1": ".NET Framework 3.5 SP1",
  "dotnet-4.0": ".NET Framework 4.0",
  "dotnet-4.8": ".NET Framework 4.8",
  wif: "Windows Identity Foundation",
  gpmc: "Group Policy Management Console",
  aduc: "Active Directory Users and Computers snap-in",
  adcs: "Active Directory Certificate Services",
};

export function withIncluded(features: Iterable<FeatureId>): Set<FeatureId> {
  const out = new Set<FeatureId>();
  const add = (f: FeatureId): void => {
    if (out.has(f)) return;
    out.add(f);
    for (const g of INCLUDES[f] ?? []) add(g);
  };
  for (const f of features) add(f);
  return out;
}
