/**
 * Directory parity (issue 11): the same operations against the in-memory
 * directory and a throwaway Samba AD DC must give the same outcomes; and the
 * APR Server's reset path, unchanged, against that DC.
 *
 * One DC for the whole file (provisioning costs seconds), users fresh per
 * case. Without Samba on the host (and no container engine) the file skips
 * with the reason; under CI=true a missing Samba fails instead.
 * CI-sized: the scripted cases (one of which waits out a 3 s lockout) and a
 * short fast-check run. LAB_DEEP=1: longer and more sequences, and sequences
 * that wait out real lockout expiry. Known differences: sim/ad-samba/KNOWN-DIFFERENCES.md.
 */
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { dirname } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from "../sim/ad/index.ts";
import {
  BlockingSambaDirectory,
  PARITY_CASES,
  ParityHarness,
  STAGE_PASSWORD,
  chooseSambaBackend,
  parityProblems,
  randomParityCase,
  startSambaDc,
  type SambaDc,
} from "../sim/ad-samba/index.ts";
import { Rng } from "../sim/kernel/index.ts";
import { RealDatagramTransport } from "../sim/net/index.ts";
import {
  AprDatabase,
  AprRequester,
  AprServerState,
  DEFAULT_SERVER_CONFIG,
  WireCodec,
  counterNonces,
  hostTimers,
  noncePrefix,
  requestIdSource,
  serveDatagrams,
} from "../sim/products/apr/index.ts";

const CI = process.env.CI === "true";
const DEEP = process.env.LAB_DEEP === "1";
const SEED = process.env.LAB_PARITY_SEED ? Number(process.env.LAB_PARITY_SEED) : 20_260_105;

const choice = await chooseSambaBackend();
const containerNote = choice.container.available ? `container engine: ${choice.container.engine}` : `container path skipped: ${choice.container.reason}`;
if (choice.kind === "none") console.warn(`[directory parity] skipped: ${choice.reason}`);
else console.info(`[directory parity] Samba from the ${choice.kind}; ${containerNote}`);

describe.runIf(choice.kind === "none" && CI)("directory parity under CI", () => {
  it("needs Samba: CI installs it (apt-get install -y samba samba-ad-dc)", () => {
    throw new Error(choice.kind === "none" ? choice.reason : "unreachable");
  });
});

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe.skipIf(choice.kind === "none")("against a real Samba AD DC", () => {
  let dc: SambaDc | undefined;
  let harness: ParityHarness | undefined;

  beforeAll(async () => {
    dc = await startSambaDc(choice);
    harness = await ParityHarness.open(dc);
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
    await dc?.stop();
  }, 30_000);

  describe("directory parity: in-memory vs Samba", () => {
    for (const parityCase of PARITY_CASES) {
      it(`${parityCase.id}: ${parityCase.title}`, async () => {
        const report = await harness!.run(parityCase);
        expect(parityProblems(report)).toEqual([]);
      });
    }

    it(
      "random sequences of resets, changes, binds, unlocks and enable/disable agree step by step (fast-check)",
      async () => {
        await fc.assert(
          fc.asyncProperty(randomParityCase({ maxSteps: DEEP ? 30 : 12, withElapse: false }), async (parityCase) => {
            const problems = parityProblems(await harness!.run(parityCase));
            if (problems.length > 0) throw new Error(problems.join("\n"));
          }),
          { numRuns: DEEP ? 300 : 15, seed: SEED, endOnFailure: !DEEP },
        );
      },
      DEEP ? 1_800_000 : 120_000,
    );

    it.runIf(DEEP)(
      "random sequences that wait out real lockout expiry agree (deep run only)",
      async () => {
        await fc.assert(
          fc.asyncProperty(randomParityCase({ maxSteps: 8, withElapse: true }), async (parityCase) => {
            const problems = parityProblems(await harness!.run(parityCase));
            if (problems.length > 0) throw new Error(problems.join("\n"));
          }),
          { numRuns: 25, seed: SEED, endOnFailure: true },
        );
      },
      1_800_000,
    );
  });

  describe("the APR Server's reset path against Samba (real UDP on loopback, the handler unchanged)", () => {
    const answers = [
      { question: "First pet?", answer: "Rex" },
      { question: "Birth town?", answer: "Lyon" },
    ];

    it("enrols with a bind, resets (unlocking) as its service account, changes, and reports the DC's refusals", async () => {
      const admin = harness!.sambaAdmin;
      await admin.setPolicies({ ...DEFAULT_PASSWORD_POLICY, minAgeMs: 0 }, { ...DEFAULT_LOCKOUT_POLICY, threshold: 3 });
      await admin.createUser({ samAccountName: "svc-apr", password: STAGE_PASSWORD, passwordNeverExpires: true });
      await admin.addToGroup("HelpdeskStaff", "svc-apr");
      const staff = `OU=Staff,${admin.domainDn}`;
      await admin.createUser({ samAccountName: "apr-alice", ouDn: staff, password: "Start-2026x" });
      await admin.createUser({ samAccountName: "apr-bob", ouDn: `OU=Other,${admin.domainDn}`, password: "Start-2026x" });

      const directory = await BlockingSambaDirectory.open(dc!.endpoint, [["svc-apr", STAGE_PASSWORD]]);
      const transport = new RealDatagramTransport();
      const server = await transport.bind("127.0.0.1", 0);
      const web = await transport.bind("127.0.0.1", 0);
      const rng = new Rng(11);
      const saltRng = rng.fork("salt");
      const state = new AprServerState({
        config: { ...DEFAULT_SERVER_CONFIG, protocol: 323, serviceAccount: "LAB\\svc-apr" },
        db: new AprDatabase(3),
        nonces: counterNonces(noncePrefix(rng.fork("server"), "server")),
      });
      serveDatagrams(server, state, {
        now: () => Date.now(), // host-time-ok: the real transport runs in real time
        salt: () => saltRng.bytes(16),
        directory: {
          findUser: (name) => {
            const user = directory.findUser(name);
            return user ? { name: user.sAMAccountName } : undefined;
          },
          checkPassword: (user, password) => directory.checkPassword(user, password),
          resetPassword: (actor, user, password) => directory.resetPassword(actor, user, password, { unlock: true }),
          changePassword: (user, oldPassword, newPassword) => directory.changePassword(user, oldPassword, newPassword),
        },
      });
      const requester = new AprRequester(web, hostTimers(), {
        protocol: 323,
        codec: new WireCodec(counterNonces(noncePrefix(rng.fork("web"), "web"))),
        requestIds: requestIdSource(rng.fork("ids")),
        now: () => Date.now(), // host-time-ok
        retryMs: 5_000,
        attempts: 2,
      });
      const send = (request: Parameters<AprRequester["send"]>[1]) => requester.send(server.local, request);
      try {
        expect(await send({ op: "enroll", user: "apr-alice", password: "Wrong-2026x", answers })).toMatchObject({ ok: true, reply: { ok: false, code: "BAD_CREDENTIALS", directory: { code: "INVALID_CREDENTIALS", ldapCode: 49, adData: "52e" } } });
        expect(await send({ op: "enroll", user: "apr-alice", password: "Start-2026x", answers })).toMatchObject({ ok: true, reply: { ok: true } });
        // Lock the account on the DC, then reset through APR: the reset unlocks it.
        for (let i = 0; i < 3; i++) directory.checkPassword("apr-alice", "Wrong-2026x");
        expect(directory.checkPassword("apr-alice", "Start-2026x")).toMatchObject({ ok: false, error: { adData: "775" } });
        expect(await send({ op: "reset", user: "apr-alice", answers: ["rex", "LYON"], newPassword: "ab1" })).toMatchObject({
          ok: true,
          reply: { ok: false, code: "DIRECTORY_ERROR", directory: { code: "CONSTRAINT_VIOLATION", ldapCode: 19, adData: "0000052D" } },
        });
        expect(await send({ op: "reset", user: "apr-alice", answers: ["rex", "LYON"], newPassword: "Reset-2026x" })).toMatchObject({ ok: true, reply: { ok: true } });
        expect(directory.checkPassword("apr-alice", "Reset-2026x")).toEqual({ ok: true });
        expect(await send({ op: "change", user: "apr-alice", oldPassword: "Reset-2026x", newPassword: "Mine-2026xy" })).toMatchObject({ ok: true, reply: { ok: true } });
        expect(directory.checkPassword("apr-alice", "Mine-2026xy")).toEqual({ ok: true });
        // Outside the OU the service account is delegated on, the DC refuses the reset.
        expect(await send({ op: "enroll", user: "apr-bob", password: "Start-2026x", answers })).toMatchObject({ ok: true, reply: { ok: true } });
        expect(await send({ op: "reset", user: "apr-bob", answers: ["Rex", "Lyon"], newPassword: "Reset-2026x" })).toMatchObject({
          ok: true,
          reply: { ok: false, code: "DIRECTORY_ERROR", directory: { code: "INSUFFICIENT_RIGHTS", ldapCode: 50 } },
        });
        expect(await send({ op: "questions", user: "nobody" })).toMatchObject({ ok: true, reply: { ok: false, code: "UNKNOWN_USER" } });
      } finally {
        requester.close();
        server.close();
        web.close();
        await directory.close();
      }
    }, 60_000);
  });

  // Last: the DC goes away with everything it wrote.
  it("stop() ends Samba, frees LDAPS and removes the DC's folder", async () => {
    const folder = dirname(dirname(dc!.samDbPath));
    if (dc!.backend === "host") expect(existsSync(folder)).toBe(true);
    await harness!.close();
    await dc!.stop();
    expect(await portAnswers(Number(new URL(dc!.endpoint.url).port))).toBe(false);
    if (dc!.backend === "host") expect(existsSync(folder)).toBe(false);
  }, 30_000);
});
