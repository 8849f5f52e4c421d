/**
 * Generates the RSA key pool the lab signs certificates with.
 *
 * RSA-2048 generation takes tens to hundreds of ms per key, far too slow for a
 * scenario that mints dozens of certificates. The pool is generated once,
 * committed as a fixture, and the lab picks keys from it with its seeded rng,
 * which keeps runs fast and replayable. Run with:
 *
 *   npx tsx sim/certs/generate-key-pool.ts [count]
 *
 * This script is the one place in sim/certs that uses host randomness: the
 * keys are fixture data, created outside any lab run.
 */
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { KeyPoolFile } from "./key-pool.ts";

const DEFAULT_COUNT = 24;

export function generateKeyPool(count: number): KeyPoolFile {
  const keys = [];
  for (let index = 0; index < count; index++) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicExponent: 0x10001,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    keys.push({ index, privateKeyPem: privateKey, publicKeyPem: publicKey });
  }
  return {
    format: "lab-key-pool/1",
    algorithm: "RSA-2048",
    note: "Test-only keys for the simulated lab. Public on purpose; never use them for anything real.",
    keys,
  };
}

function main(argv: readonly string[]): void {
  const count = argv[0] === undefined ? DEFAULT_COUNT : Number(argv[0]);
  if (!Number.isInteger(count) || count < 2 || count > 256) {
    console.error(`usage: npx tsx sim/certs/generate-key-pool.ts [count]   (count: an integer from 2 to 256, got "${argv[0]}")`);
    process.exitCode = 2;
    return;
  }
  const target = fileURLToPath(new URL("./fixtures/key-pool.json", import.meta.url));
  writeFileSync(target, `${JSON.stringify(generateKeyPool(count), null, 2)}\n`);
  console.log(`wrote ${count} RSA-2048 keys to ${target}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
