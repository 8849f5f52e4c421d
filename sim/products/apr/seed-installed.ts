import { LabError } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { AprDatabase, DB_FILE, LOG_FILE } from "./apr-database.ts";
import { writeAprString } from "./apr-install-state.ts";
import { DEFAULT_VDIR, defaultServerDir, joinPath, SERVICE_NAME } from "./apr-layout.ts";
import { ensureIis, installClient, installServer, installWeb } from "./apr-packages.ts";
import { aprLine, isAprVersion, PPE, PPE_VERSIONS, type AprVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { TEST_ANSWERS, TEST_QUESTIONS } from "./flows.ts";
import { sampleKey } from "./licence.ts";
import { DEFAULT_SERVICE_USER } from "./setup-wizard.ts";

export const DEFAULT_SERVICE_PASSWORD = "Lab-Service-9xQ!";

type Options = Record<string, unknown>;

const str = (o: Options, k: string): string | undefined => (typeof o[k] === "string" ? (o[k] as string) : undefined);
const bool = (o: Options, k: string): boolean | undefined => (typeof o[k] === "boolean" ? (o[k] as boolean) : undefined);
const num = (o: Options, k: string): number | undefined => (typeof o[k] === "number" ? (o[k] as number) : undefined);

const KNOWN: Record<string, readonly string[]> = {
  "apr-server": ["serviceAccount", "password", "servicePassword", "firewallException", "serverDir", "enrolled", "ppeIntegration", "licenseKey", "backupScript", "database"],
  "apr-web": ["vdir", "site", "serverIp"],
  "apr-client": ["web", "vdir", "licenseKey"],
  [PPE]: [],
};

/**
 * Puts a component on a host as its Setup would have left it: the scenario's
 * `installed:` entries. Options (all optional):
 *  apr-server: serviceAccount, password (the account's), servicePassword
 *    (what the service is configured with; another value makes it fail to
 *    log on), firewallException, serverDir, enrolled (users already
 *    enrolled), ppeIntegration, licenseKey, backupScript, database (sqlce |
 *    sqlserver);
 *  apr-web: vdir, site, serverIp (default: the local server, else empty);
 *  apr-client: web (the Web Interface's host), vdir, licenseKey.
 */
export async function seedInstalled(lab: Lab, hostName: string, component: string, version: string, options: Options): Promise<void> {
  const host = lab.host(hostName);
  for (const key of Object.keys(options)) {
    if (!(KNOWN[component] ?? []).includes(key)) {
      throw new LabError({ code: "APR_SEED_OPTION", message: `lab.hosts.${hostName}.installed.${component}: unknown option "${key}"; known: ${(KNOWN[component] ?? []).join(", ") || "none"}` });
    }
  }
  if (component === PPE) {
    if (!(PPE_VERSIONS as readonly string[]).includes(version)) throw new LabError({ code: "APR_SEED_VERSION", message: `PPE version ${version} is not modelled; known: ${PPE_VERSIONS.join(", ")}` });
    host.products.add({ productCode: `{PPE-${version}}`, name: "Password Policy Enforcer", version, arch: host.arch, installFolder: `${host.programFiles()}\\Password Policy Enforcer`, component: PPE });
    return;
  }
  if (!isAprVersion(version)) throw new LabError({ code: "APR_SEED_VERSION", message: `lab.hosts.${hostName}.installed.${component}: APR version "${version}" is not modelled` });
  const world = AprWorld.of(lab);
  switch (component) {
    case "apr-server": {
      const directory = lab.domain();
      const user = str(options, "serviceAccount") ?? DEFAULT_SERVICE_USER;
      const password = str(options, "password") ?? DEFAULT_SERVICE_PASSWORD;
      if (directory.userName(user) === undefined) {
        directory.createServiceAccount({ samAccountName: user, password, description: "Netwrix Password Reset service account" });
        directory.addToGroup("Domain Admins", user);
      }
      const serverDir = str(options, "serverDir") ?? defaultServerDir(host, version);
      const enrolled = num(options, "enrolled") ?? 0;
      if (enrolled > 0) seedDatabase(lab, hostName, version, serverDir, enrolled);
      installServer(lab, host, version, {
        serverDir,
        account: `${directory.netbiosName}\\${user}`,
        password: str(options, "servicePassword") ?? password,
        firewallException: bool(options, "firewallException") ?? true,
        ppeIntegration: bool(options, "ppeIntegration") ?? false,
        licenceKey: str(options, "licenseKey") ?? sampleKey(aprLine(version).major),
      });
      if (bool(options, "backupScript") ?? true) world.backupScripts.set(world.key(hostName), { from: serverDir, to: "C:\\APR Backup\\scheduled" });
      if (str(options, "database") === "sqlserver") world.sqlServer.set(world.key(hostName), { deniedColumns: new Set() });
      lab.clock.advance(2_000);
      if (!host.services.isRunning(SERVICE_NAME)) host.recordOwn("apr", "apr:seed.service-not-running", { lastError: host.services.get(SERVICE_NAME)?.lastError?.reason ?? "" });
      return;
    }
    case "apr-web": {
      const iis = ensureIis(lab, host, true)!;
      const spec = lab.spec.hosts.find((h) => h.name.toUpperCase() === hostName.toUpperCase());
      const localServer = spec?.installed?.["apr-server"] !== undefined;
      installWeb(lab, host, version, iis, {
        site: str(options, "site") ?? "Default Web Site",
        vdir: str(options, "vdir") ?? DEFAULT_VDIR,
        serverIp: str(options, "serverIp") ?? (localServer ? "127.0.0.1" : ""),
      });
      return;
    }
    case "apr-client": {
      const webHost = str(options, "web") ?? lab.spec.hosts.find((h) => h.installed?.["apr-web"] !== undefined)?.name;
      const vdir = str(options, "vdir") ?? DEFAULT_VDIR;
      const web = webHost ? lab.findHost(webHost) : undefined;
      installClient(host, version, {
        resetUrl: web ? `http://${web.ip}/${vdir}/reset.htm` : "",
        licenceKey: str(options, "licenseKey") ?? sampleKey(aprLine(version).major),
      });
      return;
    }
    default:
      throw new LabError({ code: "APR_SEED_COMPONENT", message: `component "${component}" is not part of Netwrix Password Reset` });
  }
}

/** Users enrolled before the scenario starts (a V2 database for 2.x), with an audit log. */
function seedDatabase(lab: Lab, hostName: string, version: AprVersion, folder: string, count: number): void {
  const host = lab.host(hostName);
  const directory = lab.domain();
  const world = AprWorld.of(lab);
  const db = new AprDatabase(aprLine(version).major >= 3 ? 3 : 2);
  const salts = world.rng.fork(`seed-db/${hostName}`);
  const now = lab.clock.epochMs + lab.clock.now();
  for (let i = 1; i <= count; i++) {
    const name = `apr.user${i}`;
    if (directory.userName(name) === undefined) directory.createUser({ samAccountName: name, password: `Seed-${i}-Hq8!vN`, description: "enrolled before the scenario" });
    db.enroll(name, TEST_QUESTIONS.map((q, j) => ({ question: q, answer: TEST_ANSWERS[j]! })), salts.bytes(16), now);
    db.audit({ at: now, user: name, event: "enroll", result: "enrolled" });
  }
  host.fs.writeFile(joinPath(folder, DB_FILE), db.serializeUsers());
  host.fs.writeFile(joinPath(folder, LOG_FILE), db.serializeLog());
  writeAprString(host, version, "DatabasePath", folder);
}

