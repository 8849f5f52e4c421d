import { answersMatch } from "./answer-hash.ts";
import { decodeJson, encodeJson, parseRequest, type AprReply, type AprRequest, type AprWireError, type ChangeRequest, type EnrollRequest, type ResetRequest } from "./apr-messages.ts";
import { versionOfProtocol } from "./apr-versions.ts";
import { userMessageFor } from "./directory-messages.ts";
import type { AprDirectoryPort, DirectoryFailure } from "./directory-port.ts";
import type { AprServerState, RejectCounter } from "./server-state.ts";
import { parseHeader, WIRE_KIND, type WireHeader } from "./wire-format.ts";

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export interface InboundDatagram {
  readonly from: Endpoint;
  readonly payload: Uint8Array;
}

export interface OutboundDatagram {
  readonly to: Endpoint;
  readonly payload: Uint8Array;
}

/** What the handler may use besides its state: time, the directory, salt, and a place to say what it did. */
export interface ServerDeps {
  /** ms since 1970: the lab clock in the simulation, the host clock on a real socket. */
  now(): number;
  readonly directory: AprDirectoryPort;
  salt(): Uint8Array;
  /** Trace hook (no answers or passwords are ever passed to it). */
  record?(kind: string, data: Record<string, unknown>): void;
  /** Called after the database changed, so the runtime can write the files. */
  onDatabaseChange?(): void;
}

/**
 * The APR Server: one datagram in, zero or more datagrams out. Synchronous,
 * and the same function on the simulated network and on a real socket.
 * Order: header, version, authentication, freshness, dedup (and its replay
 * window), then the request.
 * A datagram that fails authentication gets no answer (nothing proves who
 * sent it); a version mismatch and a stale request get an authenticated
 * refusal the Web Interface can show.
 */
export function handleDatagram(state: AprServerState, datagram: InboundDatagram, deps: ServerDeps): OutboundDatagram[] {
  state.counters.received++;
  const parsed = parseHeader(datagram.payload);
  if (!parsed.ok) return reject(state, deps, parsed.reason, datagram);
  const header = parsed.header;
  if (header.kind !== WIRE_KIND.request) return reject(state, deps, "bad-kind", datagram);
  const now = deps.now();
  if (header.protocol !== state.config.protocol) {
    reject(state, deps, "version-mismatch", datagram, { requestVersion: versionOfProtocol(header.protocol) });
    return [wireError(state, header, now, datagram.from, {
      code: "VERSION_MISMATCH",
      serverVersion: versionOfProtocol(state.config.protocol),
      requestVersion: versionOfProtocol(header.protocol),
    })];
  }
  const opened = state.codec.open(datagram.payload, header);
  if (!opened.ok) return reject(state, deps, opened.reason, datagram);
  const skewMs = now - header.timestampMs;
  if (Math.abs(skewMs) > state.config.freshnessMs) {
    reject(state, deps, "stale", datagram, { skewMs });
    return [wireError(state, header, now, datagram.from, { code: "REQUEST_EXPIRED", skewMs })];
  }
  const cached = state.dedup.get(header.requestId, now);
  if (cached) {
    state.counters.duplicates++;
    deps.record?.("apr:duplicate", { from: `${datagram.from.address}:${datagram.from.port}` });
    return [{ to: datagram.from, payload: cached }];
  }
  // Fresh, unknown, but stamped before what the cache had to forget (a flood) or never saw (a restart):
  // it may be a replay of an answered request, so it is not applied. No answer: the web retries, the user
  // resubmits with a new stamp.
  if (header.timestampMs <= state.dedup.forgottenThrough) return reject(state, deps, "replay-window", datagram, { skewMs });
  const request = parseRequest(decodeJson(opened.plaintext));
  const reply: AprReply = request
    ? perform(state, request, deps, now, datagram.from.address)
    : (reject(state, deps, "bad-request", datagram), { ok: false, op: "unknown", code: "BAD_REQUEST", message: "The request could not be read." });
  const payload = state.codec.seal({ kind: WIRE_KIND.reply, protocol: state.config.protocol, requestId: header.requestId, timestampMs: now }, encodeReply(reply));
  state.dedup.set(header.requestId, payload, now, header.timestampMs);
  state.counters.replied++;
  return [{ to: datagram.from, payload }];
}

/**
 * The JSON of `{ ok: true, op }`, the reply of every successful enroll,
 * reset and change: a memo of a pure function of the op (read, never
 * written, by the sealing), so the busiest reply is not stringified each time.
 */
const OK_REPLIES = new Map<AprReply["op"], Uint8Array>();

function encodeReply(reply: AprReply): Uint8Array {
  // An ok reply is `{ ok, op }` or `{ ok, op, questions }` (its type allows no more).
  if (!reply.ok || reply.questions !== undefined) return encodeJson(reply);
  let bytes = OK_REPLIES.get(reply.op);
  if (!bytes) OK_REPLIES.set(reply.op, (bytes = encodeJson({ ok: true, op: reply.op })));
  return bytes;
}

function reject(state: AprServerState, deps: ServerDeps, reason: RejectCounter, datagram: InboundDatagram, extra: Record<string, unknown> = {}): OutboundDatagram[] {
  state.counters.rejected[reason]++;
  deps.record?.("apr:rejected", { reason, from: `${datagram.from.address}:${datagram.from.port}`, ...extra });
  return [];
}

function wireError(state: AprServerState, request: WireHeader, now: number, to: Endpoint, error: AprWireError): OutboundDatagram {
  const payload = state.codec.seal({ kind: WIRE_KIND.error, protocol: state.config.protocol, requestId: request.requestId, timestampMs: now }, encodeJson(error));
  return { to, payload };
}

function perform(state: AprServerState, request: AprRequest, deps: ServerDeps, now: number, web: string): AprReply {
  const reply = decide(state, request, deps, now, web);
  deps.record?.("apr:request", { op: request.op, user: request.user, web, result: reply.ok ? "ok" : reply.code });
  return reply;
}

function decide(state: AprServerState, request: AprRequest, deps: ServerDeps, now: number, web: string): AprReply {
  const { op } = request;
  if (state.config.licenceExpiresAt !== undefined && now > state.config.licenceExpiresAt) {
    return { ok: false, op, code: "LICENCE_EXPIRED", message: "Password Reset's evaluation licence has expired. Contact your administrator." };
  }
  if (!state.db) {
    return { ok: false, op, code: "DATABASE_UNAVAILABLE", message: `Password Reset cannot open its database${state.dbError ? `: ${state.dbError}` : ""}.` };
  }
  const account = deps.directory.findUser(request.user);
  if (!account) return { ok: false, op, code: "UNKNOWN_USER", message: "Your user name was not found in the domain." };
  switch (request.op) {
    case "questions": {
      const e = state.db.enrollment(account.name);
      return e ? { ok: true, op, questions: e.questions } : notEnrolled(op);
    }
    case "enroll":
      return enroll(state, request, account.name, deps, now, web);
    case "reset":
      return reset(state, request, account.name, deps, now, web);
    case "change":
      return change(state, request, account.name, deps, now, web);
  }
}

function notEnrolled(op: AprRequest["op"]): AprReply {
  return { ok: false, op, code: "NOT_ENROLLED", message: "You have not enrolled in Password Reset. Enroll first." };
}

function directoryFailure(op: "enroll" | "reset" | "change", error: DirectoryFailure, code: "DIRECTORY_ERROR" | "BAD_CREDENTIALS" = "DIRECTORY_ERROR"): AprReply {
  return {
    ok: false,
    op,
    code,
    message: userMessageFor(error, op),
    directory: { code: error.code, ldapCode: error.ldapCode, ...(error.adData ? { adData: error.adData } : {}) },
  };
}

function enroll(state: AprServerState, request: EnrollRequest, user: string, deps: ServerDeps, now: number, web: string): AprReply {
  const db = state.db!;
  const bind = deps.directory.checkPassword(user, request.password);
  if (!bind.ok) {
    db.audit({ at: now, user, event: "failed", result: `enroll: ${bind.error.code}`, web });
    deps.onDatabaseChange?.();
    return directoryFailure("enroll", bind.error, "BAD_CREDENTIALS");
  }
  db.enroll(user, request.answers, deps.salt(), now);
  db.audit({ at: now, user, event: "enroll", result: "enrolled", web });
  deps.onDatabaseChange?.();
  return { ok: true, op: "enroll" };
}

function reset(state: AprServerState, request: ResetRequest, user: string, deps: ServerDeps, now: number, web: string): AprReply {
  const db = state.db!;
  const { config } = state;
  const e = db.enrollment(user);
  if (!e) return notEnrolled("reset");
  if (e.lockedUntil !== undefined) {
    if (now < e.lockedUntil) {
      return { ok: false, op: "reset", code: "LOCKED_OUT", message: `Too many wrong answers. Try again after ${Math.ceil((e.lockedUntil - now) / 60_000)} minutes.` };
    }
    e.lockedUntil = undefined;
    e.wrongAnswers = [];
  }
  const right = answersMatch(e.saltHex, request.answers, e.answerHashes);
  if (!right) {
    e.wrongAnswers = e.wrongAnswers.filter((t) => t > now - config.lockoutWindowMs);
    e.wrongAnswers.push(now);
    if (e.wrongAnswers.length >= config.lockoutThreshold) {
      e.lockedUntil = now + config.lockoutDurationMs;
      db.audit({ at: now, user, event: "lockout", result: `locked out for ${config.lockoutDurationMs / 60_000} minutes`, web });
      deps.onDatabaseChange?.();
      return { ok: false, op: "reset", code: "LOCKED_OUT", message: `Too many wrong answers. Try again after ${config.lockoutDurationMs / 60_000} minutes.` };
    }
    db.audit({ at: now, user, event: "wrong-answers", result: `${e.wrongAnswers.length} of ${config.lockoutThreshold}`, web });
    deps.onDatabaseChange?.();
    const attemptsLeft = config.lockoutThreshold - e.wrongAnswers.length;
    return { ok: false, op: "reset", code: "WRONG_ANSWERS", message: "One or more answers are wrong.", attemptsLeft };
  }
  const result = deps.directory.resetPassword(config.serviceAccount, user, request.newPassword);
  if (!result.ok) {
    db.audit({ at: now, user, event: "failed", result: `reset: ${result.error.code}`, web });
    deps.onDatabaseChange?.();
    return directoryFailure("reset", result.error);
  }
  if (e.wrongAnswers.length > 0) e.wrongAnswers = [];
  db.audit({ at: now, user, event: "reset", result: "password reset", web });
  deps.onDatabaseChange?.();
  return { ok: true, op: "reset" };
}

function change(state: AprServerState, request: ChangeRequest, user: string, deps: ServerDeps, now: number, web: string): AprReply {
  const db = state.db!;
  const result = deps.directory.changePassword(user, request.oldPassword, request.newPassword);
  if (!result.ok) {
    db.audit({ at: now, user, event: "failed", result: `change: ${result.error.code}`, web });
    deps.onDatabaseChange?.();
    return directoryFailure("change", result.error);
  }
  db.audit({ at: now, user, event: "change", result: "password changed", web });
  deps.onDatabaseChange?.();
  return { ok: true, op: "change" };
}
