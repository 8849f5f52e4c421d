import type { LabCertificate } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import type { SpsState, SyncServerRuntime } from "./sps-state.ts";
import { fileVersionOf, productCodeOf, protocolOf, serverAccepts, SPS_COMPONENT_NAMES, SPS_SERVER } from "./versions.ts";

/** The lab's port for notifier-to-Sync Server TLS (the document gives none). */
export const SYNC_PORT = 5000;
export const SYNC_SERVICE = "SpecopsPasswordSyncServer";
export const SYNC_FOLDER = "C:\\Program Files\\Specopssoft\\Specops Password Sync\\Sync Server";
export const SYNC_EXE = `${SYNC_FOLDER}\\Specopssoft.PasswordSync.SyncServer.exe`;
export const SYNC_CONFIG = `${SYNC_FOLDER}\\SyncServer.config`;
export const SYNC_SCP_NAME = "Specops Password Sync Server";
export const SYNC_SCP_KEYWORD = "SpecopsPasswordSyncServer";
export const SYNC_FIREWALL_RULE = "Specops Password Sync Server (TCP-In)";

export function providerDll(provider: string): string {
  return `${SYNC_FOLDER}\\Providers\\${provider}.dll`;
}

/** The name notifiers connect to and the certificate must cover. */
export function serverFqdn(host: Host): string {
  return host.domain ? `${host.name.toLowerCase()}.${host.domain}` : host.name.toLowerCase();
}

/** What the notifier sends and the server answers on the lab's wire (objects on the simulated stream). */
export type SyncRequest =
  | { readonly type: "hello"; readonly serverName: string }
  | { readonly type: "change"; readonly protocol: 1 | 2; readonly notifierVersion: string; readonly changeId: string; readonly user: string };

export type SyncResponse =
  | { readonly type: "server-hello"; readonly certificate: LabCertificate | undefined; readonly version: string }
  | { readonly type: "accepted"; readonly protocol: 1 | 2 }
  | { readonly type: "refused"; readonly reason: "protocol"; readonly detail: string };

export interface SyncServerInstall {
  readonly version: string;
  readonly certificateThumbprint: string;
  readonly providers: readonly string[];
}

/**
 * Installs (or upgrades in place) the Sync Server: binaries, providers chosen
 * at setup, config naming the certificate, the service, its firewall
 * exception, and its Service Connection Point (members only: a computer
 * without an account in the domain has nowhere to publish it).
 */
export function installSyncServer(lab: Lab, state: SpsState, host: Host, install: SyncServerInstall): SyncServerRuntime {
  const existing = host.products.byComponent(SPS_SERVER);
  if (existing) host.products.remove(existing.productCode);
  stopAndWait(lab, host);
  host.fs.writeFile(SYNC_EXE, "Specops Password Sync Server", { version: fileVersionOf(install.version), size: 2_400_000 });
  if (host.fs.isDirectory(`${SYNC_FOLDER}\\Providers`)) host.fs.delete(`${SYNC_FOLDER}\\Providers`, { recursive: true });
  for (const p of install.providers) host.fs.writeFile(providerDll(p), `provider ${p}`, { version: fileVersionOf(install.version), size: 120_000 });
  host.fs.writeFile(SYNC_CONFIG, configXml(install));
  const config = { name: SYNC_SERVICE, displayName: SPS_COMPONENT_NAMES[SPS_SERVER], binaryPath: `"${SYNC_EXE}"`, startType: "auto" as const, account: "LocalSystem", ports: [{ protocol: "tcp" as const, port: SYNC_PORT }], startDelayMs: 2_000 };
  if (host.services.get(SYNC_SERVICE)) host.services.configure(SYNC_SERVICE, config);
  else host.services.create(config);
  host.firewall.addRule({ name: SYNC_FIREWALL_RULE, protocol: "tcp", port: SYNC_PORT, program: SYNC_EXE });
  host.products.add({
    productCode: productCodeOf(SPS_SERVER, install.version, host.arch),
    name: SPS_COMPONENT_NAMES[SPS_SERVER],
    version: install.version,
    arch: host.arch,
    installFolder: SYNC_FOLDER,
    publisher: "Specopssoft",
    component: SPS_SERVER,
  });
  const key = host.name.toUpperCase();
  let runtime = state.servers.get(key);
  if (runtime) {
    runtime.version = install.version;
    runtime.certificateThumbprint = install.certificateThumbprint;
    runtime.providers = [...install.providers];
  } else {
    runtime = { host: host.name, version: install.version, certificateThumbprint: install.certificateThumbprint, providers: [...install.providers], closeListener: undefined };
    state.servers.set(key, runtime);
  }
  state.capacity.addServer(host.name);
  publishScp(lab, host);
  wireSyncServer(lab, state, host);
  host.record("sps-server", "sync-server.installed", { version: install.version, certificate: install.certificateThumbprint, providers: [...install.providers], arch: host.arch });
  host.services.start(SYNC_SERVICE);
  return runtime;
}

export function uninstallSyncServer(lab: Lab, state: SpsState, host: Host): boolean {
  const row = host.products.byComponent(SPS_SERVER);
  if (!row) return false;
  if (host.services.get(SYNC_SERVICE)) {
    stopAndWait(lab, host);
    host.services.delete(SYNC_SERVICE);
  }
  host.fs.delete(SYNC_FOLDER, { recursive: true });
  host.firewall.removeRule(SYNC_FIREWALL_RULE);
  host.products.remove(row.productCode);
  if (lab.directory && host.joined) lab.directory.removeServiceConnectionPoint(host.name, SYNC_SCP_NAME);
  const runtime = state.servers.get(host.name.toUpperCase());
  runtime?.closeListener?.();
  state.servers.delete(host.name.toUpperCase());
  state.capacity.removeServer(host.name);
  host.record("sps-server", "sync-server.uninstalled", { version: row.version });
  return true;
}

/** Windows Installer stops the service and waits for it before replacing its files. */
function stopAndWait(lab: Lab, host: Host): void {
  const status = host.services.get(SYNC_SERVICE);
  if (!status || status.state === "STOPPED") return;
  if (status.state !== "STOP_PENDING") host.services.stop(SYNC_SERVICE, { force: true });
  const until = host.services.get(SYNC_SERVICE)?.pendingUntil;
  if (until !== undefined && until > lab.clock.now()) lab.clock.advance(until - lab.clock.now());
}

/** Providers whose DLL is on disk: a deselected provider was never written. */
export function installedProviders(host: Host, runtime: SyncServerRuntime): string[] {
  return runtime.providers.filter((p) => host.fs.isFile(providerDll(p)));
}

export function publishScp(lab: Lab, host: Host): boolean {
  if (!lab.directory || !host.joined) {
    host.record("sps-server", "scp.not-published", { reason: `${host.name} is not a domain member: it has no computer account to publish a Service Connection Point under` });
    return false;
  }
  lab.directory.publishServiceConnectionPoint(host.name, {
    name: SYNC_SCP_NAME,
    keywords: [SYNC_SCP_KEYWORD],
    serviceBindingInformation: [`${serverFqdn(host)}:${SYNC_PORT}`],
  });
  return true;
}

/**
 * Ties the network listener to the service's state: it listens while the
 * service runs. A service without .NET 4 dies as it starts (the CLR cannot
 * load), so it never listens.
 */
export function wireSyncServer(lab: Lab, state: SpsState, host: Host): void {
  const key = `server:${host.name.toUpperCase()}`;
  if (state.wired.has(key)) return;
  state.wired.add(key);
  host.services.onStateChange((name, serviceState) => {
    if (name.toLowerCase() !== SYNC_SERVICE.toLowerCase()) return;
    const runtime = state.servers.get(host.name.toUpperCase());
    if (!runtime) return;
    if (serviceState === "RUNNING") {
      if (!host.hasFeature("dotnet-4.0")) {
        host.services.crash(SYNC_SERVICE, "The .NET Framework 4.0 runtime could not be loaded (CLR not installed).");
        return;
      }
      if (!runtime.closeListener) {
        const listener = lab.network.listen<SyncRequest, SyncResponse>(host.name, SYNC_PORT, (request) => handleSyncRequest(host, runtime, request), { program: SYNC_EXE });
        runtime.closeListener = () => {
          listener.close();
          runtime.closeListener = undefined;
        };
        host.record("sps-server", "sync-server.listening", { port: SYNC_PORT });
      }
    } else if (serviceState === "STOPPED") {
      runtime.closeListener?.();
    }
  });
}

/** The server's side of the wire: present the selected certificate; accept a change in a protocol it speaks. */
export function handleSyncRequest(host: Host, runtime: SyncServerRuntime, request: SyncRequest): SyncResponse {
  if (request.type === "hello") {
    const entry = host.certs.store("LocalMachine", "My").get(runtime.certificateThumbprint);
    return { type: "server-hello", certificate: entry?.certificate, version: runtime.version };
  }
  if (!serverAccepts(runtime.version, request.notifierVersion) || (protocolOf(runtime.version) === 2 && request.protocol !== 2)) {
    const detail = `Sync Server ${runtime.version} speaks protocol ${protocolOf(runtime.version)}; the notifier ${request.notifierVersion} sent protocol ${request.protocol}`;
    host.record("sps-server", "sync.protocol-refused", { changeId: request.changeId, notifierVersion: request.notifierVersion, serverVersion: runtime.version, protocol: request.protocol });
    return { type: "refused", reason: "protocol", detail };
  }
  return { type: "accepted", protocol: request.protocol };
}

function configXml(install: SyncServerInstall): string {
  const providers = install.providers.map((p) => `      <provider name="${p}" />`).join("\n");
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<configuration>`,
    `  <syncServer version="${install.version}" port="${SYNC_PORT}" certificateThumbprint="${install.certificateThumbprint}">`,
    `    <providers>`,
    providers,
    `    </providers>`,
    `  </syncServer>`,
    `</configuration>`,
    ``,
  ].join("\n");
}
