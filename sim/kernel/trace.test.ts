import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createContext } from "./create-context.ts";
import { canonicalJson } from "./canonical-json.ts";
import { traceHash } from "./trace.ts";

function run(seed: number): string {
  const { clock, rng, trace } = createContext(seed);
  trace.record({ host: "DC01", component: "ad", kind: "boot", data: { b: 1, a: [1, 2] } });
  clock.advance(1500);
  trace.record({ host: "WEB01", component: "net", kind: "send", data: { port: rng.fork("net").int(49152, 65535) } });
  return trace.hash();
}

describe("Trace", () => {
  it("same seed and actions give the same hash; another seed another hash where randomness is used", () => {
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it("stamps lab time and sequential ids and serialises canonically", () => {
    const { clock, trace } = createContext(1);
    clock.advance(250);
    const e = trace.record({ host: "H", component: "c", kind: "k", data: { z: 1, a: 2 } });
    expect(e).toMatchObject({ id: 1, time: 250 });
    expect(trace.canonical()).toBe('{"component":"c","data":{"a":2,"z":1},"host":"H","id":1,"kind":"k","time":250}');
    expect(Object.isFrozen(e)).toBe(true);
    expect(trace.since(0)).toHaveLength(1);
  });

  it("hashes the canonical lines, asked once or along the way, and the same from the events alone", () => {
    const { clock, trace } = createContext(1);
    const whole = createHash("sha256");
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      const e = trace.record({ host: "H", component: "c", kind: "k", data: { i, nested: { b: [i], a: "x" } } });
      whole.update(`${canonicalJson(e)}\n`);
      // Asking in between changes nothing: the running state only ever takes the new events.
      if (i % 2 === 0) expect(trace.hash()).toBe(traceHash(trace.events));
    }
    expect(trace.hash()).toBe(whole.digest("hex"));
    expect(trace.hash()).toBe(traceHash(trace.events));
    expect(traceHash(trace.events.slice(0, 4))).not.toBe(trace.hash());
  });

  it("canonical JSON does not depend on key order and renders bigint and bytes", () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
    expect(canonicalJson({ q: 5n, bin: new Uint8Array([1, 255]) })).toBe('{"bin":"01ff","q":"5n"}');
  });
});
