import type { Host } from "../host/index.ts";
import type { LabContext } from "../kernel/index.ts";
import { iisError } from "./iis-error.ts";
import type { PoolAuthenticator } from "./app-pool-table.ts";
import { DEFAULT_SITE_ROOT, IisServer, W3SVC } from "./iis-server.ts";
import { IIS_PROGRAM } from "./network-listener.ts";

/** The inbound rules IIS setup enables in Windows Firewall. */
export const IIS_FIREWALL_RULES = Object.freeze([
  Object.freeze({ name: "World Wide Web Services (HTTP Traffic-In)", protocol: "tcp" as const, port: 80, program: IIS_PROGRAM }),
  Object.freeze({ name: "World Wide Web Services (HTTPS Traffic-In)", protocol: "tcp" as const, port: 443, program: IIS_PROGRAM }),
]);

const SVCHOST = "C:\\Windows\\System32\\svchost.exe";

const IISSTART = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>IIS Windows Server</title></head>
<body><h1>Internet Information Services</h1></body></html>
`;

export interface InstallIisOptions {
  /** Checks custom application pool identities at worker start (the directory). */
  authenticator?: PoolAuthenticator;
}

/**
 * Installs the Web Server (IIS) role as Windows setup does: the feature, the
 * WAS and W3SVC services (started), the Windows Firewall rules for HTTP and
 * HTTPS, the Default Web Site on *:80 at C:\inetpub\wwwroot with its
 * iisstart.htm, and DefaultAppPool. On a host that already has the feature
 * (built with it) it sets up what is missing. Call it once per host; the
 * caller (the Lab) keeps the server.
 */
export function installIis(context: LabContext, host: Host, options: InstallIisOptions = {}): IisServer {
  const version = host.os.iisVersion;
  if (version === undefined) throw iisError("IIS_UNSUPPORTED_OS", `${host.os.name} cannot run IIS`);
  host.addFeature("iis");
  for (const rule of IIS_FIREWALL_RULES) if (!host.firewall.rule(rule.name)) host.firewall.addRule(rule);
  if (!host.fs.isFile(SVCHOST)) host.fs.writeFile(SVCHOST, "");
  if (!host.services.get("WAS")) {
    host.services.create({ name: "WAS", displayName: "Windows Process Activation Service", binaryPath: `${SVCHOST} -k iissvcs`, startType: "manual", account: "LocalSystem" });
  }
  if (!host.services.get(W3SVC)) {
    host.services.create({ name: W3SVC, displayName: "World Wide Web Publishing Service", binaryPath: `${SVCHOST} -k iissvcs`, startType: "auto", account: "LocalSystem", dependencies: ["WAS"] });
  }
  const iisstart = `${DEFAULT_SITE_ROOT}\\iisstart.htm`;
  if (!host.fs.isFile(iisstart)) host.fs.writeFile(iisstart, IISSTART);
  const server = new IisServer(context, host, options.authenticator ? { authenticator: options.authenticator } : {});
  host.services.start(W3SVC);
  host.recordOwn("iis", "iis.installed", { version, firewallRules: IIS_FIREWALL_RULES.map((r) => r.name) });
  return server;
}
