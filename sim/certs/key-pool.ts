/**
 * The shipped pool of RSA-2048 keys (fixtures/key-pool.json, made by
 * generate-key-pool.ts). Certificates take their keys from here instead of
 * generating them, which is slow and would make runs non-replayable.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { LabError } from "../kernel/index.ts";
import poolFile from "./fixtures/key-pool.json" with { type: "json" };
import { crypto, subtle, x509 } from "./webcrypto.ts";

export interface KeyPoolEntry {
  readonly index: number;
  /** PKCS#8, PEM. */
  readonly privateKeyPem: string;
  /** SubjectPublicKeyInfo, PEM. */
  readonly publicKeyPem: string;
}

export interface KeyPoolFile {
  readonly format: "lab-key-pool/1";
  readonly algorithm: "RSA-2048";
  readonly note: string;
  readonly keys: readonly KeyPoolEntry[];
}

/** Signatures are RSASSA-PKCS1-v1_5 over SHA-256: deterministic, so equal inputs give equal DER and thumbprints. */
export const SIGNING_ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

const pool: readonly KeyPoolEntry[] = Object.freeze((poolFile as KeyPoolFile).keys.map((k) => Object.freeze({ ...k })));

export const KEY_POOL_SIZE = pool.length;

/** A pool key ready for certificate generation. */
export interface PoolKeyMaterial {
  readonly index: number;
  readonly privateKey: CryptoKey;
  /** Parsed SPKI: handing x509 this instead of a CryptoKey saves an export per certificate. */
  readonly publicKey: x509.PublicKey;
  /** RFC 5280 key identifier (SHA-1 of the public key bits), lower-case hex. */
  readonly subjectKeyId: string;
}

/**
 * Module-level on purpose: a pure, immutable cache of fixture data (each pool
 * key imported into WebCrypto once per process). It holds no lab state, so
 * sharing it across labs cannot leak anything between runs.
 */
const imported = new Map<number, Promise<PoolKeyMaterial>>();

export function poolKey(index: number): KeyPoolEntry {
  const entry = Number.isInteger(index) ? pool[index] : undefined;
  if (!entry) {
    throw new LabError({
      code: "CERT_KEY_INDEX_INVALID",
      message: `key pool index ${index} does not exist; the pool holds keys 0 to ${pool.length - 1}`,
      details: { index, poolSize: pool.length },
    });
  }
  return entry;
}

/** The pool key at `index`, imported once per process, then cached. */
export function poolKeyMaterial(index: number): Promise<PoolKeyMaterial> {
  const entry = poolKey(index);
  let material = imported.get(index);
  if (!material) {
    material = importMaterial(entry);
    imported.set(index, material);
  }
  return material;
}

/** The index of a pool key given its private PEM, or -1 when the key is not from the pool. */
export function poolIndexOf(privateKeyPem: string): number {
  const wanted = privateKeyPem.trim();
  return pool.findIndex((k) => k.privateKeyPem.trim() === wanted);
}

/** Pool keys by their exact PEM text (fixture data, like `pool`). */
const poolByPem = new Map(pool.map((k) => [k.privateKeyPem, k.index]));
/** Each pool key as a node:crypto KeyObject, parsed once per process (a pure function of the fixture). */
const keyObjects = new Map<number, KeyObject>();

/** The pool index of exactly this PEM text (no trimming, unlike poolIndexOf), or undefined. */
export function poolIndexOfPem(privateKeyPem: string): number | undefined {
  return poolByPem.get(privateKeyPem);
}

/** A PEM private key as a KeyObject: a pool key's is parsed once, any other each time (it may be anything). */
export function privateKeyObject(privateKeyPem: string): KeyObject {
  const index = poolByPem.get(privateKeyPem);
  if (index === undefined) return createPrivateKey({ key: privateKeyPem, format: "pem" });
  let key = keyObjects.get(index);
  if (!key) {
    key = createPrivateKey({ key: privateKeyPem, format: "pem" });
    keyObjects.set(index, key);
  }
  return key;
}

/** Imports a PKCS#8 private key for signing (for keys from outside the pool; not cached). */
export async function importSigningKey(privateKeyPem: string): Promise<CryptoKey> {
  try {
    return await subtle.importKey("pkcs8", pemBody(privateKeyPem, "PRIVATE KEY"), SIGNING_ALGORITHM, false, ["sign"]);
  } catch (cause) {
    throw new LabError({
      code: "CERT_PRIVATE_KEY_INVALID",
      message: `the private key is not a usable RSA PKCS#8 key: ${(cause as Error).message}`,
      remedy: "pass the privateKeyPem of a CertificateWithKey made by the CertificateFactory",
    });
  }
}

async function importMaterial(entry: KeyPoolEntry): Promise<PoolKeyMaterial> {
  const privateKey = await subtle.importKey("pkcs8", pemBody(entry.privateKeyPem, "PRIVATE KEY"), SIGNING_ALGORITHM, false, ["sign"]);
  const publicKey = new x509.PublicKey(pemBody(entry.publicKeyPem, "PUBLIC KEY"));
  const ski = await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto);
  return Object.freeze({ index: entry.index, privateKey, publicKey, subjectKeyId: ski.keyId });
}

function pemBody(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match) {
    throw new LabError({ code: "CERT_PEM_INVALID", message: `expected a PEM block "${label}"`, details: { label } });
  }
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ""), "base64"));
}
