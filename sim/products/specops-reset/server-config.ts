import { parseAppSettings, renderAppSettings } from "./app-settings.ts";
import { SERVER_CONFIG } from "./paths.ts";

/** The part of a host's file system the config files need. */
export interface ConfigFiles {
  readText(path: string): string | undefined;
  writeFile(path: string, content: string): void;
}

/** What Specopssoft.SpecopsPasswordReset.Server.exe.config says. */
export interface ServerConfig {
  /** Thumbprint of the certificate the Server presents to the Web (the document's "existing thumbprint"). */
  readonly certificateThumbprint: string;
  readonly managementLevel: string;
  readonly serviceAccount: string;
  readonly version: string;
}

export function writeServerConfig(files: ConfigFiles, config: ServerConfig): void {
  files.writeFile(
    SERVER_CONFIG,
    renderAppSettings({
      CertificateThumbprint: config.certificateThumbprint,
      ManagementLevel: config.managementLevel,
      ServiceAccount: config.serviceAccount,
      Version: config.version,
    }),
  );
}

/** The config as the file says now, or undefined when there is no file (no Server here). */
export function readServerConfig(files: ConfigFiles): ServerConfig | undefined {
  const text = files.readText(SERVER_CONFIG);
  if (text === undefined) return undefined;
  const s = parseAppSettings(text, SERVER_CONFIG);
  return {
    certificateThumbprint: (s["CertificateThumbprint"] ?? "").toUpperCase(),
    managementLevel: s["ManagementLevel"] ?? "",
    serviceAccount: s["ServiceAccount"] ?? "",
    version: s["Version"] ?? "",
  };
}
