import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DirectoryService } from "../ad/index.ts";
import {
  DEFAULT_SAMBA_DOMAIN,
  InMemoryDirectoryAdmin,
  PARITY_CASES,
  ParityNames,
  buildStage,
  endpointOf,
  formatParityTable,
  parityProblems,
  randomParityCase,
  runParityCase,
  tallyParity,
  type DirectoryAdmin,
  type ParityCase,
  type ParitySide,
} from "./index.ts";

const ENDPOINT = endpointOf(DEFAULT_SAMBA_DOMAIN, "ldaps://127.0.0.1:636");

async function memorySide(seed: number, wrap: (admin: InMemoryDirectoryAdmin) => DirectoryAdmin = (a) => a): Promise<ParitySide> {
  const admin = wrap(InMemoryDirectoryAdmin.like(ENDPOINT, seed));
  return { admin, stage: await buildStage(admin), domain: ENDPOINT };
}

/** An in-memory directory whose changes always succeed: a backend with a bug the runner must catch. */
function lenientChanges(admin: InMemoryDirectoryAdmin): DirectoryAdmin {
  const real = admin.service;
  const service: DirectoryService = {
    findUser: (n) => real.findUser(n),
    checkPassword: (u, p) => real.checkPassword(u, p),
    resetPassword: (a, u, p, o) => real.resetPassword(a, u, p, o),
    changePassword: async () => ({ ok: true }),
    unlock: (a, u) => real.unlock(a, u),
    isMemberOf: (u, g) => real.isMemberOf(u, g),
    canResetPassword: (a, u) => real.canResetPassword(a, u),
    passwordPolicy: () => real.passwordPolicy(),
    lockoutPolicy: () => real.lockoutPolicy(),
  };
  return {
    service,
    domainDn: admin.domainDn,
    createOu: (n) => admin.createOu(n),
    createUser: (s) => admin.createUser(s),
    createGroup: (n) => admin.createGroup(n),
    addToGroup: (g, m) => admin.addToGroup(g, m),
    delegate: (o, t, r) => admin.delegate(o, t, r),
    setAccountEnabled: (u, e) => admin.setAccountEnabled(u, e),
    setPolicies: (p, l) => admin.setPolicies(p, l),
    elapse: (ms) => admin.elapse(ms),
  };
}

const run = async (parityCase: ParityCase, other?: (admin: InMemoryDirectoryAdmin) => DirectoryAdmin) =>
  runParityCase(parityCase, { memory: await memorySide(1), samba: await memorySide(2, other) }, new ParityNames("p1"));

describe("the parity runner, with the in-memory directory on both sides", () => {
  it("passes every scripted case whose expectations hold, and the in-memory side meets every expectation", async () => {
    for (const parityCase of PARITY_CASES.filter((c) => !c.steps.some((s) => s.knownDifference))) {
      expect(parityProblems(await run(parityCase))).toEqual([]);
    }
  });

  it("reports a known difference that has gone (both sides agree where they should not)", async () => {
    const known = PARITY_CASES.find((c) => c.id === "known-complexity-names")!;
    const problems = parityProblems(await run(known));
    expect(problems.filter((p) => p.includes("known difference KD-COMPLEXITY-NAMES is gone: both gave CONSTRAINT_VIOLATION/19/0000052D NOT_COMPLEX"))).toHaveLength(2);
    expect(problems.filter((p) => p.includes("the known difference says OK"))).toHaveLength(2);
  });

  it("catches a backend that answers differently, naming the step and both outcomes", async () => {
    const history = PARITY_CASES.find((c) => c.id === "history")!;
    const problems = parityProblems(await run(history, lenientChanges));
    expect(problems[0]).toMatch(/^history\[0\] changePassword .*outcomes differ: in-memory CONSTRAINT_VIOLATION\/19\/0000052D IN_HISTORY, Samba OK/);
  });

  it("catches a broken expectation even when both sides agree", async () => {
    const wrong: ParityCase = { id: "wrong", title: "", setup: { users: [{ name: "jdoe", password: "Start-2026x" }] }, steps: [{ op: "checkPassword", user: "jdoe", password: "Start-2026x", expect: "INVALID_CREDENTIALS/49/52e" }] };
    expect(parityProblems(await run(wrong))).toEqual([expect.stringContaining("in-memory gave OK, expected INVALID_CREDENTIALS/49/52e")]);
  });

  it("generates random cases the directory accepts, which agree with themselves", async () => {
    for (const withElapse of [false, true]) {
      for (const parityCase of fc.sample(randomParityCase({ maxSteps: 10, withElapse }), { numRuns: 8, seed: 7 })) {
        expect(parityProblems(await run(parityCase))).toEqual([]);
      }
    }
  });

  it("tallies steps by operation into the table the parity script prints", async () => {
    const reports = [await run(PARITY_CASES.find((c) => c.id === "lockout-threshold")!), await run(PARITY_CASES.find((c) => c.id === "history")!, lenientChanges)];
    const tallies = tallyParity(reports);
    const checks = tallies.find((t) => t.label === "checkPassword")!;
    expect(checks).toMatchObject({ steps: 6, agree: 6, differ: 0 });
    expect(checks.outcomes.get("INVALID_CREDENTIALS/49/52e")).toBe(3);
    expect(tallies.find((t) => t.label === "changePassword")!.differ).toBeGreaterThan(0);
    const table = formatParityTable(tallies);
    expect(table.split("\n")[0]).toMatch(/^operation\s+steps\s+agree\s+known\s+differ\s+outcomes/);
    expect(table).toMatch(/\ntotal\s+\d+/);
  });
});
