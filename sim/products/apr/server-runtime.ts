import type { Host } from "../../host/index.ts";
import type { Rng } from "../../kernel/index.ts";
import type { Lab } from "../../lab.ts";
import { AprDatabase, DB_FILE, LOG_FILE } from "./apr-database.ts";
import { installedVersion, readAprDword, readAprString } from "./apr-install-state.ts";
import { joinPath, SERVICE_EXE, SERVICE_NAME, SQLCE_DLL, sqlCeDir } from "./apr-layout.ts";
import { aprLine, fileVersionOf, protocolOfFileVersion, versionOfProtocol } from "./apr-versions.ts";
import { AprWorld, type ServerRuntime } from "./apr-world.ts";
import type { DatagramPort } from "./apr-requester.ts";
import { directoryPort } from "./directory-adapter.ts";
import { EVALUATION_MS, licensesMajor } from "./licence.ts";
import { noncePrefix } from "./request-ids.ts";
import { serveDatagrams } from "./serve-datagrams.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
import { APR_UDP_PORT, counterNonces } from "./wire-format.ts";

const SERVICE_KEY = SERVICE_NAME.toLowerCase();

/** Lab time as the host's clock shows it, in ms since 1970 (a skewed host is off by its skew). */
export function hostNow(lab: Lab, host: string): number {
  return lab.clock.epochMs + lab.clock.now() + (AprWorld.of(lab).clockSkewMs.get(host.toUpperCase()) ?? 0);
}

/**
 * Makes the APR service do what it does when Windows starts it: load SQL
 * Server Compact and the database, and listen on UDP 5100; and stop doing
 * so when it stops. Attached once per host.
 */
export function attachServerRuntime(lab: Lab, host: Host): void {
  const world = AprWorld.of(lab);
  const key = world.key(host.name);
  if (world.attached.has(key)) return;
  world.attached.add(key);
  host.services.onStateChange((name, state) => {
    // Every service of the host reports here: most are told apart by their length, without lower-casing.
    if (name.length !== SERVICE_NAME.length || name.toLowerCase() !== SERVICE_KEY) return;
    if (state === "RUNNING") startServer(lab, host);
    if (state === "STOPPED" || state === "STOP_PENDING") stopServer(lab, host);
  });
  // A restart ends every process: an open Data Console too.
  host.onRestart(() => void world.consoles.delete(key));
  if (host.services.isRunning(SERVICE_NAME)) startServer(lab, host);
}

export function stopServer(lab: Lab, host: Host): void {
  const world = AprWorld.of(lab);
  const runtime = world.servers.get(world.key(host.name));
  if (!runtime) return;
  runtime.close();
  world.servers.delete(world.key(host.name));
  host.recordOwn("apr", "apr:server.stopped", { database: runtime.databaseFolder });
}

function startServer(lab: Lab, host: Host): void {
  const world = AprWorld.of(lab);
  if (world.servers.has(world.key(host.name))) return;
  const version = installedVersion(host, "apr-server");
  if (!version) {
    die(lab, host, "the Password Reset Server is not installed");
    return;
  }
  if (!host.fs.isFile(joinPath(sqlCeDir(host, version), SQLCE_DLL))) {
    host.recordOwn("apr", "apr:server.sqlce-missing", { folder: sqlCeDir(host, version) });
    die(lab, host, "SQL Server Compact is not installed: the database cannot be opened");
    return;
  }
  const serverDir = readAprString(host, version, "InstallDir") ?? "";
  const exeVersion = host.fs.fileVersion(joinPath(serverDir, SERVICE_EXE)) ?? fileVersionOf(version);
  const databaseFolder = readAprString(host, version, "DatabasePath") ?? serverDir;
  const loaded = loadDatabase(host, databaseFolder, aprLine(version).major);
  const account = host.services.get(SERVICE_NAME)?.config.account ?? "LocalSystem";
  const installedAt = Number(readAprString(host, version, "InstallTime") ?? "0");
  const licenceKey = readAprString(host, version, "LicenseKey");
  const licensed = licensesMajor(licenceKey, aprLine(version).major);
  const state = new AprServerState({
    config: {
      ...DEFAULT_SERVER_CONFIG,
      protocol: protocolOfFileVersion(exeVersion),
      serviceAccount: account,
      ...(licensed ? {} : { licenceExpiresAt: installedAt + EVALUATION_MS }),
    },
    ...(loaded.db ? { db: loaded.db } : {}),
    ...(loaded.error ? { dbError: loaded.error } : {}),
    nonces: counterNonces(noncePrefix(world.rng.fork(`server/${host.name}/${lab.clock.now()}`), "server")),
    // A new process has an empty dedup cache: what was stamped before it started may be a replay.
    startedAt: hostNow(lab, host.name),
  });
  const socket = lab.network.datagrams().bindNow(host.name, APR_UDP_PORT, { program: joinPath(serverDir, SERVICE_EXE) });
  // Forked on the first enrolment, not at every start: a fork consumes nothing, so when it is made changes no number.
  let salts: Rng | undefined;
  const filtered = otherFirewallFilter(lab, host, socket);
  // Methods rather than arrow properties: tsx names every arrow held by a property (a defineProperty each) at every start.
  serveDatagrams(filtered, state, {
    now() {
      return hostNow(lab, host.name);
    },
    directory: directoryPort(lab.directory),
    salt() {
      return (salts ??= world.rng.fork(`salt/${host.name}`)).bytes(16);
    },
    record(kind, data) {
      host.record("apr", kind, data);
    },
    onDatabaseChange() {
      saveDatabase(host, databaseFolder, state);
    },
  });
  const runtime: ServerRuntime = {
    host: host.name,
    state,
    databaseFolder,
    close() {
      socket.close();
    },
  };
  world.servers.set(world.key(host.name), runtime);
  host.recordOwn("apr", "apr:server.listening", {
    port: APR_UDP_PORT,
    version: versionOfProtocol(state.config.protocol),
    database: databaseFolder,
    databaseOk: loaded.db !== undefined,
    ...(loaded.error ? { databaseError: loaded.error } : {}),
    licensed,
    ppeIntegration: readAprDword(host, version, "PPEIntegration") === 1,
  });
}

/** The process dies right after it started: after the SCM's own state change, not inside it. */
function die(lab: Lab, host: Host, reason: string): void {
  lab.clock.schedule(0, () => host.services.crash(SERVICE_NAME, reason), "apr.service dies");
}

/** The database as the server finds it: a 3.x server cannot read a V2 file that Setup did not import. */
export function loadDatabase(host: Host, folder: string, major: number): { db?: AprDatabase; error?: string } {
  const users = host.fs.readText(joinPath(folder, DB_FILE));
  if (users === undefined) return { error: `${DB_FILE} was not found in ${folder}` };
  try {
    const db = AprDatabase.parse(users, host.fs.readText(joinPath(folder, LOG_FILE)));
    if (db.format !== major) return { error: `${DB_FILE} in ${folder} is a V${db.format} database; Setup must import it` };
    return { db };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function saveDatabase(host: Host, folder: string, state: AprServerState): void {
  if (!state.db) return;
  host.fs.writeFile(joinPath(folder, DB_FILE), state.db.serializeUsers());
  host.fs.writeFile(joinPath(folder, LOG_FILE), state.db.serializeLog());
}

/**
 * A third-party host firewall (a product fault): it sits in front of the
 * server's socket and drops what reaches UDP 5100 until the port is opened
 * in it. Windows Firewall is the network's business; this one is APR's.
 */
function otherFirewallFilter(lab: Lab, host: Host, socket: DatagramPort): DatagramPort {
  const world = AprWorld.of(lab);
  // Methods, not arrow properties: see serveDatagrams' deps above.
  return {
    send(to, payload) {
      socket.send(to, payload);
    },
    close() {
      socket.close();
    },
    onMessage(handler) {
      socket.onMessage((datagram) => {
        const fw = world.otherFirewalls.get(world.key(host.name));
        if (fw && !fw.open) {
          host.recordOwn("apr", "apr:other-firewall.drop", { from: `${datagram.from.address}:${datagram.from.port}`, port: APR_UDP_PORT });
          return;
        }
        handler(datagram);
      });
    },
  };
}
