/**
 * The APR Server against a plain model (fast-check commands). Random
 * sequences of enrolments, right and wrong answers, resets, changes, time
 * passing on the lab clock, replayed and forged datagrams run against the
 * real handler (sealed datagrams in, sealed replies out, a directory
 * behind); after every command the model's expectations are compared with
 * the reply and with the server's state: each user's password in the
 * directory, enrolment, lockout, and the audit log.
 *
 * The model is written from the behaviour the lab documents (five wrong
 * answers within 30 minutes lock for 30 minutes; a success clears the
 * count; requests older than 30 s are refused; a repeated request gets the
 * first reply and changes nothing), not from the handler's code.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Clock } from "../sim/kernel/index.ts";
import {
  AprDatabase,
  AprServerState,
  DEFAULT_SERVER_CONFIG,
  MemoryDirectoryPort,
  WIRE_KIND,
  WireCodec,
  counterNonces,
  decodeJson,
  encodeJson,
  handleDatagram,
  type AprRequest,
  type ServerDeps,
} from "../sim/products/apr/index.ts";
import { checkProperty } from "./check-property.ts";

const MINUTE = 60_000;
const THRESHOLD = 5;
const WINDOW = 30 * MINUTE;
const LOCKOUT = 30 * MINUTE;
const FRESHNESS = 30_000;
const USERS = ["alice", "bob", "carol"] as const;
/** Enrolled when the run starts; carol is not until a command enrols her. */
const ENROLLED = ["alice", "bob"];
const POOL = ["Rex", "Lyon", "Mrs Smith", "Blue", "1984"];
const QUESTIONS = ["Pet?", "Town?", "Teacher?"];

// --- the model ----------------------------------------------------------------

interface ModelUser {
  password: string;
  answers?: string[];
  wrong: number[];
  lockedUntil?: number;
}

interface Model {
  now: number;
  readonly users: Map<string, ModelUser>;
  /** Each sent datagram's stamp, by index (the real side keeps the bytes). */
  readonly sent: number[];
  audit: number;
  nextPassword: number;
}

/** What the model expects the server to answer. */
type Expected = { code: string; attemptsLeft?: number; questions?: readonly string[] };

const same = (a: string, b: string): boolean => a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

// --- the real server ----------------------------------------------------------

interface Real {
  readonly clock: Clock;
  readonly state: AprServerState;
  readonly deps: ServerDeps;
  readonly directory: MemoryDirectoryPort;
  readonly web: WireCodec;
  readonly sent: { payload: Uint8Array; reply: Uint8Array }[];
  nextId: number;
}

const WEB = { address: "172.16.0.20", port: 50_000 };
const epochNow = (clock: Clock): number => clock.epochMs + clock.now();

function setup(): { model: Model; real: Real } {
  const clock = new Clock();
  const directory = new MemoryDirectoryPort(8);
  const users = new Map<string, ModelUser>();
  for (const u of USERS) {
    directory.addUser(u, `Initial-${u}-Pw1`);
    users.set(u, { password: `Initial-${u}-Pw1`, wrong: [] });
  }
  let salt = 0;
  const state = new AprServerState({
    config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" },
    db: new AprDatabase(3),
    nonces: counterNonces(new Uint8Array([0x53, 0, 0, 1])),
  });
  const deps: ServerDeps = { now: () => epochNow(clock), directory, salt: () => new Uint8Array(16).fill(++salt) };
  const model: Model = { now: 0, users, sent: [], audit: 0, nextPassword: 0 };
  const real: Real = { clock, state, deps, directory, web: new WireCodec(counterNonces(new Uint8Array([0x57, 0, 0, 1]))), sent: [], nextId: 0 };
  // Enrolled through the handler, checked like any command; commands may enrol again.
  for (const u of ENROLLED) new Enroll(u, true, POOL.slice(0, 3)).run(model, real);
  return { model, real };
}

/** Seals `request` as the web does, sends it, and reads the one reply. */
function exchange(real: Real, request: AprRequest): { reply: Record<string, unknown>; payload: Uint8Array; replyBytes: Uint8Array } {
  const id = new Uint8Array(16);
  new DataView(id.buffer).setUint32(12, ++real.nextId);
  const payload = real.web.seal({ kind: WIRE_KIND.request, protocol: 323, requestId: id, timestampMs: epochNow(real.clock) }, encodeJson(request));
  const out = handleDatagram(real.state, { from: WEB, payload }, real.deps);
  expect(out).toHaveLength(1);
  return { reply: openReply(real, out[0]!.payload), payload, replyBytes: out[0]!.payload };
}

function openReply(real: Real, bytes: Uint8Array): Record<string, unknown> {
  const opened = real.web.open(bytes);
  if (!opened.ok) throw new Error(`the reply did not open: ${opened.reason}`);
  return decodeJson(opened.plaintext) as Record<string, unknown>;
}

/** The reply as the model states it: its code (OK for a success), and what goes with it. */
function observed(reply: Record<string, unknown>): Expected {
  return {
    code: reply["ok"] === true ? "OK" : String(reply["code"]),
    ...(typeof reply["attemptsLeft"] === "number" ? { attemptsLeft: reply["attemptsLeft"] } : {}),
    ...(Array.isArray(reply["questions"]) ? { questions: reply["questions"] as string[] } : {}),
  };
}

/** After every command: the server's state is the model's. */
function agree(model: Model, real: Real): void {
  expect(real.clock.now()).toBe(model.now);
  for (const [name, u] of model.users) {
    expect(real.directory.passwordIs(name, u.password), `${name}'s password`).toBe(true);
    const e = real.state.db!.enrollment(name);
    expect(e !== undefined, `${name} enrolled`).toBe(u.answers !== undefined);
    const lockedNow = u.lockedUntil !== undefined && epochNow(real.clock) < u.lockedUntil;
    const realLocked = e?.lockedUntil !== undefined && epochNow(real.clock) < e.lockedUntil;
    expect(realLocked, `${name} locked out`).toBe(lockedNow);
  }
  expect(real.state.db!.auditLog()).toHaveLength(model.audit);
}

// --- commands -----------------------------------------------------------------

type Cmd = fc.Command<Model, Real>;
// Mostly known users; now and then one the directory does not have.
const user = fc.oneof({ arbitrary: fc.constantFrom<string>(...USERS), weight: 9 }, { arbitrary: fc.constant("mallory"), weight: 1 });

function record(model: Model, real: Real, payload: Uint8Array, replyBytes: Uint8Array): void {
  model.sent.push(epochNow(real.clock));
  real.sent.push({ payload, reply: replyBytes });
}

class Enroll implements Cmd {
  constructor(readonly user: string, readonly rightPassword: boolean, readonly answers: readonly string[]) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const u = model.users.get(this.user);
    const password = this.rightPassword && u ? u.password : "Not-The-Password-1";
    const answers = this.answers.map((answer, i) => ({ question: QUESTIONS[i]!, answer }));
    const { reply, payload, replyBytes } = exchange(real, { op: "enroll", user: this.user, password, answers });
    let expected: Expected;
    if (!u) expected = { code: "UNKNOWN_USER" };
    else if (!this.rightPassword) {
      expected = { code: "BAD_CREDENTIALS" };
      model.audit++;
    } else {
      // A new enrolment starts over: no wrong answers, no lockout.
      u.answers = [...this.answers];
      u.wrong = [];
      u.lockedUntil = undefined;
      expected = { code: "OK" };
      model.audit++;
    }
    expect(observed(reply)).toEqual(expected);
    record(model, real, payload, replyBytes);
    agree(model, real);
  }
  toString = () => `enroll(${this.user}, ${this.rightPassword ? "right" : "wrong"} password, ${JSON.stringify(this.answers)})`;
}

class Questions implements Cmd {
  constructor(readonly user: string) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const u = model.users.get(this.user);
    const { reply, payload, replyBytes } = exchange(real, { op: "questions", user: this.user.toUpperCase() });
    const expected: Expected = !u ? { code: "UNKNOWN_USER" } : !u.answers ? { code: "NOT_ENROLLED" } : { code: "OK", questions: QUESTIONS };
    expect(observed(reply)).toEqual(expected);
    record(model, real, payload, replyBytes);
    agree(model, real);
  }
  toString = () => `questions(${this.user})`;
}

/** `answers`: the enrolled ones (in another case and spacing), or with one wrong. */
class Reset implements Cmd {
  constructor(readonly user: string, readonly answers: "right" | "wrong", readonly wrongAt: number, readonly validPassword: boolean) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const u = model.users.get(this.user);
    const now = epochNow(real.clock);
    const enrolled = u?.answers ?? ["a", "b", "c"];
    const given = enrolled.map((a, i) => (this.answers === "wrong" && i === this.wrongAt % enrolled.length ? POOL.find((p) => !same(p, a))! : ` ${a.toUpperCase()}  `));
    const newPassword = this.validPassword ? `Reset-Pw-${++model.nextPassword}` : "short";
    const { reply, payload, replyBytes } = exchange(real, { op: "reset", user: this.user, answers: given, newPassword });
    let expected: Expected;
    if (!u) expected = { code: "UNKNOWN_USER" };
    else if (!u.answers) expected = { code: "NOT_ENROLLED" };
    else if (u.lockedUntil !== undefined && now < u.lockedUntil) expected = { code: "LOCKED_OUT" };
    else {
      if (u.lockedUntil !== undefined) {
        u.lockedUntil = undefined;
        u.wrong = [];
      }
      model.audit++;
      if (this.answers === "right") {
        if (this.validPassword) {
          u.password = newPassword;
          u.wrong = [];
          expected = { code: "OK" };
        } else expected = { code: "DIRECTORY_ERROR" };
      } else {
        u.wrong = [...u.wrong.filter((t) => t > now - WINDOW), now];
        if (u.wrong.length >= THRESHOLD) {
          u.lockedUntil = now + LOCKOUT;
          expected = { code: "LOCKED_OUT" };
        } else expected = { code: "WRONG_ANSWERS", attemptsLeft: THRESHOLD - u.wrong.length };
      }
    }
    expect(observed(reply)).toEqual(expected);
    record(model, real, payload, replyBytes);
    agree(model, real);
  }
  toString = () => `reset(${this.user}, ${this.answers}${this.answers === "wrong" ? `@${this.wrongAt}` : ""}, ${this.validPassword ? "valid" : "too short"})`;
}

class Change implements Cmd {
  constructor(readonly user: string, readonly rightOld: boolean, readonly validPassword: boolean) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const u = model.users.get(this.user);
    const newPassword = this.validPassword ? `Change-Pw-${++model.nextPassword}` : "short";
    const { reply, payload, replyBytes } = exchange(real, { op: "change", user: this.user, oldPassword: this.rightOld && u ? u.password : "Wrong-Old-Pw-1", newPassword });
    let expected: Expected;
    if (!u) expected = { code: "UNKNOWN_USER" };
    else {
      model.audit++;
      if (this.rightOld && this.validPassword) {
        u.password = newPassword;
        expected = { code: "OK" };
      } else expected = { code: "DIRECTORY_ERROR" };
    }
    expect(observed(reply)).toEqual(expected);
    record(model, real, payload, replyBytes);
    agree(model, real);
  }
  toString = () => `change(${this.user}, ${this.rightOld ? "right" : "wrong"} old, ${this.validPassword ? "valid" : "too short"})`;
}

/** An attacker's burst of wrong answers for one user: the lockout must come at the fifth within the window. */
class Guesses implements Cmd {
  constructor(readonly user: string, readonly times: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    for (let i = 0; i < this.times; i++) new Reset(this.user, "wrong", i, true).run(model, real);
  }
  toString = () => `guesses(${this.user} x${this.times})`;
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.ms;
    real.clock.advance(this.ms);
    agree(model, real);
  }
  toString = () => `advance(${this.ms / 1000} s)`;
}

/** An earlier datagram again, byte for byte: within 30 s the first reply, after it a refusal; never a change. */
class Replay implements Cmd {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.sent.length > 0;
  run(model: Model, real: Real): void {
    const i = this.pick % model.sent.length;
    const out = handleDatagram(real.state, { from: WEB, payload: real.sent[i]!.payload }, real.deps);
    expect(out).toHaveLength(1);
    if (Math.abs(epochNow(real.clock) - model.sent[i]!) > FRESHNESS) expect(observed(openReply(real, out[0]!.payload))).toMatchObject({ code: "REQUEST_EXPIRED" });
    else expect(Buffer.from(out[0]!.payload).equals(Buffer.from(real.sent[i]!.reply))).toBe(true);
    agree(model, real);
  }
  toString = () => `replay(#${this.pick})`;
}

/** An earlier datagram with one byte changed (its id, stamp, body or tag): no answer, no change. */
class Forge implements Cmd {
  constructor(readonly pick: number, readonly at: number, readonly xor: number) {}
  check = (model: Readonly<Model>) => model.sent.length > 0;
  run(model: Model, real: Real): void {
    const forged = Uint8Array.from(real.sent[this.pick % model.sent.length]!.payload);
    const at = 8 + (this.at % (forged.length - 8));
    forged[at]! ^= this.xor;
    expect(handleDatagram(real.state, { from: WEB, payload: forged }, real.deps)).toEqual([]);
    agree(model, real);
  }
  toString = () => `forge(#${this.pick}, byte ${this.at}, ^${this.xor})`;
}

const answers = fc.tuple(fc.constantFrom(...POOL), fc.constantFrom(...POOL), fc.constantFrom(...POOL));
const reset = fc
  .tuple(user, fc.constantFrom<"right" | "wrong">("right", "wrong", "wrong", "wrong"), fc.nat(2), fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }))
  .map(([u, a, at, valid]) => new Reset(u, a, at, valid));
// fc.commands draws evenly from its list: resets are listed thrice, since a lockout takes five wrong answers.
const COMMANDS = [
  fc.tuple(user, fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }), answers).map(([u, right, a]) => new Enroll(u, right, a)),
  user.map((u) => new Questions(u)),
  reset,
  reset,
  reset,
  fc.tuple(user, fc.boolean(), fc.boolean()).map(([u, right, valid]) => new Change(u, right, valid)),
  fc.tuple(user, fc.integer({ min: 1, max: 6 })).map(([u, n]) => new Guesses(u, n)),
  fc.constantFrom(1000, 20_000, 31_000, 10 * MINUTE, 29 * MINUTE, 31 * MINUTE).map((ms) => new Advance(ms)),
  fc.nat().map((i) => new Replay(i)),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, at, xor]) => new Forge(i, at, xor)),
];

describe("the APR Server against a plain model", () => {
  it("enrol, right and wrong answers, lockout and unlock on the lab clock, reset, change, replays and forgeries", async () => {
    await checkProperty(
      fc.commands(COMMANDS, { maxCommands: 60, size: "medium" }),
      async (cmds) => {
        fc.modelRun(setup, cmds);
      },
      { runs: 80, file: "property-tests/apr-model.test.ts" },
    );
  });

  it("the model's checks can fail: a server that never locks out is caught", async () => {
    const setupNoLockout = () => {
      const s = setup();
      s.real.state.config = { ...s.real.state.config, lockoutThreshold: 1000 };
      return s;
    };
    const wrongFive = [new Enroll("alice", true, ["Rex", "Lyon", "Blue"]), ...Array.from({ length: 5 }, () => new Reset("alice", "wrong", 0, true))];
    expect(() => fc.modelRun(setupNoLockout, wrongFive)).toThrow(/WRONG_ANSWERS|LOCKED_OUT/);
    expect(() => fc.modelRun(setup, wrongFive)).not.toThrow();
  });
});
