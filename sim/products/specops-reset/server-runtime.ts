import type { LabCertificate } from "../../certs/index.ts";
import type { Host } from "../../host/index.ts";
import type { Lab } from "../../lab.ts";
import { serverDirectory } from "./estate.ts";
import { HELPDESK_GROUP, SERVER_EXE, SERVER_PORT, SERVER_SERVICE } from "./paths.ts";
import { channelServerHandler, type ChannelRequest } from "./pinned-channel.ts";
import { handleServerOp } from "./reset-server.ts";
import { readServerConfig } from "./server-config.ts";
import type { ServerOp, ServerReply } from "./server-ops.ts";
import { sprState } from "./spr-state.ts";

/** Groups allowed on the Helpdesk and Reporting pages (lab inference, see spr.post.elevated-pages). */
export const ELEVATED_GROUPS = [HELPDESK_GROUP, "Domain Admins"] as const;

/**
 * Follows the Server's Windows service: while it runs, it listens on its
 * port; stopped (or never started, e.g. a logon failure), nothing listens and
 * the Web's connection is refused. Reads its config file at every request,
 * as the product reads it at start (the lab is lenient: no restart needed).
 */
export function attachServerRuntime(lab: Lab, host: Host): void {
  const state = sprState(lab);
  const key = host.name.toUpperCase();
  if (state.attached.has(key)) return;
  state.attached.add(key);
  const sync = (): void => {
    const running = host.services.isRunning(SERVER_SERVICE);
    const listener = state.listeners.get(key);
    if (running && !listener) {
      state.listeners.set(key, lab.network.listen<any, any>(host.name, SERVER_PORT, channelServerHandler<ServerOp, ServerReply>({
        presentCertificate: () => presentedCertificate(host),
        handle: (request: ChannelRequest<ServerOp>) => serve(lab, host, request),
      }), { program: SERVER_EXE }));
      host.record("spr-server", "spr:server.listening", { port: SERVER_PORT });
    } else if (!running && listener) {
      listener.close();
      state.listeners.delete(key);
      host.record("spr-server", "spr:server.stopped-listening", { port: SERVER_PORT });
    }
  };
  host.services.onStateChange((name) => {
    if (name.toLowerCase() === SERVER_SERVICE.toLowerCase()) sync();
  });
  sync();
}

function presentedCertificate(host: Host): LabCertificate | undefined {
  const config = readServerConfig(host.fs);
  if (!config || config.certificateThumbprint === "") return undefined;
  const entry = host.certs.store("LocalMachine", "My").get(config.certificateThumbprint);
  return entry?.privateKeyPem !== undefined ? entry.certificate : undefined;
}

function serve(lab: Lab, host: Host, request: ChannelRequest<ServerOp>): ServerReply {
  const config = readServerConfig(host.fs);
  const directory = lab.directory;
  if (!config || !directory) return { ok: false, code: "directory", message: "the Server has no configuration or no domain", rule: "spr.server.role" };
  return handleServerOp(
    {
      host: host.name,
      version: config.version,
      serviceAccount: config.serviceAccount,
      managementLevel: config.managementLevel,
      central: sprState(lab).central,
      directory: serverDirectory(lab, directory),
      trace: lab.trace,
      elevatedGroups: ELEVATED_GROUPS,
    },
    request.webVersion,
    request.op,
  );
}
