import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isLabError } from "../kernel/index.ts";
import { KEY_POOL_SIZE, poolIndexOf, poolIndexOfPem, poolKey, poolKeyMaterial, privateKeyObject } from "./key-pool.ts";

describe("key pool fixture", () => {
  it("holds distinct RSA-2048 keys whose public halves match their private ones", () => {
    expect(KEY_POOL_SIZE).toBeGreaterThanOrEqual(24);
    const seen = new Set<string>();
    for (let i = 0; i < KEY_POOL_SIZE; i++) {
      const entry = poolKey(i);
      expect(entry.index).toBe(i);
      const priv = createPrivateKey(entry.privateKeyPem);
      expect(priv.asymmetricKeyType).toBe("rsa");
      expect(priv.asymmetricKeyDetails?.modulusLength).toBe(2048);
      const derived = createPublicKey(priv).export({ type: "spki", format: "pem" });
      expect(derived).toBe(entry.publicKeyPem);
      seen.add(entry.publicKeyPem);
    }
    expect(seen.size).toBe(KEY_POOL_SIZE);
  });

  it("refuses an index outside the pool", () => {
    for (const bad of [-1, KEY_POOL_SIZE, 1.5]) {
      try {
        poolKey(bad);
        expect.unreachable();
      } catch (error) {
        expect(isLabError(error) && error.code).toBe("CERT_KEY_INDEX_INVALID");
      }
    }
    expect(poolKey(0).index).toBe(0);
  });

  it("imports each key once and finds keys by PEM", async () => {
    const [a, b] = await Promise.all([poolKeyMaterial(3), poolKeyMaterial(3)]);
    expect(a).toBe(b);
    expect(a.subjectKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(poolIndexOf(poolKey(5).privateKeyPem)).toBe(5);
    expect(poolIndexOf("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).toBe(-1);
  });

  it("parses a pool key's PEM once, and any other key each time", () => {
    const pem = poolKey(7).privateKeyPem;
    expect(privateKeyObject(pem)).toBe(privateKeyObject(pem));
    expect(privateKeyObject(pem).equals(createPrivateKey(pem))).toBe(true);
    const other = createPrivateKey(pem).export({ type: "pkcs1", format: "pem" }).toString();
    expect(privateKeyObject(other)).not.toBe(privateKeyObject(other));
    expect(privateKeyObject(other).equals(privateKeyObject(pem))).toBe(true);
    expect(() => privateKeyObject("not a key")).toThrow();
    expect(poolIndexOfPem(pem)).toBe(7);
    expect(poolIndexOfPem(`${pem}\n`)).toBeUndefined();
    expect(poolIndexOfPem(other)).toBeUndefined();
  });
});
