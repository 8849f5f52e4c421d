import type { TraceEvent } from "../../kernel/index.ts";
import { DEFAULT_DENY_RULE } from "../../net/index.ts";
import type { Lab } from "../../lab.ts";
import type { Severity } from "../../product/index.ts";
import type { AprReply } from "./apr-messages.ts";
import { installedVersion } from "./apr-install-state.ts";
import { APR_DLL, joinPath, REG_ROOT, SERVICE_NAME } from "./apr-layout.ts";
import { fileVersionOf, protocolOfFileVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import type { WebFailure } from "./web-interface.ts";
import type { WebTarget } from "./web-targets.ts";
import { APR_UDP_PORT } from "./wire-format.ts";

/** A diagnosis: the rule the mechanism's failure comes from, in words, with the trace events that show it. */
export interface Diagnosis {
  readonly rule: string;
  readonly message: string;
  readonly evidence: number[];
  readonly severity?: Severity;
}

const drops = (events: readonly TraceEvent[]) => events.filter((e) => e.kind === "net.drop");

/**
 * Why a Web Interface's request failed, read from the mechanism: the
 * exchange's failure, the network's drops between the web and the server,
 * the server's rejections and its service's state.
 */
export function diagnoseFailure(lab: Lab, target: WebTarget, failure: WebFailure, sinceId: number, exchangeId: number): Diagnosis {
  const events = lab.trace.since(sinceId);
  const web = lab.host(target.host);
  const evidence = [exchangeId];
  switch (failure.kind) {
    case "no-server": {
      const view = web.registry.view(64);
      const perVdirInUse = view.listValues(`${REG_ROOT}\\3.0`).some((v) => /^ServerIP_/i.test(v.name) && v.value.type === "REG_SZ" && v.value.data.trim() !== "");
      return perVdirInUse
        ? { rule: "apr.web.serverip-vdir", message: `The Web Interface /${target.vdir} on ${web.name} has no server address: ServerIP is cleared and there is no ServerIP_${target.vdir} value.`, evidence }
        : { rule: "apr.web.serverip", message: `The Web Interface on ${web.name} sends nowhere: ${failure.valueName} is empty.`, evidence };
    }
    case "unresolved":
      return { rule: failure.valueName === "ServerIP" ? "apr.web.serverip" : "apr.web.serverip-vdir", message: `${failure.valueName} on ${web.name} names "${failure.value}", which does not resolve: ${failure.detail}`, evidence };
    case "apr-dll-missing":
      return { rule: "apr.upgrade3.restore-custom", message: `${APR_DLL} is missing from ${target.folder} on ${web.name}.`, evidence };
    case "exchange":
      break;
  }
  if (failure.failure === "version-mismatch") {
    const rejected = events.filter((e) => e.kind === "apr:rejected" && e.data.reason === "version-mismatch").map((e) => e.id);
    const dll = web.fs.fileVersion(joinPath(target.folder, APR_DLL));
    const installed = installedVersion(web, "apr-web");
    const restoredOld = dll !== undefined && installed !== undefined && protocolOfFileVersion(dll) !== protocolOfFileVersion(fileVersionOf(installed));
    return restoredOld
      ? { rule: "apr.upgrade3.restore-custom", message: `${web.name}'s APR.dll is ${dll}, restored from the backup over the installed ${installed}: the web speaks ${failure.requestVersion}, the server ${failure.serverVersion}, which refuses it.`, evidence: [...evidence, ...rejected] }
      : { rule: "apr.upgrade.matching-versions", message: `The Web Interface on ${web.name} runs ${failure.requestVersion} and the APR Server ${failure.serverVersion}: the server refused the request as a version mismatch.`, evidence: [...evidence, ...rejected] };
  }
  if (failure.failure === "expired") {
    return { rule: "apr.server.role.wire", message: `The APR Server refused ${web.name}'s request as expired: the clocks are ${Math.round(Math.abs(failure.skewMs) / 1000)} s apart (window 30 s).`, evidence: [...evidence, ...events.filter((e) => e.kind === "apr:rejected").map((e) => e.id)] };
  }
  // A timeout: what happened to the datagrams?
  const server = failure.server;
  const towardServer = drops(events).filter((e) => String(e.data.to ?? "").startsWith(`${server}:`) && Number(e.data.port) === APR_UDP_PORT);
  const back = drops(events).filter((e) => String(e.data.from ?? "") === `${server}:${APR_UDP_PORT}`);
  const first = (list: TraceEvent[], reason: string) => list.find((e) => e.data.reason === reason);
  const perimeterIn = first(towardServer, "perimeter-rule");
  if (perimeterIn) {
    // No rule allowed it (the default deny) versus a rule that denies it on purpose.
    const missing = perimeterIn.data.rule === undefined || perimeterIn.data.rule === DEFAULT_DENY_RULE;
    return missing
      ? { rule: "apr.net.request.dmz-rule", message: `The DMZ firewall dropped the request from ${web.name} to ${server}:5100: no rule allows it (${DEFAULT_DENY_RULE}).`, evidence: [...evidence, perimeterIn.id] }
      : { rule: "apr.net.request", message: `The perimeter rule "${String(perimeterIn.data.rule)}" drops the request from ${web.name} to ${server}:5100.`, evidence: [...evidence, perimeterIn.id] };
  }
  const hostFw = first(towardServer, "host-firewall");
  if (hostFw) return { rule: "apr.setup.firewall-exception", message: `Windows Firewall on ${String(hostFw.data.toHost ?? server)} dropped the request to UDP 5100 (${String(hostFw.data.rule ?? "no exception")}).`, evidence: [...evidence, hostFw.id] };
  const noRoute = first(towardServer, "no-route");
  if (noRoute) return { rule: "apr.web.serverip", message: `${failure.valueName} on ${web.name} is ${server}, where no host is.`, evidence: [...evidence, noRoute.id] };
  const perimeterBack = first(back, "perimeter-rule");
  if (perimeterBack) {
    const missing = perimeterBack.data.rule === undefined || perimeterBack.data.rule === DEFAULT_DENY_RULE;
    return missing
      ? { rule: "apr.net.reply.dmz-rule", message: `The DMZ firewall dropped the APR Server's reply from ${server}:5100 to ${web.name}: no rule allows it (${DEFAULT_DENY_RULE}).`, evidence: [...evidence, perimeterBack.id] }
      : { rule: "apr.net.reply", message: `The perimeter rule "${String(perimeterBack.data.rule)}" drops the APR Server's reply from ${server}:5100 to ${web.name}.`, evidence: [...evidence, perimeterBack.id] };
  }
  const other = events.find((e) => e.kind === "apr:other-firewall.drop");
  if (other) return { rule: "apr.net.other-firewall", message: `A host-based firewall other than Windows Firewall on ${other.host} dropped the request to UDP 5100.`, evidence: [...evidence, other.id] };
  const noListener = first(towardServer, "no-listener");
  if (noListener) return diagnoseSilentServer(lab, String(noListener.data.toHost ?? ""), [...evidence, noListener.id]);
  const cut = towardServer.find((e) => e.data.reason === "partition");
  if (cut) return { rule: "apr.net.request", message: `${web.name} and ${server} are cut off from each other: the request never reaches UDP 5100 (${String(cut.data.detail ?? "partition")}).`, evidence: [...evidence, cut.id] };
  const lost = towardServer.concat(back).filter((e) => e.data.reason === "loss");
  if (lost.length > 0) return { rule: "apr.web.role.retransmit", message: `Every transmission between ${web.name} and ${server} was lost (${lost.length} datagrams lost).`, evidence: [...evidence, ...lost.map((e) => e.id).slice(0, 8)] };
  const auth = events.filter((e) => e.kind === "apr:rejected" && e.data.reason === "auth-failed");
  if (auth.length > 0) return { rule: "apr.server.role.wire", message: `The APR Server could not authenticate ${web.name}'s datagrams.`, evidence: [...evidence, ...auth.map((e) => e.id)] };
  return { rule: "apr.net.request", message: `No answer from ${server}:5100 to ${web.name}.`, evidence };
}

/** Nothing listens on UDP 5100: why is the APR service not running? */
function diagnoseSilentServer(lab: Lab, hostName: string, evidence: number[]): Diagnosis {
  const host = lab.findHost(hostName);
  if (!host || !installedVersion(host, "apr-server")) {
    return { rule: "apr.web.serverip", message: `ServerIP names ${hostName}, which runs no Password Reset Server.`, evidence };
  }
  const status = host.services.get(SERVICE_NAME);
  const failed = lab.trace.events.filter((e) => e.host === host.name && (e.kind === "service.start-failed" || e.kind === "service.crashed") && e.data.service === SERVICE_NAME).at(-1);
  const why = [...evidence, ...(failed ? [failed.id] : [])];
  const error = status?.lastError?.error;
  if (error === 1069) {
    return { rule: "apr.setup.service-account.logon", message: `The Netwrix Password Reset service on ${host.name} cannot log on as ${status?.config.account}: ${status?.lastError?.reason}`, evidence: why };
  }
  if (host.pendingReboot.some((p) => p.includes("Password Reset"))) {
    return { rule: "apr.upgrade.restart", message: `The upgrade on ${host.name} replaces files in use at the next restart; until then the service cannot start (${status?.lastError?.reason ?? "not running"}).`, evidence: why };
  }
  const sqlce = lab.trace.events.filter((e) => e.host === host.name && e.kind === "apr:server.sqlce-missing").at(-1);
  if (sqlce) return { rule: "apr.server.sqlce", message: `SQL Server Compact is missing on ${host.name}: the service stopped right after starting.`, evidence: [...why, sqlce.id] };
  return { rule: "apr.server.role", message: `The Netwrix Password Reset service on ${host.name} is ${status?.state ?? "not installed"}${status?.lastError ? ` (${status.lastError.reason})` : ""}.`, evidence: why };
}

/** Why the server answered "no": only the answers that mean the estate is wrong get a rule here. */
export function diagnoseReply(lab: Lab, target: WebTarget, reply: Extract<AprReply, { ok: false }>, exchangeId: number): Diagnosis {
  const evidence = [exchangeId];
  switch (reply.code) {
    case "DATABASE_UNAVAILABLE": {
      const world = AprWorld.of(lab);
      const listening = lab.trace.events.filter((e) => e.kind === "apr:server.listening" && e.data.databaseOk === false).at(-1);
      const why = [...evidence, ...(listening ? [listening.id] : [])];
      const host = listening?.host ?? "";
      if (String(listening?.data.databaseError ?? "").includes("must import") || world.v2Baseline.size > 0 && !String(listening?.data.databaseError ?? "").includes("not found")) {
        return { rule: "apr.upgrade2.imported", message: `The APR Server on ${host} cannot use its database: ${String(listening?.data.databaseError ?? reply.message)}`, evidence: why };
      }
      return { rule: "apr.db.move.repoint", message: `The APR Server on ${host} reads its database from a folder without it: ${String(listening?.data.databaseError ?? reply.message)}`, evidence: why };
    }
    case "LICENCE_EXPIRED":
      return { rule: "apr.upgrade2.license", severity: "broken", message: `The APR Server behind ${target.host} refuses requests: its evaluation licence expired (no V3 licence key installed).`, evidence };
    case "DIRECTORY_ERROR":
      if (reply.directory?.code === "INSUFFICIENT_RIGHTS") {
        return { rule: "apr.setup.service-account.rights", message: `Active Directory refused the reset (LDAP 50, INSUFFICIENT_RIGHTS): the service account lacks the permission. The user saw: "${reply.message}"`, evidence };
      }
      return { rule: "apr.server.role", message: `Active Directory refused (${reply.directory?.code}): "${reply.message}"`, evidence };
    case "LOCKED_OUT":
      return { rule: "apr.server.role.lockout", message: reply.message, evidence };
    default:
      return { rule: "apr.server.role", message: `The APR Server answered ${reply.code}: "${reply.message}"`, evidence };
  }
}
