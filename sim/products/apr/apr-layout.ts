import type { Host } from "../../host/index.ts";
import { aprLine, type AprVersion } from "./apr-versions.ts";

/** Where APR puts things on a host: folders, files, registry, service. */

export const SERVICE_NAME = "APRService";
export const SERVICE_DISPLAY_NAME = "Netwrix Password Reset";
export const SERVICE_EXE = "APRService.exe";
export const CONFIG_CONSOLE_EXE = "APRConfig.exe";
export const DATA_CONSOLE_EXE = "APRDataConsole.exe";
export const FIREWALL_RULE = "Netwrix Password Reset Server (UDP 5100)";
export const DEFAULT_VDIR = "pwreset";
export const WEB_ROOT = "C:\\Inetpub\\wwwroot";
export const APR_DLL = "APR.dll";
export const WEB_TEMPLATES = ["default.htm", "enroll.htm", "reset.htm", "change.htm", "apr.css"] as const;
export const CLIENT_DLL = "APRClient.dll";
export const IIS_HANDLER_ID = "netwrix-password-reset-web";

/** HKLM\SOFTWARE\ANIXIS\ANIXIS Password Reset\<3.0|2.0>: read through the view of the program's bitness. */
export const REG_ROOT = "HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset";
export const CLIENT_REG_ROOT = "HKLM\\SOFTWARE\\ANIXIS\\ANIXIS Password Reset Client";
export const IE_EMULATION_KEY = "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer\\MAIN\\FeatureControl\\FEATURE_BROWSER_EMULATION";
export const LOGONUI_VALUE = "LogonUI.exe";
export const IE11_EMULATION = 0x2af8;

// Memo of a pure function of the version (a handful of them): every read and write of APR's key names it.
const REG_KEYS = new Map<string, string>();

export function regKey(version: AprVersion): string {
  let key = REG_KEYS.get(version);
  if (key === undefined) REG_KEYS.set(version, (key = `${REG_ROOT}\\${aprLine(version).registryVersionKey}`));
  return key;
}

export function regBits(version: AprVersion): 32 | 64 {
  return aprLine(version).bits;
}

/** The default install folder: Program Files for 3.x, Program Files (x86) for the 32-bit 2.x on x64 Windows. */
export function defaultServerDir(host: Host, version: AprVersion): string {
  return `${host.programFiles(aprLine(version).bits)}\\ANIXIS Password Reset`;
}

export function defaultClientDir(host: Host): string {
  return `${host.programFiles()}\\ANIXIS Password Reset Client`;
}

export function webFolder(vdir: string): string {
  return `${WEB_ROOT}\\${vdir}`;
}

export function sqlCeDir(host: Host, version: AprVersion): string {
  const line = aprLine(version);
  return `${host.programFiles(line.bits)}\\${line.sqlCe.folder}`;
}

export const SQLCE_DLL = "sqlceme.dll";

export function joinPath(dir: string, file: string): string {
  // Nearly every folder comes without a trailing separator: no need to look for one.
  const last = dir.charCodeAt(dir.length - 1);
  return last === 0x5c || last === 0x2f ? `${dir.replace(/[\\/]+$/, "")}\\${file}` : `${dir}\\${file}`;
}
