import type { Host } from "../../host/index.ts";
import type { HandlerContext, RequestHandler, WebRequest, WebResponse } from "../../iis/index.ts";
import type { Lab } from "../../lab.ts";
import type { BindOptions, DatagramSocket } from "../../net/index.ts";
import type { AprReply, AprRequest } from "./apr-messages.ts";
import { AprRequester, type ExchangeOutcome, type ReplyTimers } from "./apr-requester.ts";
import { APR_DLL, joinPath, REG_ROOT } from "./apr-layout.ts";
import { protocolOfFileVersion } from "./apr-versions.ts";
import { AprWorld } from "./apr-world.ts";
import { formToRequest } from "./web-form-request.ts";
import { clockTimers } from "./reply-timers.ts";
import { noncePrefix, requestIdSource } from "./request-ids.ts";
import { hostNow } from "./server-runtime.ts";
import { memoPure } from "../../kernel/index.ts";
import { APR_UDP_PORT, counterNonces, WireCodec } from "./wire-format.ts";

/** Why the Web Interface could not get an answer, as the diagnosis needs it. */
export type WebFailure =
  | { readonly kind: "no-server"; readonly detail: string; readonly value: string; readonly valueName: string }
  | { readonly kind: "unresolved"; readonly detail: string; readonly value: string; readonly valueName: string }
  | { readonly kind: "apr-dll-missing"; readonly detail: string }
  | ({ readonly kind: "exchange"; readonly server: string; readonly valueName: string } & Extract<ExchangeOutcome, { ok: false }>);

/** The header the pages carry with the outcome, as a test script reads a page (never a secret). */
export const RESULT_HEADER = "x-apr-result";
export const TRACE_HEADER = "x-apr-trace";
/** The directory's own error code when AD refused (for the administrator; never a secret). */
export const DIRECTORY_HEADER = "x-apr-directory";

/** A datagram transport that binds at once, as page code needs: the lab's simulated network, or a real front's sockets. */
export interface WebDatagramTransport {
  bindNow(host: string, port: number, options?: BindOptions): DatagramSocket;
}

/**
 * How the Web Interface reaches its APR Server. By default over the lab's
 * simulated network, waiting on the lab clock (whoever awaits the page
 * drives it). A real front (a browser over real HTTPS) gives real sockets
 * and host-time timers instead: nobody drives the lab clock there, and the
 * lab's UDP does not leave the process. Everything else (ServerIP, name
 * resolution, the freshness timestamps, the trace) stays the lab's.
 */
export interface WebInterfaceOptions {
  readonly transport?: WebDatagramTransport;
  readonly timers?: ReplyTimers;
}

/**
 * Where the Web Interface of a virtual directory sends: ServerIP_<vdir> when
 * it has data, else ServerIP; read at every request, through the registry
 * view of APR.dll's bitness (2.x is a 32-bit program). Empty sends nowhere.
 */
export function serverAddressFor(host: Host, vdir: string, dllMajor: number): { value: string; valueName: string } {
  const view = host.registry.view(dllMajor >= 3 ? 64 : 32);
  const key = dllMajor >= 3 ? SERVER_KEY_3 : SERVER_KEY_2;
  const perVdir = readText(view, key, `ServerIP_${vdir}`);
  if (perVdir) return { value: perVdir, valueName: `ServerIP_${vdir}` };
  return { value: readText(view, key, "ServerIP"), valueName: "ServerIP" };
}

const SERVER_KEY_3 = `${REG_ROOT}\\3.0`;
const SERVER_KEY_2 = `${REG_ROOT}\\2.0`;

function readText(view: ReturnType<Host["registry"]["view"]>, key: string, name: string): string {
  const v = view.getValue(key, name);
  return v && (v.type === "REG_SZ" || v.type === "REG_EXPAND_SZ") ? v.data.trim() : "";
}

/**
 * One request of the Web Interface to its APR Server: APR.dll's version is
 * the protocol spoken, ServerIP the destination, a fresh socket (any port)
 * the source. Resolves once the server answers or the retransmissions give
 * up; on the simulated network whoever awaits drives the lab clock.
 */
export async function exchangeWithServer(lab: Lab, host: Host, webRoot: string, vdir: string, request: AprRequest, options: WebInterfaceOptions = {}): Promise<{ ok: true; reply: AprReply; traceId: number } | { ok: false; failure: WebFailure; traceId: number }> {
  const world = AprWorld.of(lab);
  const dllVersion = host.fs.fileVersion(joinPath(webRoot, APR_DLL));
  const sinceId = lab.trace.length;
  const log: ExchangeLog = { world, host, key: `${host.name.toUpperCase()}|${vdir.toLowerCase()}`, sinceId, vdir, request, failure: undefined };
  if (!dllVersion) {
    const failure: WebFailure = { kind: "apr-dll-missing", detail: `${APR_DLL} was not found in ${webRoot}` };
    log.failure = failure;
    return { ok: false, failure, traceId: record(log, { result: "apr-dll-missing" }) };
  }
  const protocol = protocolOfDll(dllVersion);
  const target = serverAddressFor(host, vdir, Math.floor(protocol / 100));
  if (!target.value) {
    const failure: WebFailure = { kind: "no-server", detail: `${target.valueName} is empty: the Web Interface has no Password Reset Server to send to`, ...target };
    log.failure = failure;
    return { ok: false, failure, traceId: record(log, { result: "no-server", valueName: target.valueName }) };
  }
  const literal = target.value === "127.0.0.1" || target.value.toLowerCase() === "localhost" ? host.ip : target.value;
  const resolved = lab.network.resolve(host.name, literal);
  if (!resolved.ok) {
    const failure: WebFailure = { kind: "unresolved", detail: resolved.detail, ...target };
    log.failure = failure;
    return { ok: false, failure, traceId: record(log, { result: "unresolved", valueName: target.valueName, server: target.value }) };
  }
  const rng = world.rng.fork(`web/${host.name}/${lab.clock.now()}/${lab.trace.length}`);
  const socket = (options.transport ?? lab.network.datagrams()).bindNow(host.name, 0, { program: "w3wp.exe" });
  const requester = new AprRequester(socket, options.timers ?? clockTimers(lab.clock), {
    protocol,
    codec: new WireCodec(counterNonces(noncePrefix(rng, "web"))),
    requestIds: requestIdSource(rng),
    now: hostClock(lab, host.name),
  });
  const started = record(log, { result: "sent", server: `${resolved.address}:${APR_UDP_PORT}`, from: socket.local.port, protocol });
  try {
    // On the lab clock, the retransmission timers are clock events: whoever awaits the page drives the clock.
    const outcome = await requester.send({ address: resolved.address, port: APR_UDP_PORT }, request);
    if (outcome.ok) {
      const traceId = record(log, { result: outcome.reply.ok ? "ok" : outcome.reply.code, attempts: outcome.attempts, since: started });
      return { ok: true, reply: outcome.reply, traceId };
    }
    const failure: WebFailure = { kind: "exchange", server: resolved.address, valueName: target.valueName, ...outcome };
    log.failure = failure;
    const traceId = record(log, { result: outcome.failure, attempts: outcome.attempts, since: started, server: resolved.address, port: socket.local.port });
    return { ok: false, failure, traceId };
  } finally {
    requester.close();
  }
}

/** One exchange's trace context: each step records an apr:web.exchange event and what the diagnosis reads of the last one. */
interface ExchangeLog {
  readonly world: AprWorld;
  readonly host: Host;
  /** HOST|vdir, as lastExchange is keyed. */
  readonly key: string;
  readonly sinceId: number;
  readonly vdir: string;
  readonly request: AprRequest;
  /** Why the exchange failed, once it has. */
  failure: WebFailure | undefined;
}

function record(log: ExchangeLog, data: Record<string, unknown>): number {
  // Assigned rather than spread into a literal, and a fresh object for this event alone: the trace freezes it as it is.
  const id = log.host.recordOwn("apr-web", "apr:web.exchange", Object.assign({ vdir: log.vdir, op: log.request.op, user: log.request.user }, data)).id;
  const failure = log.failure;
  log.world.lastExchange.set(log.key, failure ? { failure, traceId: id, sinceId: log.sinceId } : { traceId: id, sinceId: log.sinceId });
  return id;
}

/** The Web Interface host's wall clock (ms since 1970), as the requester stamps requests. */
function hostClock(lab: Lab, host: string): () => number {
  return () => hostNow(lab, host);
}

const PAGES = ["enroll", "reset", "change"] as const;
type Page = (typeof PAGES)[number];

/**
 * The Web Interface's pages, one request handler for the simulated IIS and a
 * real HTTPS server alike: templates come from the application's folder (so
 * customised and restored files show), answers from the APR Server over the
 * transport `options` names (the lab's simulated network by default).
 */
export function webInterfaceHandler(lab: Lab, options: WebInterfaceOptions = {}): RequestHandler {
  return async (request: WebRequest, context: HandlerContext): Promise<WebResponse> => {
    const root = context.application.physicalPath;
    const vdir = vdirOf(context.application.path);
    const path = pageOf(context.applicationPath);
    if (path === "apr.css") return file(context.host, joinPath(root, "apr.css"), "text/css");
    if (path === "" || path === "default") return render(context.host, root, "default", { content: "" });
    if (!(PAGES as readonly string[]).includes(path)) return { status: 404, body: "Not found" };
    const page = path as Page;
    if (request.method === "GET" && page !== "reset") return render(context.host, root, page, { content: "" });
    const form = { ...request.query, ...(request.form ?? {}) };
    const user = (form.user ?? "").trim();
    const posted = request.method === "POST";
    if (!user && !posted) return render(context.host, root, page, { content: "" });
    const apr = user ? formToRequest(page, request.method, form) : undefined;
    if (!apr) return render(context.host, root, page, { content: message("error", "BAD_REQUEST", "Fill in every field.") }, "BAD_REQUEST");
    // A typo in the new password is caught before anything is sent.
    if (apr.op === "change" && form.confirmPassword !== undefined && form.confirmPassword !== apr.newPassword) {
      return render(context.host, root, page, { content: message("error", "PASSWORD_MISMATCH", "The new passwords do not match.") }, "PASSWORD_MISMATCH");
    }
    const answer = await exchangeWithServer(lab, context.host, root, vdir, apr, options);
    if (!answer.ok) {
      const text = failureText(answer.failure);
      return render(context.host, root, page, { content: message("error", answer.failure.kind, text) }, failureCode(answer.failure), answer.traceId);
    }
    const reply = answer.reply;
    if (!reply.ok) {
      const response = render(context.host, root, page, { content: message("error", reply.code, reply.message) }, reply.code, answer.traceId);
      return reply.directory ? { ...response, headers: { ...response.headers, [DIRECTORY_HEADER]: reply.directory.code } } : response;
    }
    const done = reply.questions ? questionForm(user, reply.questions) : message("ok", "OK", successText(page));
    return render(context.host, root, page, { content: done }, "OK", answer.traceId);
  };
}

/** APR.dll's file version as a protocol number: a memo of a pure function of the few versions a lab installs (read per page). */
const protocolOfDll = memoPure(protocolOfFileVersion, 256);

/** The virtual directory's name ("/apps/pwreset" -> "pwreset"); memoised, a pure function of the few application paths. */
const vdirOf = memoPure((applicationPath: string): string => applicationPath.replace(/^\/+/, "").split("/").pop() ?? "");

/** The page a request path names ("/Reset.htm" -> "reset"); memoised, a pure function. */
const pageOf = memoPure((requestPath: string): string => requestPath.replace(/^\/+/, "").toLowerCase().replace(/\.htm$/, ""));

function failureCode(failure: WebFailure): string {
  return failure.kind === "exchange" ? failure.failure.toUpperCase().replace(/-/g, "_") : failure.kind.toUpperCase().replace(/-/g, "_");
}

function failureText(failure: WebFailure): string {
  switch (failure.kind) {
    case "no-server":
      return "Password Reset is not configured: the address of the Password Reset Server is missing.";
    case "unresolved":
      return "The Password Reset Server's address could not be resolved.";
    case "apr-dll-missing":
      return "The Web Interface is damaged (APR.dll is missing).";
    case "exchange":
      if (failure.failure === "version-mismatch") return `Server version mismatch: the Password Reset Server runs version ${failure.serverVersion}, this Web Interface ${failure.requestVersion}.`;
      if (failure.failure === "expired") return "The Password Reset Server refused the request as expired. Check the servers' clocks.";
      return "The Password Reset Server did not answer. Try again later.";
  }
}

function successText(page: Page): string {
  return { enroll: "You are enrolled.", reset: "Your password has been reset.", change: "Your password has been changed." }[page];
}

function escape(text: string): string {
  // Most texts hold nothing to escape: a test spares the replace and its callback.
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`) : text;
}

const HTML_SPECIAL = /[&<>"']/;

function message(kind: "ok" | "error", code: string, text: string): string {
  return `<p class="result ${kind}" data-code="${escape(code)}">${escape(text)}</p>`;
}

function questionForm(user: string, questions: readonly string[]): string {
  const fields = questions.map((q, i) => `<label>${escape(q)} <input name="answer${i + 1}" type="password"></label>`).join("\n");
  return `<form method="post"><input type="hidden" name="user" value="${escape(user)}">\n${fields}\n<label>New password <input name="newPassword" type="password"></label><button>Reset</button></form>`;
}

function render(host: Host, root: string, page: string, slots: { content: string }, result?: string, traceId?: number): WebResponse {
  const template = host.fs.readText(joinPath(root, `${page}.htm`));
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
  if (result) headers[RESULT_HEADER] = result;
  if (traceId !== undefined) headers[TRACE_HEADER] = String(traceId);
  if (template === undefined) return { status: 500, headers, body: `The template ${page}.htm is missing from ${root}.` };
  return { status: 200, headers, body: template.replace("{{content}}", slots.content) };
}

function file(host: Host, path: string, type: string): WebResponse {
  const text = host.fs.readText(path);
  return text === undefined ? { status: 404, body: "Not found" } : { status: 200, headers: { "content-type": type }, body: text };
}
