import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { z } from "zod";
import { pickCertificate } from "./certificate-choice.ts";
import { hashAnswers } from "./central-config.ts";
import { addClientSettings } from "./client-deployment.ts";
import { registerClientInstaller } from "./client-install.ts";
import { policyKeyFor } from "./client-policy.ts";
import { SPR_ADMIN, SPR_CLIENT, SPR_SERVER, SPR_WEB } from "./components.ts";
import { ensureIis, recordInstalled, requireDirectory, serverDirectory } from "./estate.ts";
import { installServer, samOf } from "./install-server.ts";
import { installWeb } from "./install-web.ts";
import { CLIENT_DIR, CLIENT_DLL, CLIENT_KEY, clientMsiName, MOBILE_ATTRIBUTE_VALUE, BRANDING_DIR } from "./paths.ts";
import { ensureServerCertificate } from "./server-certificate.ts";
import { readServerConfig } from "./server-config.ts";
import { installAdmin } from "./setup-admin-verb.ts";
import { writeClientMsi } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { TEST_ANSWERS } from "./test-accounts.ts";
import { fileVersionOf, licenceGenerationFor, requireSprVersion } from "./versions.ts";
import type { Host } from "../../host/index.ts";
import type { StoreEntry } from "../../certs/index.ts";

export const SERVICE_PASSWORD_FAULT = "spr-service-password-changed";

const serverOptions = z.strictObject({
  serviceAccount: z.string().min(1).default("svc-spr"),
  password: z.string().optional(),
  managementLevel: z.string().optional(),
  certificate: z.string().optional(),
  licence: z.enum(["current", "legacy"]).optional(),
  licensedUsers: z.number().int().positive().default(100_000),
});
const webOptions = z.strictObject({
  resetServer: z.string().optional(),
  names: z.array(z.string().min(1)).min(1).optional(),
  certificate: z.string().optional(),
  scp: z.boolean().optional(),
  mobile: z.boolean().default(false),
  site: z.string().optional(),
  branding: z.boolean().default(true),
});
const clientOptions = z.strictObject({
  gpo: z.string().optional(),
  share: z.string().optional(),
  dfsTargets: z.array(z.string()).optional(),
  mobileAttribute: z.string().optional(),
});
const noOptions = z.strictObject({});

/** The options each component accepts in `installed:` (besides version), for the scenario's documentation and checks. */
export const SEED_OPTIONS = { [SPR_SERVER]: serverOptions, [SPR_WEB]: webOptions, [SPR_ADMIN]: noOptions, [SPR_CLIENT]: clientOptions } as const;

function parse<T>(schema: z.ZodType<T>, options: Record<string, unknown>, where: string): T {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    throw new LabError({ code: "SPR_SEED_OPTIONS", message: `${where}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}` });
  }
  return parsed.data;
}

/** Puts a component that the scenario says is installed onto a host, as its setup left it (at that version). */
export async function seedInstalled(lab: Lab, hostName: string, component: string, version: string, options: Record<string, unknown>): Promise<void> {
  registerClientInstaller(lab);
  const host = lab.host(hostName);
  const v = requireSprVersion(version);
  const where = `${hostName} installed ${component}`;
  switch (component) {
    case SPR_SERVER:
      return seedServer(lab, host, v, parse(serverOptions, options, where));
    case SPR_WEB:
      return seedWeb(lab, host, v, parse(webOptions, options, where));
    case SPR_ADMIN:
      parse(noOptions, options, where);
      return installAdmin(lab, host, v);
    case SPR_CLIENT:
      return seedClient(lab, host, v, parse(clientOptions, options, where));
    default:
      throw new LabError({ code: "SPR_COMPONENT_UNKNOWN", message: `${where}: Specops Password Reset has no component "${component}"` });
  }
}

async function seedServer(lab: Lab, host: Host, version: string, o: z.infer<typeof serverOptions>): Promise<void> {
  const directory = requireDirectory(lab, "The Specops Password Reset Server");
  const sam = samOf(o.serviceAccount);
  const specAccount = lab.spec.domain?.accounts?.find((a) => a.name.toLowerCase() === sam.toLowerCase());
  const password = o.password ?? specAccount?.password ?? "Spr-Service#2026";
  if (directory.userName(sam) === undefined) directory.createServiceAccount({ samAccountName: sam, password, passwordNeverExpires: true });
  const certificate = await serverCertificate(lab, host);
  installServer(lab, host, { version, serviceAccount: sam, password, managementLevel: o.managementLevel ?? directory.domainDn, certificate });
  const state = sprState(lab);
  state.central.licence ??= { generation: o.licence ?? licenceGenerationFor(version), users: o.licensedUsers };
  // The installation being upgraded has enrolled users: the scenario's accounts (their data lives in AD, not on the server).
  const ad = serverDirectory(lab, directory);
  for (const account of lab.spec.domain?.accounts ?? []) {
    const mobile = ad.attribute(account.name, "mobile") ?? firstExtension(lab, account.name);
    state.central.enrollments.set(account.name.toLowerCase(), { answersHash: hashAnswers(account.name, TEST_ANSWERS.split("|")), ...(mobile ? { mobile } : {}) });
  }
  if (lab.faults.isActive(SERVICE_PASSWORD_FAULT)) {
    const changed = `${password}-changed!9`;
    directory.setPassword(sam, changed);
    host.record("spr-fault", "spr:fault.service-password-changed", { account: sam });
  }
}

function firstExtension(lab: Lab, user: string): string | undefined {
  return [...(sprState(lab).extensionAttributes.get(user.toLowerCase())?.values() ?? [])][0];
}

/** The Server's certificate: the one its config names, else the one named in the scenario, else the installation's self-signed one. */
export async function serverCertificate(lab: Lab, host: Host): Promise<StoreEntry> {
  const config = readServerConfig(host.fs);
  const my = host.certs.store("LocalMachine", "My");
  if (config) {
    const entry = my.get(config.certificateThumbprint);
    if (entry) return entry;
  }
  const spec = lab.spec.hosts.find((h) => h.name.toLowerCase() === host.name.toLowerCase())?.installed?.[SPR_SERVER];
  const named = typeof spec === "object" && typeof spec["certificate"] === "string" ? spec["certificate"] : undefined;
  if (named) {
    const pick = pickCertificate(host.certs, { friendlyName: named });
    if (!pick.ok) throw new LabError({ code: "SPR_SEED_CERTIFICATE", message: `${host.name} installed spr-server: certificate "${named}": ${pick.detail}` });
    return pick.entry;
  }
  return ensureServerCertificate(lab, host);
}

async function seedWeb(lab: Lab, host: Host, version: string, o: z.infer<typeof webOptions>): Promise<void> {
  const resetServer = o.resetServer ?? lab.spec.hosts.find((h) => h.installed?.[SPR_SERVER] !== undefined)?.name;
  if (!resetServer) throw new LabError({ code: "SPR_SEED_NO_SERVER", message: `${host.name} installed spr-web: no resetServer given and no host has spr-server installed` });
  const serverHost = lab.host(resetServer);
  const pinned = (await serverCertificate(lab, serverHost)).certificate.thumbprint;
  const names = o.names ?? [host.domain ? `${host.name.toLowerCase()}.${host.domain}` : host.name.toLowerCase()];
  let ssl: StoreEntry | undefined;
  if (o.certificate) {
    const pick = pickCertificate(host.certs, { friendlyName: o.certificate });
    if (!pick.ok) throw new LabError({ code: "SPR_SEED_CERTIFICATE", message: `${host.name} installed spr-web: certificate "${o.certificate}": ${pick.detail}` });
    ssl = pick.entry;
  } else {
    ssl = host.certs.store("LocalMachine", "My").list().find((e) => e.privateKeyPem !== undefined && e.certificate.dnsNames.some((n) => n.toLowerCase() === names[0]!.toLowerCase()));
  }
  if (host.zone === "dmz") publishDmzNames(lab, host, names, serverHost);
  const iis = ensureIis(lab, host);
  const site = o.site ?? iis.sites()[0]!.name;
  installWeb(lab, host, { version, resetServer, site, names, sslCertificate: ssl, mobile: o.mobile, publishScp: o.scp ?? (host.joined && host.zone !== "dmz"), pinned });
  const state = sprState(lab);
  if (o.branding) {
    const logo = `Corporate logo of ${lab.spec.domain?.name ?? "the company"}`;
    host.fs.writeFile(`${BRANDING_DIR}\\logo.png`, logo);
    host.fs.writeFile(`${BRANDING_DIR}\\custom.css`, "/* corporate colours */");
    state.branding.set(host.name, logo);
  }
  if (o.mobile) state.mobileApp = version;
}

/**
 * An existing DMZ web was reachable and reached its Server: the lab's `lab:`
 * has no public DNS or hosts file, so seeding publishes the web's names in
 * the public DNS and gives the DMZ host a hosts-file entry for the Server.
 */
function publishDmzNames(lab: Lab, host: Host, names: readonly string[], server: Host): void {
  for (const name of names) if (name.includes(".")) lab.network.addPublicDnsRecord(name, host.name);
  const serverNames = [server.name, ...(server.domain ? [`${server.name}.${server.domain}`] : [])];
  for (const name of serverNames) if (!lab.network.resolve(host.name, name).ok) lab.network.addHostsEntry(host.name, name, server.name);
}

async function seedClient(lab: Lab, host: Host, version: string, o: z.infer<typeof clientOptions>): Promise<void> {
  host.fs.writeFile(CLIENT_DLL, "MZ Specops Password Reset Client Side Extension", { version: fileVersionOf(version) });
  host.registry.view(64).setValue(CLIENT_KEY, "Version", { type: "REG_SZ", data: version });
  recordInstalled(host, SPR_CLIENT, version, CLIENT_DIR, host.arch);
  if (!o.gpo) return;
  const directory = requireDirectory(lab, "The Client deployment");
  const state = sprState(lab);
  if (!directory.gpo(o.gpo)) {
    directory.createGpo(o.gpo);
    directory.linkGpo(o.gpo, directory.domainDn);
  }
  if (o.share) {
    const targets = o.dfsTargets ?? [o.share];
    for (const target of targets) {
      for (const arch of ["x86", "x64"] as const) {
        const located = lab.shares.locate(`${target.replace(/\\+$/, "")}\\${clientMsiName(version, arch)}`);
        if (!located) throw new LabError({ code: "SPR_SEED_SHARE", message: `${host.name} installed spr-client: no share ${target} in the lab` });
        writeClientMsi(lab.host(located.share.host), located.localPath, version);
      }
    }
    if (state.deployment.gpo === undefined) addClientSettings(lab, directory, o.gpo, o.share, version, ["x86", "x64"]);
    state.deployment.dfsTargets = o.dfsTargets ?? [];
  }
  if (o.mobileAttribute) {
    directory.setAdminTemplateSetting(o.gpo, { scope: "computer", key: policyKeyFor(version), valueName: MOBILE_ATTRIBUTE_VALUE, value: o.mobileAttribute });
    // The organisation keeps the numbers in that attribute (the lab's directory has no schema for it: the product's state does).
    for (const [i, account] of (lab.spec.domain?.accounts ?? []).entries()) {
      const values = state.extensionAttributes.get(account.name.toLowerCase()) ?? new Map<string, string>();
      values.set(o.mobileAttribute.toLowerCase(), account.mobile ?? `+46 70 555 01 ${String(10 + i)}`);
      state.extensionAttributes.set(account.name.toLowerCase(), values);
    }
  }
}
