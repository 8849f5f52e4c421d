import type { Host } from "../../host/index.ts";
import type { ClientFailure } from "../../iis/index.ts";
import type { Lab } from "../../lab.ts";
import type { FindingInput } from "../../product/index.ts";
import { SPR_SERVER } from "./components.ts";
import { installedVersion } from "./estate.ts";
import { SERVER_SERVICE } from "./paths.ts";
import { sprState } from "./spr-state.ts";
import type { WebReply } from "./web-reply.ts";

/** Why a page did not load in the browser, in the document's terms. */
export function diagnoseBrowser(lab: Lab, failure: ClientFailure, page: string, web: Host | undefined, internal: boolean): FindingInput {
  const evidence = [...(failure.traceId !== undefined ? [failure.traceId] : []), ...lastEvent(lab, "web.request.failed")];
  const where = web?.name;
  const base = { ...(where ? { host: where } : {}), component: "spr-web", evidence };
  const detail = `${page}: ${failure.stage} failure (${failure.reason}) — ${failure.detail}`;
  if (internal && web?.zone === "dmz") return { ...base, rule: "spr.dmz.no-scp", message: `Internal clients were sent to the DMZ web ${web.name} by the Service Connection Point; ${detail}` };
  const unbound = web ? sprState(lab).unboundCertificates.get(web.name) : undefined;
  if (unbound !== undefined && (failure.stage === "tls" || failure.stage === "network")) {
    return { ...base, rule: web?.zone === "dmz" ? "spr.dmz.cert-binding" : "spr.web.ssl-cert", message: `The certificate "${unbound}" could not be selected in the Setup Assistant and was never bound in IIS Manager: ${detail}` };
  }
  if (failure.stage === "tls") {
    if (failure.reason === "name-mismatch") return { ...base, rule: "spr.req.web.trusted-cert.names", message: `The browser refused the Web's certificate for the name it used: ${failure.detail}` };
    if (failure.reason === "handshake-failed") {
      return { ...base, rule: web?.zone === "dmz" ? "spr.dmz.cert-binding" : "spr.web.ssl-cert", message: `No certificate is bound to the Web's https binding: ${failure.detail}` };
    }
    return { ...base, rule: "spr.req.web.trusted-cert", message: `The browser refused the Web's certificate (${failure.reason}): ${failure.detail}` };
  }
  if (failure.stage === "http" && failure.reason === "404" && page.includes("/mobile/")) return { ...base, rule: "spr.web.mobile", message: `The mobile component does not answer on ${where ?? "the Web"}: ${detail}` };
  if (failure.stage === "http" && failure.reason === "404" && /helpdesk|reporting/.test(page)) {
    return { ...base, rule: "spr.post.elevated-pages", message: `The ${page} page is not served by ${where ?? "this Web"} (internal only): ${detail}` };
  }
  return { ...base, rule: "spr.web.role", message: `The browser did not get the Web's page ${detail}` };
}

/** Why the Web could not do what the page asked, in the document's terms. */
export function diagnoseReply(lab: Lab, reply: Extract<WebReply, { ok: false }>, web: Host | undefined, resetServer: string | undefined): FindingInput {
  const base = { ...(web ? { host: web.name } : {}), evidence: [...reply.evidence] };
  if (reply.where === "channel") {
    if (reply.code === "pin-mismatch") {
      return { ...base, component: "spr-web", rule: "spr.server.cert-same", message: `The Web refused the Server: it presents certificate ${reply.presented}, the Web pins ${reply.pinned || "(nothing)"}.` };
    }
    const server = resetServer ? lab.findHost(resetServer) : undefined;
    if (reply.code === "connect:unresolved" || !server || installedVersion(server, SPR_SERVER) === undefined) {
      return { ...base, component: "spr-web", rule: "spr.web.server-name", message: `The Reset Server "${resetServer}" the Web names is not a running Specops Password Reset Server: ${reply.message}` };
    }
    const service = server.services.get(SERVER_SERVICE);
    if (reply.code.startsWith("connect:") && service?.state !== "RUNNING" && service?.lastError?.error === 1069) {
      return { ...base, host: server.name, component: "spr-server", rule: "spr.server.service-account", message: `The Server service on ${server.name} did not start: ${service.lastError.reason}`, evidence: [...base.evidence, ...lastEvent(lab, "service.start-failed", server.name)] };
    }
    return { ...base, host: server.name, component: "spr-server", rule: "spr.server.role", message: `The Web could not talk to the Server on ${server.name}: ${reply.message}` };
  }
  return { ...base, component: reply.where === "server" ? "spr-server" : "spr-web", rule: reply.rule ?? "spr.post.flows", message: reply.message };
}

function lastEvent(lab: Lab, kind: string, host?: string): number[] {
  const e = lab.trace.find((ev) => ev.kind === kind && (host === undefined || ev.host === host)).at(-1);
  return e ? [e.id] : [];
}
