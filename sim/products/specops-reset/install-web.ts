import type { StoreEntry } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { SPR_WEB } from "./components.ts";
import { ensureIis, recordInstalled } from "./estate.ts";
import { BRANDING_DIR, MOBILE_DIR, SCP_KEYWORD, SCP_NAME, WEB_APP_PATH, WEB_DIR, WEB_HANDLER_ID } from "./paths.ts";
import { extractSetup } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { fileVersionOf } from "./versions.ts";
import { writeWebConfig } from "./web-config.ts";
import { webPages } from "./web-pages.ts";

export const DEFAULT_LOGO = "Specops Password Reset (default logo)";
export const DEFAULT_CSS = "/* Specops Password Reset default style */";

export interface WebInstall {
  readonly version: string;
  readonly resetServer: string;
  readonly site: string;
  readonly names: readonly string[];
  /** The certificate selected for SSL; undefined when none could be selected (the https binding is left for IIS Manager). */
  readonly sslCertificate: StoreEntry | undefined;
  readonly mobile: boolean;
  readonly publishScp: boolean;
  /** Thumbprint of the Server certificate the Web trusts. */
  readonly pinned: string;
}

/** The URL internal clients are given (the SCP's binding) and users type: the first presented name. */
export function webUrl(names: readonly string[]): string {
  return `https://${names[0]}${WEB_APP_PATH}`;
}

/**
 * What the Web part of the Setup Assistant does: the web application's files
 * (replacing an older version's, branding included), web.config (Reset Server,
 * pinned thumbprint), the IIS application in the selected site, the https
 * binding with the selected certificate, the mobile component, and the
 * Service Connection Point when asked (the one SCP of the solution then
 * points here).
 */
export function installWeb(lab: Lab, host: Host, install: WebInstall): void {
  extractSetup(host, install.version);
  const iis = ensureIis(lab, host);
  if (host.fs.isDirectory(WEB_DIR)) host.fs.delete(WEB_DIR, { recursive: true });
  host.fs.writeFile(`${WEB_DIR}\\bin\\Specopssoft.SpecopsPasswordReset.Web.dll`, "MZ Specops Password Reset Web", { version: fileVersionOf(install.version) });
  host.fs.writeFile(`${BRANDING_DIR}\\logo.png`, DEFAULT_LOGO);
  host.fs.writeFile(`${BRANDING_DIR}\\custom.css`, DEFAULT_CSS);
  if (install.mobile) host.fs.writeFile(`${MOBILE_DIR}\\Specopssoft.SpecopsPasswordReset.Mobile.dll`, "MZ Specops Password Reset Mobile", { version: fileVersionOf(install.version) });
  writeWebConfig(host.fs, { resetServer: install.resetServer, pinnedThumbprint: install.pinned, site: install.site, names: install.names, mobile: install.mobile, version: install.version });

  if (!iis.handler(WEB_HANDLER_ID)) iis.registerHandler(WEB_HANDLER_ID, webPages(lab));
  const site = iis.site(install.site)!;
  if (!site.applications.some((a) => a.path.toLowerCase() === WEB_APP_PATH.toLowerCase())) {
    iis.createApplication(site.name, WEB_APP_PATH, { physicalPath: WEB_DIR, handler: WEB_HANDLER_ID });
  }
  const https = site.bindings.find((b) => b.protocol === "https" && b.port === 443);
  if (install.sslCertificate) {
    const thumbprint = install.sslCertificate.certificate.thumbprint;
    if (https) iis.setBindingCertificate(site.name, { protocol: "https", port: 443 }, thumbprint);
    else iis.addBinding(site.name, { protocol: "https", port: 443, certificateThumbprint: thumbprint });
  } else if (!https) {
    // The binding exists; its certificate is to be selected in IIS Manager (spr.dmz.cert-binding).
    iis.addBinding(site.name, { protocol: "https", port: 443 });
  }

  if (install.publishScp && lab.directory) {
    const url = webUrl(install.names);
    for (const other of lab.hosts()) {
      if (other !== host && lab.directory.isJoined(other.name)) lab.directory.removeServiceConnectionPoint(other.name, SCP_NAME);
    }
    lab.directory.publishServiceConnectionPoint(host.name, { name: SCP_NAME, keywords: [SCP_KEYWORD], serviceBindingInformation: [url] });
  }
  const central = sprState(lab).central;
  if (install.mobile) central.mobileInUse = true;
  recordInstalled(host, SPR_WEB, install.version, WEB_DIR);
  host.record("spr-setup", "spr:web.installed", {
    version: install.version,
    site: site.name,
    resetServer: install.resetServer,
    pinned: install.pinned,
    ssl: install.sslCertificate?.certificate.thumbprint ?? null,
    mobile: install.mobile,
    scp: install.publishScp,
  });
}
