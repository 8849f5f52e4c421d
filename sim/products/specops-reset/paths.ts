/**
 * Where Specops Password Reset puts things on a Windows host. The Server's
 * config file path is the document's; the rest is the lab's layout under the
 * same root.
 */
export const INSTALL_ROOT = "C:\\Program Files\\Specopssoft\\Specops Password Reset";
export const SERVER_DIR = `${INSTALL_ROOT}\\Server`;
export const SERVER_EXE = `${SERVER_DIR}\\Specopssoft.SpecopsPasswordReset.Server.exe`;
/** The document's location of the thumbprint of the Server's certificate. */
export const SERVER_CONFIG = `${SERVER_DIR}\\Specopssoft.SpecopsPasswordReset.Server.exe.config`;
export const WEB_DIR = `${INSTALL_ROOT}\\Web`;
export const WEB_CONFIG = `${WEB_DIR}\\web.config`;
export const BRANDING_DIR = `${WEB_DIR}\\Branding`;
export const MOBILE_DIR = `${WEB_DIR}\\Mobile`;
export const ADMIN_DIR = `${INSTALL_ROOT}\\Administration Tools`;
export const ADMIN_EXE = `${ADMIN_DIR}\\Specopssoft.SpecopsPasswordReset.Configuration.exe`;
export const CLIENT_DIR = `${INSTALL_ROOT}\\Client`;
export const CLIENT_DLL = `${CLIENT_DIR}\\Specopssoft.SpecopsPasswordReset.ClientSideExtension.dll`;
export const BRANDING_BACKUP_DIR = "C:\\temp\\SpecopsPasswordReset_BrandingBackup";

/** Windows service of the Server ("Specops Password Reset Server" in Services.msc). */
export const SERVER_SERVICE = "SpecopsPasswordResetServer";
export const SERVER_SERVICE_DISPLAY = "Specops Password Reset Server";
/** Lab inference: the document names no port for the Web-to-Server channel. */
export const SERVER_PORT = 4383;
export const SERVER_FIREWALL_RULE = "Specops Password Reset Server (TCP 4383)";

/** The IIS application path of the Web. */
export const WEB_APP_PATH = "/SpecopsPasswordReset";
export const WEB_HANDLER_ID = "specops-password-reset-web";

/** Service Connection Point the internal Web publishes under its computer account. */
export const SCP_NAME = "Specops Password Reset Web";
export const SCP_KEYWORD = "SpecopsPasswordResetWeb";

/** Group whose members (with Domain Admins) may use the Helpdesk and Reporting pages (lab inference). */
export const HELPDESK_GROUP = "Specops Password Reset Helpdesk";

/** Registry: what the Client's setup writes, and where its policy is read (lab inference, see spr.client.admx-migrate). */
export const CLIENT_KEY = "HKLM\\SOFTWARE\\Specopssoft\\Specops Password Reset\\Client";
export const CLIENT_POLICY_KEY_OLD = "HKLM\\SOFTWARE\\Policies\\Specopssoft\\Specops Password Reset\\Client";
export const CLIENT_POLICY_KEY_NEW = "HKLM\\SOFTWARE\\Policies\\Specopssoft\\Specops Password Reset\\Client\\v7";
export const MOBILE_ATTRIBUTE_VALUE = "MobileAttribute";
export const DEFAULT_MOBILE_ATTRIBUTE = "mobile";

/** Where the Setup Assistant extracts itself (spr.setup.extract). */
export function setupFolder(version: string): string {
  return `C:\\temp\\SpecopsPasswordReset_Setup_${version}`;
}

/** The Client Side Extension packages inside the extracted setup. */
export function clientFilesFolder(version: string): string {
  return `${setupFolder(version)}\\products\\specopspasswordreset`;
}

export type PackageArch = "x86" | "x64";

export function clientMsiName(version: string, arch: PackageArch): string {
  return `SpecopsPasswordResetClient_${version}_${arch}.msi`;
}

/** The GPSI package name; one per architecture. */
export function clientPackageName(arch: PackageArch): string {
  return `Specops Password Reset Client (${arch})`;
}

/** MSI product codes, stable per component and architecture (the lab's own). */
export const PRODUCT_CODES = {
  "spr-server": "{5B0E4F1A-51C3-4E39-9A0B-0000000000A1}",
  "spr-web": "{5B0E4F1A-51C3-4E39-9A0B-0000000000A2}",
  "spr-admin": "{5B0E4F1A-51C3-4E39-9A0B-0000000000A3}",
  "spr-client-x86": "{5B0E4F1A-51C3-4E39-9A0B-0000000000A4}",
  "spr-client-x64": "{5B0E4F1A-51C3-4E39-9A0B-0000000000A5}",
} as const;
