import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { SPR_CLIENT } from "./components.ts";
import { installedVersion } from "./estate.ts";
import { CLIENT_POLICY_KEY_NEW, CLIENT_POLICY_KEY_OLD, DEFAULT_MOBILE_ATTRIBUTE, MOBILE_ATTRIBUTE_VALUE } from "./paths.ts";
import { compareVersions, OLD_ADMX_AT_OR_BELOW } from "./versions.ts";

/** The policy key a Client of this version reads (lab inference, see spr.client.admx-migrate). */
export function policyKeyFor(clientVersion: string): string {
  return compareVersions(clientVersion, OLD_ADMX_AT_OR_BELOW) <= 0 ? CLIENT_POLICY_KEY_OLD : CLIENT_POLICY_KEY_NEW;
}

function policyValue(lab: Lab, host: Host, key: string, name: string): string | undefined {
  const setting = lab.directory
    ?.adminTemplateSettingsForComputer(host.name)
    .find((s) => s.key.toLowerCase() === key.toLowerCase() && s.valueName.toLowerCase() === name.toLowerCase());
  return setting === undefined ? undefined : String(setting.value);
}

/** The mobile attribute the Client on this workstation uses: its policy's, or the default when it reads none. */
export function mobileAttributeOn(lab: Lab, host: Host): string {
  const version = installedVersion(host, SPR_CLIENT);
  if (version === undefined) return DEFAULT_MOBILE_ATTRIBUTE;
  return policyValue(lab, host, policyKeyFor(version), MOBILE_ATTRIBUTE_VALUE) ?? DEFAULT_MOBILE_ATTRIBUTE;
}

/** Settings made with the 6.3 template that a newer Client on this host no longer reads. */
export function unmigratedSettings(lab: Lab, host: Host): string[] {
  const version = installedVersion(host, SPR_CLIENT);
  if (version === undefined || policyKeyFor(version) === CLIENT_POLICY_KEY_OLD) return [];
  const settings = lab.directory?.adminTemplateSettingsForComputer(host.name) ?? [];
  const newer = new Set(settings.filter((s) => s.key.toLowerCase() === CLIENT_POLICY_KEY_NEW.toLowerCase()).map((s) => s.valueName.toLowerCase()));
  return settings.filter((s) => s.key.toLowerCase() === CLIENT_POLICY_KEY_OLD.toLowerCase() && !newer.has(s.valueName.toLowerCase())).map((s) => s.valueName);
}
