import type { Host } from "../../host/index.ts";
import type { RegValue } from "../../registry/index.ts";
import { regBits, regKey } from "./apr-layout.ts";
import { isAprVersion, type AprComponent, type AprVersion } from "./apr-versions.ts";

/** What the estate says is installed: the installed-products table, read back. */
export function installedVersion(host: Host, component: AprComponent): AprVersion | undefined {
  const row = host.products.byComponent(component);
  return row && isAprVersion(row.version) ? row.version : undefined;
}

export function installFolder(host: Host, component: AprComponent): string | undefined {
  return host.products.byComponent(component)?.installFolder;
}

/** Reads a value of APR's key as a program of that version sees it (2.x through the 32-bit view). */
export function readAprValue(host: Host, version: AprVersion, name: string): RegValue | undefined {
  return host.registry.view(regBits(version)).getValue(regKey(version), name);
}

export function readAprString(host: Host, version: AprVersion, name: string): string | undefined {
  const value = readAprValue(host, version, name);
  if (!value) return undefined;
  if (value.type === "REG_SZ" || value.type === "REG_EXPAND_SZ") return value.data;
  if (value.type === "REG_DWORD") return String(value.data);
  return undefined;
}

export function writeAprString(host: Host, version: AprVersion, name: string, data: string): void {
  host.registry.view(regBits(version)).setValue(regKey(version), name, { type: "REG_SZ", data });
}

export function writeAprDword(host: Host, version: AprVersion, name: string, data: number): void {
  host.registry.view(regBits(version)).setValue(regKey(version), name, { type: "REG_DWORD", data });
}

export function readAprDword(host: Host, version: AprVersion, name: string): number | undefined {
  const value = readAprValue(host, version, name);
  return value?.type === "REG_DWORD" ? value.data : undefined;
}

/** The version whose configuration key a server host uses: the installed server, else the installed web. */
export function configVersion(host: Host): AprVersion | undefined {
  return installedVersion(host, "apr-server") ?? installedVersion(host, "apr-web");
}
