import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { Severity } from "../../product/index.ts";
import { configVersion, installedVersion, readAprDword } from "./apr-install-state.ts";
import { SERVICE_NAME } from "./apr-layout.ts";
import { aprLine, compareAprVersions, PPE, type AprVersion } from "./apr-versions.ts";

/** One thing Setup found: the rule, and what it says about this host. */
export interface SetupIssue {
  readonly rule: string;
  readonly message: string;
  readonly severity?: Severity;
}

export interface SetupRequest {
  readonly host: Host;
  readonly components: readonly ("apr-server" | "apr-web")[];
  readonly version: AprVersion;
  readonly installIis: boolean;
  readonly serverDir: string;
  readonly serviceAccount?: { readonly user: string; readonly domain?: string; readonly password?: string };
  readonly ppeIntegration?: boolean;
  readonly site?: string;
}

export interface PrerequisiteReport {
  readonly blockers: SetupIssue[];
  readonly warnings: SetupIssue[];
  /** Rules evaluated that did not fire. */
  readonly checked: string[];
}

const MB = 20;

/**
 * What APR323.exe checks before it changes anything, read from the estate:
 * OS and architecture, disk, RAM, IIS for the Web Interface, the server's
 * place in the domain, the service account, PPE. A blocker stops Setup.
 */
export function checkPrerequisites(lab: Lab, request: SetupRequest): PrerequisiteReport {
  const { host, version } = request;
  const blockers: SetupIssue[] = [];
  const warnings: SetupIssue[] = [];
  const checked: string[] = [];
  const check = (rule: string, problem: SetupIssue | undefined, into: SetupIssue[] = blockers): void => {
    if (problem) into.push(problem);
    else checked.push(rule);
  };
  const os = host.os;
  const wantsServer = request.components.includes("apr-server");
  const wantsWeb = request.components.includes("apr-web");

  const is2003 = os.id === "windows-server-2003" || os.id === "windows-server-2003-r2";
  check("apr.upgrade2.no-2003", is2003 && aprLine(version).major >= 3 ? { rule: "apr.upgrade2.no-2003", message: `${host.name} runs ${os.name}: APR ${version} server components are not supported on Windows 2003.` } : undefined);
  if (!is2003) {
    if (os.kind !== "server" || os.rank < 20) {
      check("apr.req.os", { rule: "apr.req.os", message: `${host.name} runs ${os.name}; the APR Server and Web Interface need Windows Server 2008 to 2019.` });
    } else if (os.rank > 41) {
      check("apr.req.os", { rule: "apr.req.os", severity: "warning", message: `${host.name} runs ${os.name}, which the document (2008 to 2019) does not list.` }, warnings);
    } else {
      checked.push("apr.req.os");
    }
  }
  check("apr.req.x64", aprLine(version).x64Only && !host.is64Bit ? { rule: "apr.req.x64", message: `${host.name} runs 32-bit Windows; APR ${version} has no 32-bit APR Server or Web Interface.` } : undefined);
  const drive = /^([A-Za-z]):/.exec(request.serverDir)?.[1]?.toUpperCase() ?? "C";
  const drives = host.fs.drives().map((d) => d.letter.replace(":", "").toUpperCase());
  if (wantsServer) {
    check("apr.setup.serverdir", drives.includes(drive) ? undefined : { rule: "apr.setup.serverdir", message: `SERVERDIR ${request.serverDir} is on drive ${drive}:, which ${host.name} does not have.` });
  }
  const freeMb = drives.includes(drive) ? host.freeDiskMb(drive) : host.freeDiskMb("C");
  check("apr.req.disk", freeMb < MB ? { rule: "apr.req.disk", message: `${host.name} has ${freeMb} MB free on ${drive}:; Setup needs 20 MB.` } : undefined);
  check("apr.req.ram", host.ramFreeMb < MB ? { rule: "apr.req.ram", message: `${host.name} has ${host.ramFreeMb} MB of free RAM; Password Reset needs 20 MB.` } : undefined);

  if (wantsWeb) {
    const iis = host.iisVersion();
    const canOffer = host.os.iisVersion !== undefined && host.os.iisVersion >= 7;
    if (iis !== undefined && iis < 7) check("apr.req.iis7", { rule: "apr.req.iis7", message: `${host.name} has IIS ${iis}; the Web Interface needs IIS 7 or later.` });
    else if (iis === undefined && !(request.installIis && canOffer)) {
      check("apr.req.iis7", { rule: "apr.req.iis7", message: canOffer ? `${host.name} has no IIS and Setup was told not to install it.` : `${host.name} cannot run IIS 7 or later.` });
    } else checked.push("apr.req.iis7");
    const iisServer = lab.iis(host.name);
    const site = request.site ?? "Default Web Site";
    if (iisServer && !iisServer.site(site)) check("apr.setup.site-vdir", { rule: "apr.setup.site-vdir", message: `IIS on ${host.name} has no web site "${site}".` });
  }

  if (wantsServer) {
    const joined = host.joined || host.isDomainController;
    check("apr.server.placement", joined && lab.directory ? undefined : { rule: "apr.server.placement", message: `${host.name} is neither a member server nor a domain controller of the domain.` });
    const existingServer = installedVersion(host, "apr-server");
    const upgrading = existingServer !== undefined && compareAprVersions(existingServer, version) < 0;
    const account: { user: string; password?: string } | undefined = request.serviceAccount ?? (upgrading ? accountOfService(host) : undefined);
    if (upgrading) {
      const password = request.serviceAccount?.password;
      const ok = password !== undefined && account !== undefined && lab.directory?.checkPassword(account.user, password).ok === true;
      check("apr.upgrade3.service-password", ok ? undefined : {
        rule: "apr.upgrade3.service-password",
        message: password === undefined ? `Setup needs the password of the service account ${account?.user ?? "(unknown)"} to upgrade ${host.name}.` : `The password given for the service account ${account?.user} is wrong.`,
      });
    } else if (account && lab.directory?.user(account.user)) {
      const ok = account.password !== undefined && lab.directory.checkPassword(account.user, account.password).ok;
      check("apr.setup.service-account", ok ? undefined : { rule: "apr.setup.service-account", message: `The service account ${account.user} exists and the password given does not match it.` });
    } else {
      check("apr.setup.service-account", account?.password === undefined && account !== undefined ? { rule: "apr.setup.service-account", message: `A password is needed to create the service account ${account.user}.` } : undefined);
    }
  }

  const existing = configVersion(host);
  const ppeOn = request.ppeIntegration ?? (existing ? readAprDword(host, existing, "PPEIntegration") === 1 : false);
  if (ppeOn) {
    const old = lab.hosts().map((h) => ({ host: h.name, version: h.products.byComponent(PPE)?.version })).filter((p) => p.version !== undefined && compareAprVersions(p.version, "7.0") < 0);
    check("apr.upgrade2.ppe", old.length > 0 ? { rule: "apr.upgrade2.ppe", message: `PPE integration is on and Password Policy Enforcer ${old.map((o) => `${o.version} on ${o.host}`).join(", ")} is older than 7.0.` } : undefined);
  } else {
    checked.push("apr.upgrade2.ppe");
  }
  return { blockers, warnings, checked };
}

/** The account the installed service logs on as, split as Setup's fields show it. */
export function accountOfService(host: Host): { user: string; domain?: string } | undefined {
  const account = host.services.get(SERVICE_NAME)?.config.account;
  if (!account) return undefined;
  const slash = account.indexOf("\\");
  return slash >= 0 ? { domain: account.slice(0, slash), user: account.slice(slash + 1) } : { user: account.split("@")[0]! };
}
