import { expect, it } from "vitest";
import { Rng } from "../../kernel/index.ts";
import { AprDatabase } from "./apr-database.ts";
import { AprRequester, type DatagramPort, type ReplyTimers } from "./apr-requester.ts";
import type { Endpoint } from "./handle-datagram.ts";
import { MemoryDirectoryPort } from "./memory-directory-port.ts";
import { noncePrefix, requestIdSource } from "./request-ids.ts";
import { serveDatagrams } from "./serve-datagrams.ts";
import { AprServerState, DEFAULT_SERVER_CONFIG } from "./server-state.ts";
import { counterNonces, WireCodec } from "./wire-format.ts";

/** What a transport gives the contract: two sockets, a way to wait, and time. */
export interface ResetPathTransport {
  readonly server: DatagramPort;
  /** The address the web sends to (the server's address, port 5100 or the real ephemeral one). */
  readonly serverEndpoint: Endpoint;
  readonly web: DatagramPort;
  readonly timers: ReplyTimers;
  now(): number;
  /** Waits for a promise: drives the lab clock in the simulation, awaits on a real socket. */
  drive<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void> | void;
}

/**
 * One suite, two transports (hono's router/common.case.test.ts idea): the
 * same server handler and web requester pass it on the simulated network and
 * on real loopback sockets.
 */
export function runResetPathContract(name: string, open: () => Promise<ResetPathTransport>): void {
  const answers = [
    { question: "First pet?", answer: "Rex" },
    { question: "Birth town?", answer: "Lyon" },
  ];

  async function harness(serverProtocol = 323, webProtocol = 323) {
    const t = await open();
    const rng = new Rng(11);
    const dir = new MemoryDirectoryPort(8);
    dir.addUser("alice", "Old-Passw0rd");
    const state = new AprServerState({
      config: { ...DEFAULT_SERVER_CONFIG, protocol: serverProtocol, serviceAccount: "CORP\\svc-apr" },
      db: new AprDatabase(3),
      nonces: counterNonces(noncePrefix(rng.fork("server"), "server")),
    });
    const saltRng = rng.fork("salt");
    serveDatagrams(t.server, state, { now: () => t.now(), directory: dir, salt: () => saltRng.bytes(16) });
    const requester = new AprRequester(t.web, t.timers, {
      protocol: webProtocol,
      codec: new WireCodec(counterNonces(noncePrefix(rng.fork("web"), "web"))),
      requestIds: requestIdSource(rng.fork("ids")),
      now: () => t.now(),
      retryMs: 100,
      attempts: 3,
    });
    return { t, dir, state, requester };
  }

  it(`${name}: enroll, reset and change cross the transport and reach the directory`, async () => {
    const { t, dir, requester } = await harness();
    try {
      const send = (r: Parameters<AprRequester["send"]>[1]) => t.drive(requester.send(t.serverEndpoint, r));
      expect(await send({ op: "enroll", user: "alice", password: "Old-Passw0rd", answers })).toMatchObject({ ok: true, reply: { ok: true } });
      expect(await send({ op: "questions", user: "alice" })).toMatchObject({ ok: true, reply: { questions: ["First pet?", "Birth town?"] } });
      expect(await send({ op: "reset", user: "alice", answers: ["rex", "LYON"], newPassword: "Reset-Passw0rd" })).toMatchObject({ ok: true, reply: { ok: true } });
      expect(dir.passwordIs("alice", "Reset-Passw0rd")).toBe(true);
      expect(await send({ op: "change", user: "alice", oldPassword: "Reset-Passw0rd", newPassword: "Changed-Passw0rd" })).toMatchObject({ ok: true, reply: { ok: true } });
      expect(dir.passwordIs("alice", "Changed-Passw0rd")).toBe(true);
    } finally {
      requester.close();
      await t.close();
    }
  });

  it(`${name}: a web of another version gets "version mismatch" over the transport`, async () => {
    const { t, state, requester } = await harness(323, 322);
    try {
      const outcome = await t.drive(requester.send(t.serverEndpoint, { op: "questions", user: "alice" }));
      expect(outcome).toMatchObject({ ok: false, failure: "version-mismatch", serverVersion: "3.23", requestVersion: "3.22" });
      expect(state.counters.rejected["version-mismatch"]).toBe(1);
    } finally {
      requester.close();
      await t.close();
    }
  });

  it(`${name}: nothing listening means retransmissions, then a timeout`, async () => {
    const { t, requester } = await harness();
    try {
      t.server.close();
      const outcome = await t.drive(requester.send(t.serverEndpoint, { op: "questions", user: "alice" }));
      expect(outcome).toMatchObject({ ok: false, failure: "timeout", attempts: 3 });
    } finally {
      requester.close();
      await t.close();
    }
  });
}
