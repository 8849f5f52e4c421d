import { LabError } from "../kernel/index.ts";
import { CertificateStores } from "./certificate-stores.ts";
import { certificateCoversName, namesOf } from "./hostname-match.ts";
import { LabCertificate, sameName } from "./lab-certificate.ts";
import type { RevocationList } from "./revocation-list.ts";
import type { TrustFailure } from "./trust-failure.ts";

export interface TrustOptions {
  /** The stores of the host doing the checking (the client). */
  stores: CertificateStores;
  /** Lab time: clock.date(). */
  now: Date;
  /** The name the client asked for; omitted, no name check is made. */
  dnsName?: string;
  /** Certificates the server sent along with its own. */
  intermediates?: readonly LabCertificate[];
  /** The CRLs the client can reach. */
  revocations?: RevocationList | readonly RevocationList[];
}

/** The chain runs from the leaf (first) to the root or the last certificate reached (last). */
export type TrustResult =
  | { ok: true; chain: LabCertificate[] }
  | { ok: false; reason: TrustFailure; detail: string; chain: LabCertificate[] };

/** Chains longer than this are cut off as partial (CryptoAPI gives up on loops; so do we). */
const MAX_CHAIN_LENGTH = 8;

type Built =
  | { kind: "anchored"; chain: LabCertificate[] }
  | { kind: "untrusted-root" | "partial-chain" | "bad-signature"; chain: LabCertificate[]; detail: string };

/**
 * Windows-style chain building and trust evaluation from one host's stores.
 *
 * Anchors are the certificates in LocalMachine\Root and, when present,
 * CurrentUser\Root; intermediates are the ones supplied plus LocalMachine\CA
 * and, when present, CurrentUser\CA. TrustedPeople plays no part in chains.
 *
 * Checks run in this order and the first failure is the one reported, so a
 * forged and expired certificate reports "bad-signature":
 *   1. signatures along the chain          -> bad-signature
 *   2. where the chain ends                 -> untrusted-root | partial-chain
 *   3. validity of every element at `now`   -> expired | not-yet-valid
 *   4. revocation of every non-anchor       -> revoked
 *   5. the requested name against the leaf  -> name-mismatch
 * Among several possible chains the best is kept: an anchored chain whose
 * elements are all in their validity period beats any other anchored one,
 * which beats one ending at an untrusted root, then a partial chain, then a
 * chain with a bad signature.
 */
export async function evaluateTrust(leaf: LabCertificate, options: TrustOptions): Promise<TrustResult> {
  checkInput(leaf, options);
  const { stores, now } = options;
  const anchors = new Map<string, LabCertificate>();
  for (const location of ["LocalMachine", "CurrentUser"] as const) {
    for (const cert of stores.existing(location, "Root")?.certificates() ?? []) anchors.set(cert.thumbprint, cert);
  }
  const candidates = new Map<string, LabCertificate>();
  for (const cert of options.intermediates ?? []) candidates.set(cert.thumbprint, cert);
  for (const location of ["LocalMachine", "CurrentUser"] as const) {
    for (const cert of stores.existing(location, "CA")?.certificates() ?? []) candidates.set(cert.thumbprint, cert);
  }
  for (const cert of anchors.values()) candidates.set(cert.thumbprint, cert);

  const built = buildChain([leaf], { anchors, candidates: [...candidates.values()], now });
  if (built.kind !== "anchored") return { ok: false, reason: built.kind, detail: built.detail, chain: built.chain };
  const chain = built.chain;

  for (const cert of chain) {
    const validity = cert.validityAt(now);
    if (validity === "expired") {
      return fail("expired", `${describe(cert)} expired at ${cert.notAfter.toISOString()}; lab time is ${now.toISOString()}`, chain);
    }
    if (validity === "not-yet-valid") {
      return fail("not-yet-valid", `${describe(cert)} is valid only from ${cert.notBefore.toISOString()}; lab time is ${now.toISOString()}`, chain);
    }
  }

  const lists = options.revocations === undefined ? [] : Array.isArray(options.revocations) ? options.revocations : [options.revocations as RevocationList];
  for (let i = 0; i < chain.length - 1; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    if (lists.some((list) => list.isRevoked(cert.serialNumber, issuer.thumbprint))) {
      return fail("revoked", `${describe(cert)} (serial ${cert.serialNumber}) is on the revocation list of ${issuer.subject}`, chain);
    }
  }

  if (options.dnsName !== undefined && !certificateCoversName(leaf, options.dnsName)) {
    const offered = namesOf(leaf);
    return fail("name-mismatch", `${describe(leaf)} does not cover "${options.dnsName}"; it covers: ${offered.length > 0 ? offered.join(", ") : "no name at all"}`, chain);
  }
  return { ok: true, chain };
}

interface BuildContext {
  readonly anchors: ReadonlyMap<string, LabCertificate>;
  readonly candidates: readonly LabCertificate[];
  readonly now: Date;
}

/** Depth-first over every issuer that could have signed the current end of the chain; the best outcome wins. */
function buildChain(chain: LabCertificate[], ctx: BuildContext): Built {
  const current = chain[chain.length - 1]!;
  if (ctx.anchors.has(current.thumbprint)) return { kind: "anchored", chain };
  if (current.selfSigned) {
    return { kind: "untrusted-root", chain, detail: `the chain ends at ${describe(current)}, which is not in a trusted root store (Root) of this host` };
  }
  if (current.selfIssued) {
    return { kind: "bad-signature", chain, detail: `${describe(current)} names itself as issuer but its signature does not verify with its own key` };
  }
  if (chain.length >= MAX_CHAIN_LENGTH) {
    return { kind: "partial-chain", chain, detail: `gave up after ${MAX_CHAIN_LENGTH} certificates without reaching a root` };
  }

  const misses: string[] = [];
  const outcomes: Built[] = [];
  const inChain = new Set(chain.map((c) => c.thumbprint));
  const ordered = [...ctx.candidates].sort((a, b) => Number(ctx.anchors.has(b.thumbprint)) - Number(ctx.anchors.has(a.thumbprint)));
  for (const issuer of ordered) {
    if (inChain.has(issuer.thumbprint) || !sameName(issuer.subject, current.issuer)) continue;
    if (current.authorityKeyId && issuer.subjectKeyId && current.authorityKeyId !== issuer.subjectKeyId) {
      misses.push(`${describe(issuer)} has the issuer's name but another key (key identifier ${issuer.subjectKeyId}, expected ${current.authorityKeyId}): the CA was probably re-created`);
      continue;
    }
    if (!issuer.isCa && !ctx.anchors.has(issuer.thumbprint)) {
      misses.push(`${describe(issuer)} has the issuer's name but is not a CA certificate`);
      continue;
    }
    if (!current.isSignedBy(issuer)) {
      outcomes.push({ kind: "bad-signature", chain, detail: `the signature of ${describe(current)} does not verify with the key of its issuer ${describe(issuer)}` });
      continue;
    }
    const outcome = buildChain([...chain, issuer], ctx);
    if (outcome.kind === "anchored" && allValid(outcome.chain, ctx.now)) return outcome;
    outcomes.push(outcome);
  }
  if (outcomes.length === 0) {
    const why = misses.length > 0 ? `; ${misses.join("; ")}` : "";
    return { kind: "partial-chain", chain, detail: `no certificate of issuer "${current.issuer}" was found (supplied, CA or Root store) for ${describe(current)}${why}` };
  }
  return outcomes.sort((a, b) => RANK[a.kind] - RANK[b.kind])[0]!;
}

const RANK: Record<Built["kind"], number> = { anchored: 0, "untrusted-root": 1, "partial-chain": 2, "bad-signature": 3 };

function allValid(chain: readonly LabCertificate[], now: Date): boolean {
  return chain.every((c) => c.validityAt(now) === "valid");
}

function fail(reason: TrustFailure, detail: string, chain: LabCertificate[]): TrustResult {
  return { ok: false, reason, detail, chain };
}

function describe(cert: LabCertificate): string {
  return `"${cert.subject}" [${cert.thumbprint}]`;
}

function checkInput(leaf: LabCertificate, options: TrustOptions): void {
  if (!(leaf instanceof LabCertificate)) {
    throw new LabError({ code: "TRUST_INPUT_INVALID", message: "evaluateTrust needs a LabCertificate as the certificate to check" });
  }
  if (!options || !(options.stores instanceof CertificateStores)) {
    throw new LabError({ code: "TRUST_INPUT_INVALID", message: "evaluateTrust needs the client host's CertificateStores (options.stores)" });
  }
  if (!(options.now instanceof Date) || !Number.isFinite(options.now.getTime())) {
    throw new LabError({ code: "TRUST_INPUT_INVALID", message: "evaluateTrust needs the lab time as a valid Date (options.now = clock.date())" });
  }
  if (options.dnsName !== undefined && (typeof options.dnsName !== "string" || options.dnsName.trim() === "")) {
    throw new LabError({ code: "TRUST_INPUT_INVALID", message: `options.dnsName must be a non-empty host name, got ${JSON.stringify(options.dnsName)}` });
  }
  for (const cert of options.intermediates ?? []) {
    if (!(cert instanceof LabCertificate)) throw new LabError({ code: "TRUST_INPUT_INVALID", message: "options.intermediates must hold LabCertificates only" });
  }
}
