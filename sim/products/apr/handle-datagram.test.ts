import { describe, expect, it } from "vitest";
import { AprDatabase } from "./apr-database.ts";
import { decodeJson, encodeJson, type AprRequest } from "./apr-messages.ts";
import { handleDatagram, type ServerDeps } from "./handle-datagram.ts";
import { MemoryDirectoryPort } from "./memory-directory-port.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
import { counterNonces, parseHeader, WIRE_KIND, WireCodec } from "./wire-format.ts";

const T0 = 1_767_600_000_000;
const WEB = { address: "172.16.0.10", port: 50_000 };
const QUESTIONS = ["First pet?", "Birth town?", "Favourite teacher?"];
const ANSWERS = ["Rex", "Lyon", "Mrs Smith"];

function setup(options: { protocol?: number; db?: AprDatabase | undefined; licenceExpiresAt?: number } = {}) {
  let now = T0;
  const dir = new MemoryDirectoryPort(8);
  dir.addUser("alice", "Old-Passw0rd");
  dir.addUser("admin", "Admin-Passw0rd", { protectedFromReset: true });
  const state = new AprServerState({
    config: { ...DEFAULT_SERVER_CONFIG, protocol: options.protocol ?? 323, serviceAccount: "CORP\\svc-apr", ...(options.licenceExpiresAt ? { licenceExpiresAt: options.licenceExpiresAt } : {}) },
    db: "db" in options ? options.db : new AprDatabase(3),
    nonces: counterNonces(new Uint8Array([0x53, 1, 2, 3])),
  });
  const events: { kind: string; data: Record<string, unknown> }[] = [];
  let saltN = 0;
  const deps: ServerDeps = {
    now: () => now,
    directory: dir,
    salt: () => new Uint8Array(16).fill(++saltN),
    record: (kind, data) => events.push({ kind, data }),
  };
  const web = new WireCodec(counterNonces(new Uint8Array([0x57, 1, 2, 3])));
  let nextId = 1;
  const seal = (request: AprRequest, over: { protocol?: number; timestampMs?: number; id?: number } = {}) =>
    web.seal({ kind: WIRE_KIND.request, protocol: over.protocol ?? 323, requestId: new Uint8Array(16).fill(over.id ?? nextId++), timestampMs: over.timestampMs ?? now }, encodeJson(request));
  const send = (payload: Uint8Array) => handleDatagram(state, { from: WEB, payload }, deps);
  const ask = (request: AprRequest, over: { protocol?: number; timestampMs?: number } = {}) => {
    const replies = send(seal(request, over));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.to).toEqual(WEB);
    const opened = web.open(replies[0]!.payload);
    if (!opened.ok) throw new Error(`reply did not open: ${opened.reason}`);
    return { kind: opened.header.kind, body: decodeJson(opened.plaintext) as Record<string, unknown> };
  };
  const enroll = () => ask({ op: "enroll", user: "alice", password: "Old-Passw0rd", answers: QUESTIONS.map((q, i) => ({ question: q, answer: ANSWERS[i]! })) });
  return { state, dir, deps, events, seal, send, ask, enroll, advance: (ms: number) => (now += ms) };
}

describe("APR Server handler: enroll, reset, change", () => {
  it("enrolls with the current password and refuses a wrong one", () => {
    const s = setup();
    expect(s.ask({ op: "enroll", user: "alice", password: "wrong", answers: [{ question: "q", answer: "a" }] }).body).toMatchObject({ ok: false, code: "BAD_CREDENTIALS" });
    expect(s.state.db!.enrollment("alice")).toBeUndefined();
    expect(s.enroll().body).toEqual({ ok: true, op: "enroll" });
    expect(s.ask({ op: "questions", user: "ALICE" }).body).toEqual({ ok: true, op: "questions", questions: QUESTIONS });
  });

  it("answers NOT_ENROLLED and UNKNOWN_USER when they apply, not otherwise", () => {
    const s = setup();
    expect(s.ask({ op: "questions", user: "alice" }).body).toMatchObject({ code: "NOT_ENROLLED" });
    expect(s.ask({ op: "questions", user: "nobody" }).body).toMatchObject({ code: "UNKNOWN_USER" });
    s.enroll();
    expect(s.ask({ op: "questions", user: "alice" }).body).toMatchObject({ ok: true });
  });

  it("resets with the right answers (normalised) and sets the password in the directory", () => {
    const s = setup();
    s.enroll();
    const r = s.ask({ op: "reset", user: "alice", answers: ["  REX ", "lyon", "mrs   smith"], newPassword: "New-Passw0rd!" });
    expect(r.body).toEqual({ ok: true, op: "reset" });
    expect(s.dir.passwordIs("alice", "New-Passw0rd!")).toBe(true);
    expect(s.state.db!.auditLog().map((a) => a.event)).toEqual(["enroll", "reset"]);
  });

  it("counts wrong answers, locks out at the threshold, and unlocks after the duration on the clock", () => {
    const s = setup();
    s.enroll();
    const wrong = { op: "reset", user: "alice", answers: ["Tom", "Lyon", "Mrs Smith"], newPassword: "New-Passw0rd!" } as const;
    for (let left = 4; left >= 1; left--) expect(s.ask(wrong).body).toMatchObject({ code: "WRONG_ANSWERS", attemptsLeft: left });
    expect(s.ask(wrong).body).toMatchObject({ code: "LOCKED_OUT" });
    const right = { ...wrong, answers: ANSWERS };
    expect(s.ask(right).body).toMatchObject({ code: "LOCKED_OUT" });
    expect(s.dir.passwordIs("alice", "Old-Passw0rd")).toBe(true);
    s.advance(29 * 60_000);
    expect(s.ask(right).body).toMatchObject({ code: "LOCKED_OUT" });
    s.advance(2 * 60_000);
    expect(s.ask(right).body).toEqual({ ok: true, op: "reset" });
    expect(s.state.db!.auditLog().some((a) => a.event === "lockout")).toBe(true);
  });

  it("does not lock out when the wrong answers are spread beyond the window", () => {
    const s = setup();
    s.enroll();
    const wrong = { op: "reset", user: "alice", answers: ["x", "y", "z"], newPassword: "New-Passw0rd!" } as const;
    for (let i = 0; i < 8; i++) {
      expect(s.ask(wrong).body).toMatchObject({ code: "WRONG_ANSWERS" });
      s.advance(10 * 60_000);
    }
  });

  it("surfaces the directory's refusals as clear messages with AD's code", () => {
    const s = setup();
    s.enroll();
    const short = s.ask({ op: "reset", user: "alice", answers: ANSWERS, newPassword: "short" }).body;
    expect(short).toMatchObject({ code: "DIRECTORY_ERROR", directory: { code: "CONSTRAINT_VIOLATION", ldapCode: 19 } });
    expect(String(short.message)).toMatch(/password policy/);
    s.ask({ op: "enroll", user: "admin", password: "Admin-Passw0rd", answers: [{ question: "q", answer: "a" }] });
    const denied = s.ask({ op: "reset", user: "admin", answers: ["a"], newPassword: "Another-Passw0rd1" }).body;
    expect(denied).toMatchObject({ code: "DIRECTORY_ERROR", directory: { code: "INSUFFICIENT_RIGHTS", ldapCode: 50 } });
    expect(String(denied.message)).toMatch(/not permitted/);
  });

  it("changes a known password; a wrong old password is refused", () => {
    const s = setup();
    expect(s.ask({ op: "change", user: "alice", oldPassword: "nope", newPassword: "New-Passw0rd!" }).body).toMatchObject({ code: "DIRECTORY_ERROR", message: "Your old password is incorrect." });
    expect(s.ask({ op: "change", user: "alice", oldPassword: "Old-Passw0rd", newPassword: "New-Passw0rd!" }).body).toEqual({ ok: true, op: "change" });
    expect(s.dir.passwordIs("alice", "New-Passw0rd!")).toBe(true);
  });

  it("keeps no answer or password in clear in the database, the log or the trace", () => {
    const s = setup();
    s.enroll();
    s.ask({ op: "reset", user: "alice", answers: ANSWERS, newPassword: "New-Passw0rd!" });
    const all = s.state.db!.serializeUsers() + s.state.db!.serializeLog() + JSON.stringify(s.events);
    for (const secret of [...ANSWERS, "Old-Passw0rd", "New-Passw0rd!"]) expect(all).not.toContain(secret);
  });
});

describe("APR Server handler: the wire", () => {
  it("refuses another protocol version with an authenticated VERSION_MISMATCH, and serves its own", () => {
    const s = setup({ protocol: 323 });
    const r = s.ask({ op: "questions", user: "alice" }, { protocol: 322 });
    expect(r.kind).toBe(WIRE_KIND.error);
    expect(r.body).toEqual({ code: "VERSION_MISMATCH", serverVersion: "3.23", requestVersion: "3.22" });
    expect(s.state.counters.rejected["version-mismatch"]).toBe(1);
    expect(s.ask({ op: "questions", user: "alice" }).kind).toBe(WIRE_KIND.reply);
  });

  it("a retransmitted request id gets the cached reply and is applied once", () => {
    const s = setup();
    s.enroll();
    const datagram = s.seal({ op: "reset", user: "alice", answers: ANSWERS, newPassword: "New-Passw0rd!" });
    const first = s.send(datagram);
    const again = s.send(datagram);
    expect(Buffer.from(again[0]!.payload).equals(Buffer.from(first[0]!.payload))).toBe(true);
    expect(s.state.counters.duplicates).toBe(1);
    expect(s.state.db!.auditLog().filter((a) => a.event === "reset")).toHaveLength(1);
  });

  it("refuses a request outside the freshness window (a replay or a skewed clock), accepts one inside", () => {
    const s = setup();
    const stale = s.ask({ op: "questions", user: "alice" }, { timestampMs: T0 - 31_000 });
    expect(stale.kind).toBe(WIRE_KIND.error);
    expect(stale.body).toMatchObject({ code: "REQUEST_EXPIRED" });
    const future = s.ask({ op: "questions", user: "alice" }, { timestampMs: T0 + 31_000 });
    expect(future.body).toMatchObject({ code: "REQUEST_EXPIRED" });
    expect(s.ask({ op: "questions", user: "alice" }, { timestampMs: T0 - 29_000 }).kind).toBe(WIRE_KIND.reply);
    expect(s.state.counters.rejected.stale).toBe(2);
  });

  it("a replay after the window is refused even though it was answered before", () => {
    const s = setup();
    s.enroll();
    const datagram = s.seal({ op: "reset", user: "alice", answers: ANSWERS, newPassword: "New-Passw0rd!" });
    expect(s.send(datagram)).toHaveLength(1);
    s.advance(61_000);
    const replay = s.send(datagram);
    expect(parseHeader(replay[0]!.payload)).toMatchObject({ ok: true, header: { kind: WIRE_KIND.error } });
    expect(s.state.db!.auditLog().filter((a) => a.event === "reset")).toHaveLength(1);
  });

  it("drops tampered and foreign datagrams silently, counted by reason, never throws", () => {
    const s = setup();
    const good = s.seal({ op: "questions", user: "alice" });
    const tampered = Uint8Array.from(good);
    tampered[50]! ^= 0xff;
    expect(s.send(tampered)).toEqual([]);
    expect(s.send(new Uint8Array(5))).toEqual([]);
    expect(s.send(new Uint8Array(100).fill(7))).toEqual([]);
    expect(s.state.counters.rejected).toMatchObject({ "auth-failed": 1, short: 1, "bad-magic": 1 });
    expect(s.send(good)).toHaveLength(1);
  });

  it("answers a sealed but malformed request with BAD_REQUEST", () => {
    const s = setup();
    const r = s.ask({ op: "bogus", user: "alice" } as unknown as AprRequest);
    expect(r.body).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers DATABASE_UNAVAILABLE without a database and LICENCE_EXPIRED after the evaluation", () => {
    expect(setup({ db: undefined }).ask({ op: "questions", user: "alice" }).body).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    const s = setup({ licenceExpiresAt: T0 + 1000 });
    expect(s.ask({ op: "questions", user: "alice" }).body).toMatchObject({ code: "NOT_ENROLLED" });
    s.advance(2000);
    expect(s.ask({ op: "questions", user: "alice" }).body).toMatchObject({ code: "LICENCE_EXPIRED" });
  });
});
