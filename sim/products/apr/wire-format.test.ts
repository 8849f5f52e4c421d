import { describe, expect, it } from "vitest";
import { counterNonces, encodeHeader, HEADER_BYTES, parseHeader, WIRE_KIND, WireCodec, type WireHeader } from "./wire-format.ts";

const id = (n: number) => new Uint8Array(16).fill(n);
const header = (over: Partial<WireHeader> = {}): WireHeader => ({ kind: WIRE_KIND.request, protocol: 323, requestId: id(7), timestampMs: 1_767_600_000_000, ...over });
const codec = (prefix = 1) => new WireCodec(counterNonces(new Uint8Array([prefix, 0, 0, 0])));
const text = (s: string) => new TextEncoder().encode(s);

describe("wire format (the lab's own)", () => {
  it("round-trips a sealed datagram and exposes the cleartext header", () => {
    const sealed = codec(1).seal(header(), text("hello"));
    expect(Buffer.from(sealed.subarray(0, 3)).toString()).toBe("APR");
    const opened = codec(2).open(sealed);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(new TextDecoder().decode(opened.plaintext)).toBe("hello");
    expect(opened.header.protocol).toBe(323);
    expect(opened.header.timestampMs).toBe(1_767_600_000_000);
    expect([...opened.header.requestId]).toEqual([...id(7)]);
  });

  it("the plaintext is not readable on the wire", () => {
    const sealed = codec().seal(header(), text("secret-answer"));
    expect(Buffer.from(sealed).includes(Buffer.from("secret-answer"))).toBe(false);
  });

  it("a changed byte anywhere (header or body) fails authentication; unchanged passes", () => {
    const sealed = codec().seal(header(), text("payload"));
    for (const at of [5, 9, 30, HEADER_BYTES + 14, sealed.length - 1]) {
      const tampered = Uint8Array.from(sealed);
      tampered[at]! ^= 0x01;
      const r = codec().open(tampered);
      expect(r.ok, `byte ${at}`).toBe(false);
    }
    expect(codec().open(sealed).ok).toBe(true);
  });

  it("another protocol version derives another key: a re-labelled header fails authentication", () => {
    const sealed = Uint8Array.from(codec().seal(header({ protocol: 322 }), text("x")));
    Buffer.from(sealed.buffer).writeUInt16BE(323, 4);
    const r = codec().open(sealed);
    expect(r).toMatchObject({ ok: false, reason: "auth-failed" });
  });

  it("error replies use a version-independent key", () => {
    const sealed = codec().seal(header({ kind: WIRE_KIND.error, protocol: 323 }), text("{}"));
    const relabelled = Uint8Array.from(sealed);
    expect(codec().open(relabelled).ok).toBe(true);
  });

  it("rejects short, long, foreign and unknown-kind datagrams by reason", () => {
    expect(parseHeader(new Uint8Array(10))).toEqual({ ok: false, reason: "short" });
    expect(parseHeader(new Uint8Array(9000))).toEqual({ ok: false, reason: "too-long" });
    const foreign = new Uint8Array(80);
    expect(parseHeader(foreign)).toEqual({ ok: false, reason: "bad-magic" });
    const kind = Uint8Array.from(codec().seal(header(), text("x")));
    kind[3] = 9;
    expect(parseHeader(kind)).toEqual({ ok: false, reason: "bad-kind" });
  });

  it("nonces from one source never repeat", () => {
    const next = counterNonces(new Uint8Array([9, 9, 9, 9]));
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(Buffer.from(next()).toString("hex"));
    expect(seen.size).toBe(1000);
  });

  it("refuses a request id of the wrong length", () => {
    expect(() => encodeHeader(header({ requestId: new Uint8Array(3) }))).toThrow(RangeError);
  });
});
