import { describe, expect, it } from "vitest";
import { runDatagramFuzz, type FuzzOptions } from "./datagram-fuzzer.ts";
import { FUZZ_CLASSES } from "./fuzz-cases.ts";
import { handleDatagram } from "./handle-datagram.ts";

// The sample `npm test` runs; `npx tsx bench/fuzz-datagrams.ts` runs a million.
const SAMPLE = 10_000;

describe("the APR datagram fuzzer against the server's handler", () => {
  const report = runDatagramFuzz({ seed: 20_260_105, iterations: SAMPLE });

  it("a sample of every class: no crash, only well-formed requests read, nothing refused changes state", () => {
    expect(report.findings).toEqual([]);
    expect(report.crashes).toBe(0);
    expect(report.acceptedMalformed).toBe(0);
    expect(report.wellFormedRefused).toBe(0);
    expect(report.accepted).toBe(report.inputs["well-formed"]);
    expect(report.duplicatesWithOtherReply).toBe(0);
    expect(report.stateChangedByRejected).toBe(0);
    expect(report.fullStateChecks).toBeGreaterThan(50);
    for (const kind of FUZZ_CLASSES) expect(report.inputs[kind], kind).toBeGreaterThan(100);
  });

  it("reaches every refusal of the handler, and both answers to a replay", () => {
    for (const [reason, n] of Object.entries(report.rejected)) expect(n, reason).toBeGreaterThan(0);
    expect(report.outcomes.replay.duplicate).toBeGreaterThan(0);
    expect(report.outcomes.replay.stale).toBeGreaterThan(0);
    expect(report.outcomes.replay["replay-window"]).toBeGreaterThan(0);
    expect(report.restarts).toBeGreaterThan(0);
    expect(report.outcomes["bit-flip"]["version-mismatch"]).toBeGreaterThan(0);
    expect(report.outcomes["bit-flip"]["auth-failed"]).toBeGreaterThan(0);
  });

  it("replays from its seed", () => {
    const a = runDatagramFuzz({ seed: 3, iterations: 1500 });
    expect(runDatagramFuzz({ seed: 3, iterations: 1500 })).toEqual(a);
    expect(runDatagramFuzz({ seed: 4, iterations: 1500 }).inputs).not.toEqual(a.inputs);
  });
});

describe("the fuzzer's checks catch a broken handler (and pass the real one)", () => {
  const small: Omit<FuzzOptions, "handle"> = { seed: 9, iterations: 800, snapshotEvery: 4 };
  const real = runDatagramFuzz(small);

  it("(the real handler passes the same small run)", () => {
    expect([real.crashes, real.stateChangedByRejected, real.acceptedMalformed, real.duplicatesWithOtherReply, real.findingCount]).toEqual([0, 0, 0, 0, 0]);
    expect(real.duplicates).toBeGreaterThan(0);
  });

  it("counts a handler that throws as a crash", () => {
    const r = runDatagramFuzz({
      ...small,
      handle: (state, datagram, deps) => {
        if (datagram.payload.length > 0 && datagram.payload[0] !== 0x41) throw new TypeError("boom");
        return handleDatagram(state, datagram, deps);
      },
    });
    expect(r.crashes).toBeGreaterThan(0);
    expect(r.findings[0]).toMatchObject({ outcome: "crash", problem: expect.stringContaining("boom") });
  });

  it("sees a refused datagram that touched the directory", () => {
    const r = runDatagramFuzz({
      ...small,
      handle: (state, datagram, deps) => {
        const out = handleDatagram(state, datagram, deps);
        if (out.length === 0) deps.directory.findUser("user00");
        return out;
      },
    });
    expect(r.stateChangedByRejected).toBeGreaterThan(0);
  });

  it("sees a stale request accepted when freshness is not checked", () => {
    const r = runDatagramFuzz({
      ...small,
      weights: { stale: 20 },
      handle: (state, datagram, deps) => {
        state.config = { ...state.config, freshnessMs: Number.MAX_SAFE_INTEGER };
        return handleDatagram(state, datagram, deps);
      },
    });
    expect(r.acceptedMalformed).toBeGreaterThan(0);
    expect(r.findings.some((f) => f.kind === "stale" && f.outcome === "accepted")).toBe(true);
  });

  it("sees a replay answered with anything but the original reply", () => {
    const r = runDatagramFuzz({
      ...small,
      weights: { replay: 20 },
      handle: (state, datagram, deps) => {
        const duplicates = state.counters.duplicates;
        const out = handleDatagram(state, datagram, deps);
        return state.counters.duplicates > duplicates ? out.map((d) => ({ ...d, payload: Uint8Array.from(d.payload).reverse() })) : out;
      },
    });
    expect(r.duplicates).toBeGreaterThan(0);
    expect(r.duplicatesWithOtherReply).toBe(r.duplicates);
  });

  it("sees a refusal answered when it must stay silent", () => {
    const r = runDatagramFuzz({
      ...small,
      handle: (state, datagram, deps) => {
        const out = handleDatagram(state, datagram, deps);
        return out.length === 0 ? [{ to: datagram.from, payload: new Uint8Array(8) }] : out;
      },
    });
    expect(r.findings.some((f) => /must get none/.test(f.problem))).toBe(true);
  });
});
