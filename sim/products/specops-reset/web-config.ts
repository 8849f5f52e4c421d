import { parseAppSettings, renderAppSettings } from "./app-settings.ts";
import { WEB_CONFIG } from "./paths.ts";
import type { ConfigFiles } from "./server-config.ts";

/** What the Web's web.config says. */
export interface WebConfig {
  /** The Reset Server's name, as entered in the setup (spr.web.server-name). */
  readonly resetServer: string;
  /** Thumbprint of the Server certificate the Web trusts: the pin of the channel. */
  readonly pinnedThumbprint: string;
  readonly site: string;
  /** Names the web application is presented as (its URLs' host names). */
  readonly names: readonly string[];
  readonly mobile: boolean;
  readonly version: string;
}

export function writeWebConfig(files: ConfigFiles, config: WebConfig): void {
  files.writeFile(
    WEB_CONFIG,
    renderAppSettings({
      ResetServer: config.resetServer,
      ServerCertificateThumbprint: config.pinnedThumbprint,
      Site: config.site,
      PresentedNames: config.names.join(";"),
      MobileComponent: config.mobile ? "true" : "false",
      Version: config.version,
    }),
  );
}

export function readWebConfig(files: ConfigFiles): WebConfig | undefined {
  const text = files.readText(WEB_CONFIG);
  if (text === undefined) return undefined;
  const s = parseAppSettings(text, WEB_CONFIG);
  return {
    resetServer: s["ResetServer"] ?? "",
    pinnedThumbprint: (s["ServerCertificateThumbprint"] ?? "").toUpperCase(),
    site: s["Site"] ?? "",
    names: (s["PresentedNames"] ?? "").split(";").filter((n) => n !== ""),
    mobile: s["MobileComponent"] === "true",
    version: s["Version"] ?? "",
  };
}
