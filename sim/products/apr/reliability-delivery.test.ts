import { describe, expect, it } from "vitest";
import { createContext, type FaultParamValue } from "../../kernel/index.ts";
import { FixedHostFirewall, NET_FAULT, Network, netFaultCatalog } from "../../net/index.ts";
import { AprDatabase } from "./apr-database.ts";
import { AprRequester, type ExchangeOutcome } from "./apr-requester.ts";
import { MemoryDirectoryPort } from "./memory-directory-port.ts";
import { clockTimers } from "./reply-timers.ts";
import { noncePrefix, requestIdSource } from "./request-ids.ts";
import { serveDatagrams } from "./serve-datagrams.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
import { APR_UDP_PORT, counterNonces, WireCodec } from "./wire-format.ts";

/**
 * The reset path under a hostile network, over many seeds: the Web
 * Interface (its real requester: 4 attempts, 1.5 s apart) in the DMZ, the
 * APR Server inside, the DMZ firewall between, and the network's faults
 * on. A checker over each finished run (apart from the simulation) says
 * whether every reset was applied exactly once and every request got an
 * answer or a clear timeout.
 */

type Faults = Readonly<Record<string, Record<string, FaultParamValue>>>;

const ANSWERS = ["Rex", "Lyon", "Mrs Smith"];
const USERS = 6;
const ROUNDS = 2;
const ATTEMPTS = 4;

/** One reset the web asked for: which user, the password it sets (unique per request), and what came back. */
interface Exchange {
  readonly user: string;
  readonly newPassword: string;
  readonly outcome: ExchangeOutcome;
}

/** What the run left behind, for the checker. */
interface RunRecord {
  readonly exchanges: readonly Exchange[];
  /** Every reset the directory applied, in order. */
  readonly applied: readonly { readonly user: string; readonly newPassword: string }[];
  readonly auditResets: number;
  readonly finalPassword: (user: string) => (password: string) => boolean;
  readonly duplicatesAtServer: number;
  readonly retransmissions: number;
}

async function runResets(seed: number, faults: Faults): Promise<RunRecord> {
  const context = createContext(seed, netFaultCatalog());
  const network = new Network(context);
  network.addNode({ name: "WEB01", ip: "172.16.0.20", zone: "dmz", domainJoined: false, firewall: FixedHostFirewall.off() });
  network.addNode({ name: "APR01", ip: "10.0.0.20", zone: "internal", domainJoined: false, firewall: FixedHostFirewall.off() });
  network.addPerimeterRule({ name: "apr-request", action: "allow", protocol: "udp", from: "172.16.0.20", to: "10.0.0.20", port: APR_UDP_PORT });
  network.addPerimeterRule({ name: "apr-reply", action: "allow", protocol: "udp", from: "10.0.0.20", to: "172.16.0.20", sourcePort: APR_UDP_PORT });
  for (const [name, params] of Object.entries(faults)) context.faults.activate(name, params);

  const directory = new MemoryDirectoryPort(8);
  const applied: { user: string; newPassword: string }[] = [];
  const recording = {
    findUser: (n: string) => directory.findUser(n),
    checkPassword: (u: string, p: string) => directory.checkPassword(u, p),
    changePassword: (u: string, o: string, n: string) => directory.changePassword(u, o, n),
    resetPassword: (actor: string, user: string, newPassword: string) => {
      const result = directory.resetPassword(actor, user, newPassword);
      if (result.ok) applied.push({ user, newPassword });
      return result;
    },
  };
  const db = new AprDatabase(3);
  const rng = context.rng.fork("apr-test");
  for (let i = 0; i < USERS; i++) {
    directory.addUser(`user${i}`, `Initial-Passw0rd-${i}`);
    db.enroll(`user${i}`, ANSWERS.map((answer, q) => ({ question: `Q${q}?`, answer })), rng.bytes(16), 0);
  }
  const epochNow = (): number => context.clock.epochMs + context.clock.now();
  const state = new AprServerState({ config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "CORP\\svc-apr" }, db, nonces: counterNonces(noncePrefix(rng.fork("server"), "server")) });
  serveDatagrams(network.datagrams().bindNow("APR01", APR_UDP_PORT), state, { now: epochNow, directory: recording, salt: () => rng.bytes(16) });
  const requester = new AprRequester(network.datagrams().bindNow("WEB01", 0), clockTimers(context.clock), {
    protocol: 323,
    codec: new WireCodec(counterNonces(noncePrefix(rng.fork("web"), "web"))),
    requestIds: requestIdSource(rng.fork("ids")),
    now: epochNow,
    attempts: ATTEMPTS,
  });
  const server = { address: "10.0.0.20", port: APR_UDP_PORT };

  const exchanges: Exchange[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Every user's reset in flight at once, so reordered and duplicated datagrams of different requests mix.
    const pending = Array.from({ length: USERS }, (_, i) => {
      const user = `user${i}`;
      const newPassword = `Round${round}-Passw0rd-${i}`;
      return requester.send(server, { op: "reset", user, answers: ANSWERS, newPassword }).then((outcome) => exchanges.push({ user, newPassword, outcome }));
    });
    // The requester and the server are synchronous on the lab clock: draining it settles every exchange.
    context.clock.runUntilIdle();
    await Promise.all(pending);
  }
  requester.close();
  return {
    exchanges,
    applied,
    auditResets: db.auditLog().filter((a) => a.event === "reset").length,
    finalPassword: (user) => (password) => directory.passwordIs(user, password),
    duplicatesAtServer: state.counters.duplicates,
    retransmissions: exchanges.reduce((n, e) => n + e.outcome.attempts - 1, 0),
  };
}

/** The checker: what is wrong with a finished run (nothing, when exactly-once and answer-or-timeout hold). */
function deliveryProblems(run: RunRecord): string[] {
  const problems: string[] = [];
  const times = (e: Exchange) => run.applied.filter((a) => a.user === e.user && a.newPassword === e.newPassword).length;
  for (const e of run.exchanges) {
    const n = times(e);
    if (n > 1) problems.push(`${e.user}: the reset to ${e.newPassword} was applied ${n} times`);
    const o = e.outcome;
    if (o.ok) {
      if (!o.reply.ok) problems.push(`${e.user}: the server refused a valid reset (${o.reply.code})`);
      else if (n !== 1) problems.push(`${e.user}: the web was told the reset succeeded, but it was applied ${n} times`);
    } else if (o.failure !== "timeout") {
      problems.push(`${e.user}: the request ended in ${o.failure}, neither an answer nor a timeout`);
    } else if (o.attempts !== ATTEMPTS || !new RegExp(`no answer from the Password Reset Server at .* after ${ATTEMPTS} attempts`).test(o.detail)) {
      problems.push(`${e.user}: a timeout that is not the web's clear one after its ${ATTEMPTS} attempts: ${o.attempts} attempts, "${o.detail}"`);
    }
  }
  if (run.applied.length !== run.auditResets) problems.push(`the directory applied ${run.applied.length} resets, the audit log shows ${run.auditResets}`);
  const unasked = run.applied.filter((a) => !run.exchanges.some((e) => e.user === a.user && e.newPassword === a.newPassword));
  if (unasked.length > 0) problems.push(`${unasked.length} resets were applied that no request asked for`);
  // Each user ends with the password of the last reset applied to them.
  for (let i = 0; i < USERS; i++) {
    const last = run.applied.filter((a) => a.user === `user${i}`).at(-1);
    if (last && !run.finalPassword(last.user)(last.newPassword)) problems.push(`user${i} does not have the password of the last reset applied`);
  }
  return problems;
}

const HOSTILE: Faults = {
  [NET_FAULT.loss]: { probability: 0.2 },
  [NET_FAULT.duplication]: { probability: 0.2 },
  // Held back up to 4 s: longer than the web's retry interval, so retransmissions overtake originals.
  [NET_FAULT.reorder]: { probability: 0.2, maxExtraDelayMs: 4000 },
};

/**
 * `maxTimeouts`: the share of requests allowed to time out. Four attempts
 * through 20 % loss each way lose about 1.7 %; held-back datagrams add some.
 * When the round trip nears the retry interval, replies to the last attempt
 * come after the web has given up (6 s after the first send): about 10 %.
 */
const PROFILES: readonly { name: string; faults: Faults; seeds: number; maxTimeouts: number }[] = [
  { name: "20 % loss, duplication and reordering", faults: HOSTILE, seeds: 150, maxTimeouts: 0.05 },
  { name: "the same under a 200-250 ms delay", faults: { ...HOSTILE, [NET_FAULT.delay]: { latencyMs: 200, jitterMs: 50 } }, seeds: 100, maxTimeouts: 0.05 },
  { name: "a delay longer than the retry interval (every request retransmitted)", faults: { ...HOSTILE, [NET_FAULT.delay]: { latencyMs: 900, jitterMs: 300 } }, seeds: 100, maxTimeouts: 0.15 },
];

describe("the reset path under loss, duplication, reordering and delay, over many seeds", () => {
  for (const profile of PROFILES) {
    it(`${profile.name}: every reset applied exactly once; every request answered or clearly timed out`, async () => {
      let answered = 0;
      let timeouts = 0;
      let duplicates = 0;
      let retransmissions = 0;
      for (let seed = 1; seed <= profile.seeds; seed++) {
        const run = await runResets(seed, profile.faults);
        expect(deliveryProblems(run), `seed ${seed}`).toEqual([]);
        expect(run.exchanges).toHaveLength(USERS * ROUNDS);
        answered += run.exchanges.filter((e) => e.outcome.ok).length;
        timeouts += run.exchanges.filter((e) => !e.outcome.ok).length;
        duplicates += run.duplicatesAtServer;
        retransmissions += run.retransmissions;
      }
      // The faults did act: requests were retransmitted and the server answered repeats from its cache.
      expect(retransmissions).toBeGreaterThan(profile.seeds);
      expect(duplicates).toBeGreaterThan(profile.seeds);
      expect(timeouts / (answered + timeouts)).toBeLessThan(profile.maxTimeouts);
    });
  }

  it("without faults: no retransmission, no repeat at the server, no timeout, each reset once", async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const run = await runResets(seed, {});
      expect(deliveryProblems(run)).toEqual([]);
      expect(run.exchanges.every((e) => e.outcome.ok && e.outcome.attempts === 1)).toBe(true);
      expect([run.retransmissions, run.duplicatesAtServer, run.applied.length]).toEqual([0, 0, USERS * ROUNDS]);
    }
  });

  it("a total loss ends every request in the web's clear timeout, and nothing is applied", async () => {
    const run = await runResets(1, { [NET_FAULT.loss]: { probability: 1 } });
    expect(deliveryProblems(run)).toEqual([]);
    expect(run.exchanges.every((e) => !e.outcome.ok && e.outcome.failure === "timeout" && e.outcome.attempts === ATTEMPTS)).toBe(true);
    expect(run.applied).toEqual([]);
  });

  it("the checker names a reset applied twice, a success not applied, a reset nobody asked for, an unclear timeout", async () => {
    const run = await runResets(2, {});
    const first = run.exchanges[0]!;
    expect(deliveryProblems({ ...run, applied: [{ user: first.user, newPassword: first.newPassword }, ...run.applied], auditResets: run.auditResets + 1 })).toEqual([
      expect.stringMatching(/applied 2 times/),
      expect.stringMatching(/told the reset succeeded, but it was applied 2 times/),
    ]);
    const missing = run.applied.filter((a) => a.newPassword !== first.newPassword);
    expect(deliveryProblems({ ...run, applied: missing, auditResets: missing.length })).toEqual([expect.stringMatching(/succeeded, but it was applied 0 times/)]);
    expect(deliveryProblems({ ...run, applied: [...run.applied, { user: "user0", newPassword: "Sneaky-1" }] })).toEqual([
      expect.stringMatching(/audit log shows/),
      expect.stringMatching(/no request asked for/),
      expect.stringMatching(/does not have the password/),
    ]);
    const vague: Exchange = { ...first, outcome: { ok: false, failure: "timeout", attempts: 1, detail: "the Web Interface closed its socket" } };
    expect(deliveryProblems({ ...run, exchanges: [vague], applied: [], auditResets: 0 })).toEqual([expect.stringMatching(/not the web's clear one/)]);
  });
});
