import type { AprDatabase } from "./apr-database.ts";
import { DedupCache } from "./dedup-cache.ts";
import { WireCodec, type NonceSource } from "./wire-format.ts";

/** How the server decides; the lockout and freshness numbers are the lab's (the document gives none). */
export interface AprServerConfig {
  /** The protocol version the server binary speaks (323 for 3.23). */
  readonly protocol: number;
  /** The account the service runs as: the actor of every reset. */
  readonly serviceAccount: string;
  readonly lockoutThreshold: number;
  readonly lockoutWindowMs: number;
  readonly lockoutDurationMs: number;
  /** A request whose timestamp is further than this from the server's time is refused. */
  readonly freshnessMs: number;
  /** When set, requests after this instant (ms since 1970) are refused: an evaluation licence ran out. */
  readonly licenceExpiresAt?: number;
}

export const DEFAULT_SERVER_CONFIG = {
  lockoutThreshold: 5,
  lockoutWindowMs: 30 * 60_000,
  lockoutDurationMs: 30 * 60_000,
  freshnessMs: 30_000,
} as const;

export type RejectCounter = "short" | "too-long" | "bad-magic" | "bad-kind" | "auth-failed" | "version-mismatch" | "stale" | "replay-window" | "bad-request";

export interface ServerCounters {
  received: number;
  replied: number;
  duplicates: number;
  rejected: Record<RejectCounter, number>;
}

/**
 * Everything one APR Server holds at run time. The handler takes it and a
 * datagram and returns the replies; this object is the only thing it changes.
 */
export class AprServerState {
  config: AprServerConfig;
  db: AprDatabase | undefined;
  /** Why the database is not available (missing SQL Server Compact, a V2 file not imported, ...). */
  dbError: string | undefined;
  readonly codec: WireCodec;
  readonly dedup: DedupCache;
  readonly counters: ServerCounters = {
    received: 0,
    replied: 0,
    duplicates: 0,
    rejected: { short: 0, "too-long": 0, "bad-magic": 0, "bad-kind": 0, "auth-failed": 0, "version-mismatch": 0, stale: 0, "replay-window": 0, "bad-request": 0 },
  };

  /**
   * `startedAt` (ms since 1970, the server's clock): when the service
   * started. Requests stamped before it may have been answered by the
   * previous run, whose cache died with it, so they are refused as replays.
   * (A web whose clock runs ahead of the server's by d stamps past this
   * mark: its requests stay replayable for min(d, freshness) after a
   * restart. Refusing everything for the freshness window after a start,
   * as Kerberos does, would close that too, at the cost of 30 s of refusals.)
   */
  constructor(options: { config: AprServerConfig; db?: AprDatabase; dbError?: string; nonces: NonceSource; dedupCapacity?: number; startedAt?: number }) {
    this.config = options.config;
    this.db = options.db;
    this.dbError = options.dbError;
    this.codec = new WireCodec(options.nonces);
    // Twice the window: a request accepted at the edge of the window and retransmitted stays remembered.
    this.dedup = new DedupCache(options.config.freshnessMs * 2, options.dedupCapacity);
    if (options.startedAt !== undefined) this.dedup.forgetThrough(options.startedAt - 1);
  }
}
