import type { Rng } from "../../kernel/index.ts";
import { REQUEST_ID_BYTES } from "./wire-format.ts";

/**
 * Request ids: a random 8-byte prefix per Web Interface (from the lab rng,
 * so runs replay) and a counter, unique without drawing 16 random bytes per
 * request.
 */
export function requestIdSource(rng: Rng): () => Uint8Array {
  const prefix = rng.bytes(8);
  // Two 32-bit halves rather than a BigInt, and a pooled buffer: the web draws one per request.
  let high = 0;
  let low = 0;
  return () => {
    const id = Buffer.allocUnsafe(REQUEST_ID_BYTES);
    id.set(prefix, 0);
    id.writeUInt32BE(high, 8);
    id.writeUInt32BE(low, 12);
    if (++low > 0xffffffff) {
      low = 0;
      high++;
    }
    return id;
  };
}

/** A 4-byte nonce prefix: a role byte (server or web) and three bytes from the rng. */
export function noncePrefix(rng: Rng, role: "server" | "web"): Uint8Array {
  const prefix = new Uint8Array(4);
  prefix[0] = role === "server" ? 0x53 : 0x57;
  prefix.set(rng.bytes(3), 1);
  return prefix;
}
