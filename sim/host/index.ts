export { Host } from "./host.ts";
export type { HostOptions } from "./host.ts";
export { OS_TABLE, osInfo, isServerAtLeast, isWindowsAtLeast } from "./os-table.ts";
export type { OsInfo } from "./os-table.ts";
export { WindowsFirewall } from "./windows-firewall.ts";
export type { FirewallRule } from "./windows-firewall.ts";
export { InstalledProducts } from "./installed-products.ts";
export type { InstalledProduct } from "./installed-products.ts";
export { FEATURE_NAMES, withIncluded } from "./features.ts";
