import type { DelegatedRight } from "../../ad/index.ts";
import type { StoreEntry } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { SPR_SERVER } from "./components.ts";
import { recordInstalled, requireDirectory } from "./estate.ts";
import { SERVER_DIR, SERVER_EXE, SERVER_FIREWALL_RULE, SERVER_PORT, SERVER_SERVICE, SERVER_SERVICE_DISPLAY } from "./paths.ts";
import { writeServerConfig } from "./server-config.ts";
import { attachServerRuntime } from "./server-runtime.ts";
import { extractSetup } from "./setup-assistant.ts";
import { sprState } from "./spr-state.ts";
import { compareVersions, fileVersionOf } from "./versions.ts";

/** The management level's permissions: what the service account may do to the users below it. */
export const MANAGEMENT_RIGHTS: readonly DelegatedRight[] = ["ResetPassword", "WriteLockoutTime", "WritePwdLastSet"];

export interface ServerInstall {
  readonly version: string;
  /** As Services.msc shows it in Log On As: DOMAIN\user. */
  readonly serviceAccount: string;
  readonly password: string;
  readonly managementLevel: string;
  readonly certificate: StoreEntry;
}

/** The sAMAccountName of DOMAIN\user or user@domain. */
export function samOf(account: string): string {
  if (account.includes("\\")) return account.split("\\").pop()!;
  if (account.includes("@")) return account.split("@")[0]!;
  return account;
}

/**
 * What the Server part of the Setup Assistant does: binary and config file
 * (the certificate's thumbprint), the service running as the chosen account,
 * the firewall exception, the management level's permissions in AD, and the
 * central configuration's version stamp. Starts the service; RUNNING comes
 * after its start delay of lab time.
 */
export function installServer(lab: Lab, host: Host, install: ServerInstall): void {
  const directory = requireDirectory(lab, "The Specops Password Reset Server");
  extractSetup(host, install.version);
  host.fs.writeFile(SERVER_EXE, "MZ Specops Password Reset Server", { version: fileVersionOf(install.version) });
  const account = `${directory.netbiosName}\\${samOf(install.serviceAccount)}`;
  writeServerConfig(host.fs, {
    certificateThumbprint: install.certificate.certificate.thumbprint,
    managementLevel: install.managementLevel,
    serviceAccount: samOf(install.serviceAccount),
    version: install.version,
  });
  const existing = host.services.get(SERVER_SERVICE);
  if (existing) {
    // The setup stops the service and waits for it (stop delay, in lab time) before it reconfigures it.
    if (existing.state !== "STOPPED") {
      host.services.stop(SERVER_SERVICE, { force: true });
      lab.clock.advance(existing.config.stopDelayMs + 1);
    }
    host.services.configure(SERVER_SERVICE, { account, password: install.password, binaryPath: `"${SERVER_EXE}"` });
  } else {
    host.services.create({
      name: SERVER_SERVICE,
      displayName: SERVER_SERVICE_DISPLAY,
      binaryPath: `"${SERVER_EXE}"`,
      startType: "auto",
      account,
      password: install.password,
      ports: [{ protocol: "tcp", port: SERVER_PORT }],
    });
  }
  if (!host.firewall.rule(SERVER_FIREWALL_RULE)) host.firewall.addRule({ name: SERVER_FIREWALL_RULE, protocol: "tcp", port: SERVER_PORT, program: SERVER_EXE });
  directory.delegate(install.managementLevel, samOf(install.serviceAccount), MANAGEMENT_RIGHTS);
  sprState(lab).servicePasswords.set(samOf(install.serviceAccount).toLowerCase(), install.password);
  const central = sprState(lab).central;
  if (central.stamp === undefined || compareVersions(install.version, central.stamp) > 0) central.stamp = install.version;
  recordInstalled(host, SPR_SERVER, install.version, SERVER_DIR);
  attachServerRuntime(lab, host);
  const started = host.services.start(SERVER_SERVICE);
  // The setup waits for the service to come up (or to fail), as the Setup Assistant's progress bar does.
  if (started.ok) lab.clock.advance((host.services.get(SERVER_SERVICE)?.config.startDelayMs ?? 0) + 1);
  host.record("spr-setup", "spr:server.installed", {
    version: install.version,
    serviceAccount: account,
    managementLevel: install.managementLevel,
    thumbprint: install.certificate.certificate.thumbprint,
  });
}
