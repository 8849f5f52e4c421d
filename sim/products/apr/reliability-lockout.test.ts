import { describe, expect, it } from "vitest";
import { createContext } from "../../kernel/index.ts";
import { FixedHostFirewall, NET_FAULT, Network, netFaultCatalog } from "../../net/index.ts";
import { AprDatabase } from "./apr-database.ts";
import { decodeJson, encodeJson, type AprRequest } from "./apr-messages.ts";
import { AprRequester } from "./apr-requester.ts";
import { handleDatagram, type ServerDeps } from "./handle-datagram.ts";
import { MemoryDirectoryPort } from "./memory-directory-port.ts";
import { clockTimers } from "./reply-timers.ts";
import { noncePrefix, requestIdSource } from "./request-ids.ts";
import { serveDatagrams } from "./serve-datagrams.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
import { APR_UDP_PORT, counterNonces, WIRE_KIND, WireCodec } from "./wire-format.ts";

/**
 * Lockout against an attacker who sees, repeats and replays the Web
 * Interface's datagrams (but holds no key): retransmissions and replays
 * never buy extra guesses, never clear the count, and never apply a reset
 * twice. Each case both ways: the attack fails, the honest path works.
 */

const T0 = 1_767_600_000_000;
const WEB = { address: "172.16.0.20", port: 50_000 };
const ANSWERS = ["Rex", "Lyon", "Mrs Smith"];
const WRONG = ["Tom", "Paris", "Mr Jones"];
const MINUTE = 60_000;

function server(options: { dedupCapacity?: number } = {}) {
  let now = T0;
  const dir = new MemoryDirectoryPort(8);
  dir.addUser("alice", "Old-Passw0rd");
  const db = new AprDatabase(3);
  const resets: string[] = [];
  const deps: ServerDeps = {
    now: () => now,
    directory: {
      findUser: (n) => dir.findUser(n),
      checkPassword: (u, p) => dir.checkPassword(u, p),
      changePassword: (u, o, n) => dir.changePassword(u, o, n),
      resetPassword: (a, u, p) => {
        const r = dir.resetPassword(a, u, p);
        if (r.ok) resets.push(p);
        return r;
      },
    },
    salt: () => new Uint8Array(16).fill(7),
  };
  const make = () =>
    new AprServerState({
      config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" },
      db,
      nonces: counterNonces(new Uint8Array([0x53, 0, 0, now % 251])),
      ...(options.dedupCapacity !== undefined ? { dedupCapacity: options.dedupCapacity } : {}),
      startedAt: now,
    });
  let state = make();
  db.enroll("alice", ANSWERS.map((answer, i) => ({ question: `Q${i}?`, answer })), new Uint8Array(16).fill(1), now);
  const web = new WireCodec(counterNonces(new Uint8Array([0x57, 1, 2, 3])));
  let id = 0;
  /** What the web sends: the attacker captures these bytes. */
  const seal = (request: AprRequest): Uint8Array => web.seal({ kind: WIRE_KIND.request, protocol: 323, requestId: new Uint8Array(16).fill(++id), timestampMs: now }, encodeJson(request));
  const send = (payload: Uint8Array): Record<string, unknown> | undefined => {
    const out = handleDatagram(state, { from: WEB, payload }, deps);
    if (out.length === 0) return undefined;
    const opened = web.open(out[0]!.payload);
    if (!opened.ok) throw new Error(opened.reason);
    return decodeJson(opened.plaintext) as Record<string, unknown>;
  };
  const reset = (answers: readonly string[], newPassword = `New-Passw0rd-${id + 1}`) => seal({ op: "reset", user: "alice", answers, newPassword });
  return {
    db,
    dir,
    resets,
    seal,
    send,
    reset,
    ask: (answers: readonly string[]) => send(reset(answers)),
    advance: (ms: number) => void (now += ms),
    /** The service restarts: the database stays, the dedup cache (memory) is gone. */
    restart: () => void (state = make()),
    get state() {
      return state;
    },
  };
}

describe("lockout against retransmission and replay (the handler)", () => {
  it("a wrong-answer datagram sent again and again is one guess; distinct guesses lock at five", () => {
    const s = server();
    const guess = s.reset(WRONG);
    for (let i = 0; i < 10; i++) expect(s.send(guess)).toMatchObject({ code: "WRONG_ANSWERS", attemptsLeft: 4 });
    expect(s.db.auditLog().filter((a) => a.event === "wrong-answers")).toHaveLength(1);
    expect(s.state.counters.duplicates).toBe(9);
    for (let left = 3; left >= 1; left--) expect(s.ask(WRONG)).toMatchObject({ code: "WRONG_ANSWERS", attemptsLeft: left });
    expect(s.ask(WRONG)).toMatchObject({ code: "LOCKED_OUT" });
    expect(s.ask(ANSWERS)).toMatchObject({ code: "LOCKED_OUT" });
    expect(s.resets).toEqual([]);
  });

  it("once locked, neither a resent guess nor a replayed earlier success gets through or clears the count", () => {
    const s = server();
    const success = s.reset(ANSWERS, "First-Passw0rd");
    expect(s.send(success)).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) s.ask(WRONG);
    expect(s.ask(ANSWERS)).toMatchObject({ code: "LOCKED_OUT" });
    s.advance(10_000);
    // The replay gets the cached answer of the original; nothing is applied again and the lockout stays.
    expect(s.send(success)).toEqual({ ok: true, op: "reset" });
    expect(s.resets).toEqual(["First-Passw0rd"]);
    expect(s.ask(ANSWERS)).toMatchObject({ code: "LOCKED_OUT" });
    expect(s.db.enrollment("alice")!.lockedUntil).toBeGreaterThan(T0);
  });

  it("a replayed success does not wipe wrong answers given after it; a fresh success does", () => {
    const s = server();
    const success = s.reset(ANSWERS, "First-Passw0rd");
    s.send(success);
    for (let i = 0; i < 3; i++) s.ask(WRONG);
    s.send(success);
    expect(s.ask(WRONG)).toMatchObject({ attemptsLeft: 1 });
    expect(s.ask(ANSWERS)).toMatchObject({ ok: true });
    expect(s.ask(WRONG)).toMatchObject({ attemptsLeft: 4 });
  });

  it("a request captured during the lockout is stale once the lockout ends; a fresh one is served", () => {
    const s = server();
    for (let i = 0; i < 5; i++) s.ask(WRONG);
    const captured = s.reset(ANSWERS, "Captured-Passw0rd");
    expect(s.send(captured)).toMatchObject({ code: "LOCKED_OUT" });
    s.advance(31 * MINUTE);
    expect(s.send(captured)).toMatchObject({ code: "REQUEST_EXPIRED" });
    expect(s.resets).toEqual([]);
    expect(s.ask(ANSWERS)).toMatchObject({ ok: true });
  });

  it("a guess under another spelling of the user name counts for the same user", () => {
    const s = server();
    for (const user of ["alice", "ALICE", "Alice", "aLiCe"]) s.send(s.seal({ op: "reset", user, answers: WRONG, newPassword: "New-Passw0rd-1" }));
    expect(s.send(s.seal({ op: "reset", user: "ALICE ".trim(), answers: WRONG, newPassword: "New-Passw0rd-1" }))).toMatchObject({ code: "LOCKED_OUT" });
  });

  it("a captured datagram with a new request id or timestamp does not authenticate; the original does", () => {
    const s = server();
    const original = s.reset(ANSWERS, "Forged-Passw0rd");
    const newId = Uint8Array.from(original);
    newId[20]! ^= 0x01;
    const newTime = Uint8Array.from(original);
    newTime[31]! ^= 0x10;
    expect(s.send(newId)).toBeUndefined();
    expect(s.send(newTime)).toBeUndefined();
    expect(s.state.counters.rejected["auth-failed"]).toBe(2);
    expect(s.resets).toEqual([]);
    expect(s.send(original)).toMatchObject({ ok: true });
  });

  it("a success replayed after a flood pushed it out of the cache is refused, not applied again", () => {
    const s = server({ dedupCapacity: 4 });
    for (let i = 0; i < 4; i++) s.ask(WRONG);
    s.advance(1000);
    const success = s.reset(ANSWERS, "Once-Passw0rd");
    expect(s.send(success)).toMatchObject({ ok: true });
    s.advance(1000);
    for (let i = 0; i < 4; i++) s.ask(WRONG);
    // Nine wrong answers in the window would have locked a user whose count the replay could clear.
    s.advance(1000);
    expect(s.send(success)).toBeUndefined();
    expect(s.state.counters.rejected["replay-window"]).toBe(1);
    expect(s.resets).toEqual(["Once-Passw0rd"]);
    expect(s.ask(WRONG)).toMatchObject({ code: "LOCKED_OUT" });
  });

  it("with room in the cache the same replay is answered from it, and nothing is refused", () => {
    const s = server();
    const success = s.reset(ANSWERS, "Once-Passw0rd");
    s.send(success);
    for (let i = 0; i < 4; i++) s.ask(WRONG);
    expect(s.send(success)).toEqual({ ok: true, op: "reset" });
    expect(s.state.counters.rejected["replay-window"]).toBe(0);
    expect(s.resets).toEqual(["Once-Passw0rd"]);
  });

  it("a success replayed right after the service restarted (its cache gone) is refused; a fresh request is served", () => {
    const s = server();
    for (let i = 0; i < 4; i++) s.ask(WRONG);
    const success = s.reset(ANSWERS, "Once-Passw0rd");
    s.send(success);
    for (let i = 0; i < 4; i++) s.ask(WRONG);
    s.advance(5000);
    s.restart();
    expect(s.send(success)).toBeUndefined();
    expect(s.resets).toEqual(["Once-Passw0rd"]);
    expect(s.ask(WRONG)).toMatchObject({ code: "LOCKED_OUT" });
    s.advance(31 * MINUTE);
    expect(s.ask(ANSWERS)).toMatchObject({ ok: true });
  });
});

describe("lockout through the network's duplication and loss (the web's requester)", () => {
  async function guesses(seed: number, faults: boolean): Promise<string[]> {
    const context = createContext(seed, netFaultCatalog());
    const network = new Network(context);
    network.addNode({ name: "WEB01", ip: "10.0.0.30", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() });
    network.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() });
    if (faults) {
      context.faults.activate(NET_FAULT.duplication, { probability: 1 });
      context.faults.activate(NET_FAULT.loss, { probability: 0.3 });
      context.faults.activate(NET_FAULT.reorder, { probability: 0.3, maxExtraDelayMs: 3000 });
    }
    const dir = new MemoryDirectoryPort(8);
    dir.addUser("alice", "Old-Passw0rd");
    const db = new AprDatabase(3);
    db.enroll("alice", ANSWERS.map((answer, i) => ({ question: `Q${i}?`, answer })), new Uint8Array(16), 0);
    const now = () => context.clock.epochMs + context.clock.now();
    const state = new AprServerState({ config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" }, db, nonces: counterNonces(noncePrefix(context.rng.fork("s"), "server")) });
    serveDatagrams(network.datagrams().bindNow("APR01", APR_UDP_PORT), state, { now, directory: dir, salt: () => new Uint8Array(16) });
    // Many attempts, so that no guess times out and every one reaches the server.
    const web = new AprRequester(network.datagrams().bindNow("WEB01", 0), clockTimers(context.clock), {
      protocol: 323,
      codec: new WireCodec(counterNonces(noncePrefix(context.rng.fork("w"), "web"))),
      requestIds: requestIdSource(context.rng.fork("ids")),
      now,
      attempts: 20,
    });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const answers = i < 5 ? WRONG : ANSWERS;
      const outcome = await network.run(web.send({ address: "10.0.0.20", port: APR_UDP_PORT }, { op: "reset", user: "alice", answers, newPassword: "New-Passw0rd-1" }));
      codes.push(outcome.ok ? (outcome.reply.ok ? "OK" : `${outcome.reply.code}${outcome.reply.attemptsLeft ?? ""}`) : outcome.failure);
    }
    web.close();
    return codes;
  }

  it("every copy of a guess counts once: four guesses leave one, the fifth locks, the right answers wait", async () => {
    const expected = ["WRONG_ANSWERS4", "WRONG_ANSWERS3", "WRONG_ANSWERS2", "WRONG_ANSWERS1", "LOCKED_OUT", "LOCKED_OUT"];
    for (let seed = 1; seed <= 20; seed++) expect(await guesses(seed, true), `seed ${seed}`).toEqual(expected);
    expect(await guesses(1, false)).toEqual(expected);
  });
});
