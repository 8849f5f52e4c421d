import type { HandlerContext, RequestHandler, WebRequest, WebResponse } from "../../iis/index.ts";
import type { Lab } from "../../lab.ts";
import { BRANDING_DIR, MOBILE_DIR } from "./paths.ts";
import { callPinned } from "./pinned-channel.ts";
import type { ServerOp, ServerReply } from "./server-ops.ts";
import { compareVersions } from "./versions.ts";
import { readWebConfig, type WebConfig } from "./web-config.ts";
import type { WebReply } from "./web-reply.ts";

/** The header the Client sends its version in when it asks for a user's enrollment status. */
export const CLIENT_VERSION_HEADER = "x-specops-client-version";

const json = (reply: WebReply): WebResponse => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(reply) });
const notFound = (what: string): WebResponse => ({ status: 404, headers: { "content-type": "text/plain" }, body: `${what} is not available here` });

/**
 * The Specops Password Reset Web: one handler for the IIS application.
 * Every page that needs the Server asks it over the pinned channel, from the
 * Web's host; the answer (or where the channel failed) goes back as JSON.
 */
export function webPages(lab: Lab): RequestHandler {
  return async (request: WebRequest, context: HandlerContext): Promise<WebResponse> => {
    const host = context.host;
    const config = readWebConfig(host.fs);
    if (!config) return { status: 500, headers: { "content-type": "text/plain" }, body: "web.config of Specops Password Reset Web is missing" };
    const path = context.applicationPath.toLowerCase().replace(/\/+$/, "") || "/";
    const form = request.form ?? {};
    const ask = (op: ServerOp) => askServer(lab, host.name, config, op);
    switch (path) {
      case "/":
        return { status: 200, headers: { "content-type": "text/html" }, body: `<html><body><img src="branding/logo.png"><h1>Specops Password Reset</h1></body></html>` };
      case "/branding/logo.png": {
        const logo = host.fs.readText(`${BRANDING_DIR}\\logo.png`);
        return logo === undefined ? notFound("the logo") : { status: 200, headers: { "content-type": "image/png" }, body: logo };
      }
      case "/enroll":
        return json(await ask({ op: "enroll", user: form["user"] ?? "", password: form["password"] ?? "", answers: answers(form), ...(form["mobile"] ? { mobile: form["mobile"] } : {}) }));
      case "/reset":
        return json(await ask({ op: "reset", user: form["user"] ?? "", answers: answers(form), newPassword: form["newPassword"] ?? "" }));
      case "/change":
        return json(await ask({ op: "change", user: form["user"] ?? "", oldPassword: form["oldPassword"] ?? "", newPassword: form["newPassword"] ?? "" }));
      case "/mobile/reset":
        if (!config.mobile || !host.fs.isDirectory(MOBILE_DIR)) return notFound("the mobile component");
        return json(await ask({ op: "mobile-reset", user: form["user"] ?? "", newPassword: form["newPassword"] ?? "" }));
      case "/client/status": {
        const clientVersion = request.headers[CLIENT_VERSION_HEADER] ?? config.version;
        if (compareVersions(clientVersion, config.version) > 0) {
          const e = lab.trace.record({ host: host.name, component: "spr-web", kind: "spr:web.client-too-new", data: { clientVersion, webVersion: config.version } });
          return json({ ok: false, where: "web", code: "client-version", message: `the Client (${clientVersion}) is newer than this Web (${config.version})`, rule: "spr.order.client-last.notification", evidence: [e.id] });
        }
        return json(await ask({ op: "status", user: form["user"] ?? "" }));
      }
      case "/helpdesk":
      case "/reporting":
        // Internal only: a Web outside the domain does not serve them.
        if (!host.joined) return notFound(`the ${path.slice(1)} page`);
        return json(await ask(path === "/helpdesk"
          ? { op: "helpdesk", actor: form["actor"] ?? "", actorPassword: form["actorPassword"] ?? "", user: form["user"] ?? "" }
          : { op: "reporting", actor: form["actor"] ?? "", actorPassword: form["actorPassword"] ?? "" }));
      default:
        return notFound(path);
    }
  };
}

function answers(form: Readonly<Record<string, string>>): string[] {
  return (form["answers"] ?? "").split("|");
}

async function askServer(lab: Lab, webHost: string, config: WebConfig, op: ServerOp): Promise<WebReply> {
  const result = await callPinned<ServerOp, ServerReply>(
    { transport: lab.network, trace: lab.trace, fromHost: webHost },
    { serverName: config.resetServer, pinned: config.pinnedThumbprint, webVersion: config.version },
    op,
  );
  if (!result.ok) {
    return {
      ok: false,
      where: "channel",
      code: result.stage === "pin" ? "pin-mismatch" : `${result.stage}:${result.reason}`,
      message: result.detail,
      evidence: result.evidence,
      ...(result.pinned !== undefined ? { pinned: result.pinned } : {}),
      ...(result.presented !== undefined ? { presented: result.presented } : {}),
    };
  }
  const reply = result.reply;
  if (reply.ok) return { ok: true, ...(reply.enrolled !== undefined ? { enrolled: reply.enrolled } : {}), ...(reply.data ? { data: reply.data } : {}) };
  const refusal = lab.trace.find((e) => e.kind === "spr:server.refused").at(-1);
  const e = lab.trace.record({ host: webHost, component: "spr-web", kind: "spr:web.server-refused", data: { op: op.op, code: reply.code } });
  return { ok: false, where: "server", code: reply.code, message: reply.message, rule: reply.rule, evidence: [...(refusal ? [refusal.id] : []), e.id] };
}
