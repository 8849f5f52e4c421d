import type { Directory } from "../../ad/index.ts";
import type { Host } from "../../host/index.ts";
import { attachIisToNetwork, installIis, type IisServer } from "../../iis/index.ts";
import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { componentName, type SprComponent } from "./components.ts";
import { PRODUCT_CODES, type PackageArch } from "./paths.ts";
import type { ServerDirectory } from "./server-directory.ts";
import { sprState } from "./spr-state.ts";

/** The version of a component installed on a host ("Programs and Features"), or undefined. */
export function installedVersion(host: Host, component: SprComponent): string | undefined {
  return host.products.byComponent(component)?.version;
}

/** Records a component in the host's installed products, replacing an older row of it. */
export function recordInstalled(host: Host, component: SprComponent, version: string, installFolder: string, arch: PackageArch = host.arch): void {
  const previous = host.products.byComponent(component);
  if (previous) host.products.remove(previous.productCode);
  const code = component === "spr-client" ? PRODUCT_CODES[`spr-client-${arch}`] : PRODUCT_CODES[component];
  host.products.add({ productCode: code, name: componentName(component), version, arch, installFolder, publisher: "Specopssoft", component });
}

/** Hosts that have the component installed, in the lab's host order. */
export function hostsWith(lab: Lab, component: SprComponent): Host[] {
  return lab.hosts().filter((h) => installedVersion(h, component) !== undefined);
}

export function requireDirectory(lab: Lab, what: string): Directory {
  if (!lab.directory) throw new LabError({ code: "SPR_NO_DOMAIN", message: `${what} needs an Active Directory domain; the lab has none (add domain: to the scenario's lab)` });
  return lab.directory;
}

/** IIS of the host, installed and put on the network when the setup configures it. */
export function ensureIis(lab: Lab, host: Host): IisServer {
  const existing = lab.iis(host.name);
  if (existing) return existing;
  const iis = installIis(lab, host);
  lab.setIis(host.name, iis);
  attachIisToNetwork(iis, lab.network);
  return iis;
}

/** The directory as the Server sees it, with the lab's extension attributes for custom mobile attributes. */
export function serverDirectory(lab: Lab, directory: Directory): ServerDirectory {
  const outcome = (r: { ok: true } | { ok: false; error: { code: string; message: string } }) => (r.ok ? { ok: true as const } : { ok: false as const, code: r.error.code, message: r.error.message });
  return {
    authenticate: (user, password) => outcome(directory.authenticate(user, password)),
    resetPassword: (actor, user, pw) => outcome(directory.resetPassword(actor, user, pw)),
    isMemberOf: (user, group) => directory.group(group) !== undefined && directory.isMemberOf(user, group),
    countUsersUnder: (ou) => directory.users({ under: ou }).filter((u) => u.enabled).length,
    attribute: (user, attribute) => {
      if (attribute.toLowerCase() === "mobile") return directory.user(user)?.mobile;
      return sprState(lab).extensionAttributes.get(user.toLowerCase())?.get(attribute.toLowerCase());
    },
  };
}
