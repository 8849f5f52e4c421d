import { LAB_EPOCH_MS, Rng } from "../../kernel/index.ts";
import { AprDatabase } from "./apr-database.ts";
import { decodeJson, parseReply, parseWireError } from "./apr-messages.ts";
import type { AprDirectoryPort } from "./directory-port.ts";
import { ALLOWED_OUTCOMES, FUZZ_CLASSES, FuzzCaseMaker, type FuzzClass, type FuzzOutcome, type Sent } from "./fuzz-cases.ts";
import { handleDatagram, type OutboundDatagram, type ServerDeps } from "./handle-datagram.ts";
import { MemoryDirectoryPort } from "./memory-directory-port.ts";
import { noncePrefix } from "./request-ids.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG, type RejectCounter, type ServerCounters } from "./server-state.ts";
import { counterNonces, parseHeader, WIRE_KIND, WireCodec } from "./wire-format.ts";

export interface FuzzOptions {
  readonly seed: number;
  readonly iterations: number;
  /** Relative weights of the classes; a class left out keeps its default weight, 0 turns it off. */
  readonly weights?: Partial<Record<FuzzClass, number>>;
  /** Compare the whole database and directory around every n-th refused input (default 64). */
  readonly snapshotEvery?: number;
  readonly onProgress?: (done: number) => void;
  /** The handler under test (default: the APR Server's); the fuzzer's own tests pass broken ones. */
  readonly handle?: typeof handleDatagram;
}

/** One thing the fuzzer found wrong, with what replays it. */
export interface FuzzFinding {
  readonly iteration: number;
  readonly kind: FuzzClass;
  readonly outcome: FuzzOutcome | "crash" | "none";
  readonly problem: string;
  /** The first 96 bytes of the input, hex. */
  readonly payloadHex: string;
}

export type FuzzResult = FuzzOutcome | "crash" | "none";

export interface FuzzReport {
  readonly seed: number;
  readonly iterations: number;
  readonly inputs: Readonly<Record<FuzzClass, number>>;
  /** What each class of input came to. */
  readonly outcomes: Readonly<Record<FuzzClass, Partial<Record<FuzzResult, number>>>>;
  /** The handler threw (must be 0). */
  readonly crashes: number;
  /** Inputs refused, by the server's reason. */
  readonly rejected: Readonly<Record<RejectCounter, number>>;
  /** Times the service restarted during the run (a new dedup cache over the same database). */
  readonly restarts: number;
  /** Inputs that got a fresh answer (the request was read and decided). */
  readonly accepted: number;
  /** Accepted inputs that were not generated well-formed (must be 0). */
  readonly acceptedMalformed: number;
  /** Well-formed inputs that were not accepted (must be 0). */
  readonly wellFormedRefused: number;
  /** Replays answered from the dedup cache, and those whose answer differed from the original's (must be 0). */
  readonly duplicates: number;
  readonly duplicatesWithOtherReply: number;
  /** Refused or replayed inputs after which the database or the directory had changed (must be 0). */
  readonly stateChangedByRejected: number;
  /** Whole-state comparisons made (the cheap fingerprint is compared around every refused input). */
  readonly fullStateChecks: number;
  /** Outcomes a class does not allow, malformed replies, crashes: the first 20. */
  readonly findings: readonly FuzzFinding[];
  readonly findingCount: number;
}

const DEFAULT_WEIGHTS: Readonly<Record<FuzzClass, number>> = {
  "well-formed": 12,
  replay: 8,
  "random-bytes": 5,
  "random-after-header": 5,
  truncated: 5,
  "bit-flip": 5,
  "wrong-key": 5,
  "wrong-version": 5,
  "wrong-kind": 5,
  "forged-request-id": 5,
  stale: 5,
  oversized: 3,
  "sealed-garbage": 5,
};

const FROM = { address: "172.16.0.20", port: 50_123 };
const USERS = Array.from({ length: 16 }, (_, i) => ({ name: `user${String(i).padStart(2, "0")}`, password: `Fuzz-Passw0rd-${i}` }));
const ANSWERS = ["Rex", "Lyon", "Mrs Smith"];
const HISTORY = 64;

/**
 * Throws `iterations` generated datagrams at one APR Server (the lab's
 * handler, unchanged) and checks every answer: nothing throws; each input
 * gets only an outcome its class allows; only well-formed requests are
 * read and decided; a replay gets the original's bytes or is refused (stale,
 * or within the replay window after a restart); and nothing refused changes
 * the database or the directory.
 * Deterministic: the same seed gives the same report.
 */
export function runDatagramFuzz(options: FuzzOptions): FuzzReport {
  const rng = new Rng(options.seed).fork("apr-fuzz");
  const snapshotEvery = Math.max(1, options.snapshotEvery ?? 64);
  const handle = options.handle ?? handleDatagram;
  const directory = new CountingDirectory(new MemoryDirectoryPort(8));
  for (const u of USERS) directory.inner.addUser(u.name, u.password);
  let now = LAB_EPOCH_MS;
  const db = new AprDatabase(3, 64);
  const serverRng = rng.fork("server");
  // The service restarts now and then: the database stays, the dedup cache is new.
  const start = (): AprServerState =>
    new AprServerState({ config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" }, db, nonces: counterNonces(noncePrefix(serverRng, "server")), startedAt: now });
  let state = start();
  let restarts = 0;
  let dbChanges = 0;
  const salts = rng.fork("salt");
  const deps: ServerDeps = { now: () => now, directory, salt: () => salts.bytes(16), onDatabaseChange: () => void dbChanges++ };
  const web = new WireCodec(counterNonces(noncePrefix(rng.fork("web"), "web")));
  const maker = new FuzzCaseMaker(rng.fork("cases"), { protocol: 323, freshnessMs: state.config.freshnessMs, users: USERS, answers: ANSWERS }, web, rng.fork("ids").bytes(8));
  const pick = weightedPicker({ ...DEFAULT_WEIGHTS, ...options.weights }, rng.fork("classes"));
  const clockRng = rng.fork("clock");

  const inputs = Object.fromEntries(FUZZ_CLASSES.map((c) => [c, 0])) as Record<FuzzClass, number>;
  const outcomes = Object.fromEntries(FUZZ_CLASSES.map((c) => [c, {}])) as Record<FuzzClass, Partial<Record<FuzzResult, number>>>;
  const findings: FuzzFinding[] = [];
  let findingCount = 0;
  let crashes = 0;
  let accepted = 0;
  let acceptedMalformed = 0;
  let wellFormedRefused = 0;
  let duplicates = 0;
  let duplicatesWithOtherReply = 0;
  let stateChangedByRejected = 0;
  let fullStateChecks = 0;
  let refusedSeen = 0;
  const history: Sent[] = [];
  const fingerprint = (): string => `${directory.calls}|${dbChanges}|${state.db!.userCount}|${state.db!.auditLog().length}`;
  const snapshot = (): string => state.db!.serializeUsers() + state.db!.serializeLog() + USERS.map((u) => directory.inner.passwordIs(u.name, u.password)).join();

  for (let i = 0; i < options.iterations; i++) {
    if (i % 65_536 === 0) options.onProgress?.(i);
    // Time moves a little per datagram and now and then jumps, so replays are both fresh and stale.
    now += clockRng.chance(0.0005) ? clockRng.int(20_000, 45_000) : clockRng.int(0, 2);
    if (clockRng.chance(0.0002)) {
      // A restart takes seconds: the old process answered nothing at the instant the new one starts.
      now += clockRng.int(1000, 5000);
      state = start();
      restarts++;
    }
    const kind = pick();
    const input = maker.make(kind, now, history);
    inputs[input.kind]++;
    const before = { ...state.counters, rejected: { ...state.counters.rejected } };
    const print = fingerprint();
    const full = refusedSeen % snapshotEvery === 0 && input.kind !== "well-formed" ? snapshot() : undefined;
    const note = (outcome: FuzzResult, problem: string): void => {
      findingCount++;
      if (findings.length < 20) findings.push({ iteration: i, kind: input.kind, outcome, problem, payloadHex: Buffer.from(input.payload.subarray(0, 96)).toString("hex") });
    };
    let replies: OutboundDatagram[];
    try {
      replies = handle(state, { from: FROM, payload: input.payload }, deps);
    } catch (error) {
      crashes++;
      outcomes[input.kind].crash = (outcomes[input.kind].crash ?? 0) + 1;
      note("crash", `the handler threw: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const outcome = outcomeOf(before, state.counters);
    outcomes[input.kind][outcome] = (outcomes[input.kind][outcome] ?? 0) + 1;
    if (!(ALLOWED_OUTCOMES[input.kind] as readonly FuzzResult[]).includes(outcome)) note(outcome, `a ${input.kind} input came to ${outcome}; allowed: ${ALLOWED_OUTCOMES[input.kind].join(", ")}`);
    if (outcome === "accepted") {
      accepted++;
      if (input.kind !== "well-formed") acceptedMalformed++;
      const problem = checkReply(web, replies, WIRE_KIND.reply);
      if (problem) note(outcome, problem);
      else {
        const sent = { payload: input.payload, timestampMs: now, reply: replies[0]!.payload };
        if (history.length < HISTORY) history.push(sent);
        else history[clockRng.int(0, HISTORY - 1)] = sent;
      }
      continue;
    }
    if (input.kind === "well-formed") wellFormedRefused++;
    refusedSeen++;
    if (outcome === "duplicate") {
      duplicates++;
      if (replies.length !== 1 || !input.original || !Buffer.from(replies[0]!.payload).equals(Buffer.from(input.original.reply))) {
        duplicatesWithOtherReply++;
        note(outcome, "a replay was not answered with the original reply");
      }
    } else {
      const problem = outcome === "version-mismatch" || outcome === "stale" ? checkReply(web, replies, WIRE_KIND.error) : outcome === "bad-request" ? checkReply(web, replies, WIRE_KIND.reply) : replies.length > 0 ? `a ${outcome} input got ${replies.length} replies; it must get none` : undefined;
      if (problem) note(outcome, problem);
    }
    const changed = fingerprint() !== print || (full !== undefined && snapshot() !== full);
    if (full !== undefined) fullStateChecks++;
    if (changed) {
      stateChangedByRejected++;
      note(outcome, "a refused input changed the database or the directory");
    }
  }
  options.onProgress?.(options.iterations);

  const rejected = Object.fromEntries(Object.keys(state.counters.rejected).map((reason) => [reason, FUZZ_CLASSES.reduce((n, k) => n + (outcomes[k][reason as RejectCounter] ?? 0), 0)])) as Record<RejectCounter, number>;
  return {
    seed: options.seed,
    iterations: options.iterations,
    inputs,
    outcomes,
    crashes,
    rejected,
    restarts,
    accepted,
    acceptedMalformed,
    wellFormedRefused,
    duplicates,
    duplicatesWithOtherReply,
    stateChangedByRejected,
    fullStateChecks,
    findings,
    findingCount,
  };
}

/** What the handler did with one datagram, read from its counters. */
function outcomeOf(before: ServerCounters, after: ServerCounters): FuzzResult {
  if (after.duplicates > before.duplicates) return "duplicate";
  for (const reason of Object.keys(after.rejected) as RejectCounter[]) if (after.rejected[reason] > before.rejected[reason]) return reason;
  return after.replied > before.replied ? "accepted" : "none";
}

/** One reply of the expected kind, that the web opens and reads; else what is wrong with it. */
function checkReply(web: WireCodec, replies: readonly OutboundDatagram[], kind: number): string | undefined {
  if (replies.length !== 1) return `expected one reply, got ${replies.length}`;
  const reply = replies[0]!;
  if (reply.to !== FROM && (reply.to.address !== FROM.address || reply.to.port !== FROM.port)) return "the reply goes elsewhere than the sender";
  const header = parseHeader(reply.payload);
  if (!header.ok || header.header.kind !== kind) return `the reply is not of kind ${kind}`;
  const opened = web.open(reply.payload, header.header);
  if (!opened.ok) return `the web cannot open the reply (${opened.reason})`;
  const body = decodeJson(opened.plaintext);
  if (kind === WIRE_KIND.error ? !parseWireError(body) : !parseReply(body)) return "the reply does not read as a reply";
  return undefined;
}

function weightedPicker(weights: Readonly<Record<FuzzClass, number>>, rng: Rng): () => FuzzClass {
  const classes = FUZZ_CLASSES.filter((c) => weights[c] > 0);
  if (classes.length === 0) throw new RangeError("every fuzz class has weight 0");
  const cumulative: number[] = [];
  let total = 0;
  for (const c of classes) cumulative.push((total += weights[c]));
  return () => {
    const x = rng.float() * total;
    let i = 0;
    while (cumulative[i]! <= x) i++;
    return classes[i]!;
  };
}

/** The directory the fuzzed server sees, counting every call: a refused input must make none. */
class CountingDirectory implements AprDirectoryPort {
  calls = 0;
  constructor(readonly inner: MemoryDirectoryPort) {}
  findUser(name: string) {
    this.calls++;
    return this.inner.findUser(name);
  }
  checkPassword(user: string, password: string) {
    this.calls++;
    return this.inner.checkPassword(user, password);
  }
  resetPassword(actor: string, user: string, newPassword: string) {
    this.calls++;
    return this.inner.resetPassword(actor, user, newPassword);
  }
  changePassword(user: string, oldPassword: string, newPassword: string) {
    this.calls++;
    return this.inner.changePassword(user, oldPassword, newPassword);
  }
}
