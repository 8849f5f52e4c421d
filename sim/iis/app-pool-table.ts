import { LabError } from "../kernel/index.ts";
import { defaultPoolOptions, describeIdentity, identityInfo, validatePoolOptions, type AppPool, type AppPoolInfo, type AppPoolOptions } from "./app-pool.ts";

/** Checks the password of a custom pool identity (the directory plugs in; same shape as the SCM's authenticator). */
export interface PoolAuthenticator {
  logon(account: string, password: string): { ok: true } | { ok: false; reason: string };
}

export type StartResult = { ok: true } | { ok: false; reason: string };

/** What the pool table needs of its server. */
export interface AppPoolTableDeps {
  readonly iisVersion: () => number;
  readonly hostName: string;
  /** Applications ("Site/path") that run in a pool. */
  readonly usersOf: (pool: string) => string[];
  readonly authenticator: () => PoolAuthenticator | undefined;
  readonly record: (kind: string, data: Record<string, unknown>) => void;
  readonly refuse: (code: string, message: string, remedy?: string) => never;
}

interface PoolRecord {
  pool: AppPool;
  /** Whether a worker process runs; it starts on the first request and logs on as the identity then. */
  worker: boolean;
  lastError?: string;
  /** poolInfo's answer for `pool` and `lastError` as they were (both are replaced, never mutated): every request asks. */
  info?: { readonly of: AppPool; readonly lastError: string | undefined; readonly info: AppPoolInfo };
}

const INVALID_NAME = /[\\/?;:@&=+$,|"<>*]/;

/**
 * The application pools of one IIS: settings, state, and the worker process
 * that starts on demand. A custom identity logs on when the worker starts;
 * a failed logon stops the pool, as rapid-fail protection does.
 */
export class AppPoolTable {
  readonly #pools = new Map<string, PoolRecord>();

  constructor(private readonly deps: AppPoolTableDeps) {}

  list(): AppPoolInfo[] {
    return [...this.#pools.values()].map(poolInfo);
  }

  get(name: string): AppPoolInfo | undefined {
    const record = this.#pools.get(String(name).trim().toLowerCase());
    return record ? poolInfo(record) : undefined;
  }

  /** The pool's configured name, or IIS_APPPOOL_NOT_FOUND. */
  nameOf(name: string): string {
    return this.#require(name).pool.name;
  }

  create(name: string, options: AppPoolOptions = {}): AppPoolInfo {
    const poolName = typeof name === "string" ? name.trim() : "";
    if (poolName === "" || INVALID_NAME.test(poolName)) this.deps.refuse("IIS_APPPOOL_INVALID", `application pool name "${name}" is empty or holds a character IIS refuses`);
    if (this.#pools.has(poolName.toLowerCase())) this.deps.refuse("IIS_APPPOOL_EXISTS", `an application pool named "${poolName}" already exists`);
    this.#validOptions(poolName, options);
    const pool: AppPool = Object.freeze({ name: poolName, ...defaultPoolOptions(this.deps.iisVersion()), ...definedOnly(options), state: "Started" });
    const record: PoolRecord = { pool, worker: false };
    this.#pools.set(poolName.toLowerCase(), record);
    this.deps.record("iis.apppool.created", poolTraceData(pool));
    return poolInfo(record);
  }

  /** Changes settings; the worker process recycles, so a new identity logs on at the next request. */
  update(name: string, patch: AppPoolOptions): AppPoolInfo {
    const record = this.#require(name);
    this.#validOptions(record.pool.name, patch);
    record.pool = Object.freeze({ ...record.pool, ...definedOnly(patch) });
    record.worker = false;
    this.deps.record("iis.apppool.updated", poolTraceData(record.pool));
    return poolInfo(record);
  }

  delete(name: string): void {
    const record = this.#require(name);
    const users = this.deps.usersOf(record.pool.name);
    if (users.length > 0) this.deps.refuse("IIS_APPPOOL_IN_USE", `application pool "${record.pool.name}" still serves ${users.join(", ")}`, "Move those applications to another pool first.");
    this.#pools.delete(record.pool.name.toLowerCase());
    this.deps.record("iis.apppool.deleted", { appPool: record.pool.name });
  }

  start(name: string): void {
    const record = this.#require(name);
    if (record.pool.state === "Started") return;
    record.pool = Object.freeze({ ...record.pool, state: "Started" });
    delete record.lastError;
    this.deps.record("iis.apppool.started", { appPool: record.pool.name });
  }

  stop(name: string): void {
    const record = this.#require(name);
    if (record.pool.state === "Stopped") return;
    record.pool = Object.freeze({ ...record.pool, state: "Stopped" });
    record.worker = false;
    this.deps.record("iis.apppool.stopped", { appPool: record.pool.name, reason: "stopped by the operator" });
  }

  /** Ends the worker process; the next request starts a new one (and logs on again). */
  recycle(name: string): void {
    const record = this.#require(name);
    record.worker = false;
    this.deps.record("iis.apppool.recycled", { appPool: record.pool.name });
  }

  /** Starts the pool's worker process if none runs: a custom identity logs on now. */
  startWorker(name: string): StartResult {
    const record = this.#require(name);
    if (record.worker) return { ok: true };
    const identity = record.pool.identity;
    const authenticator = this.deps.authenticator();
    if (identity.type === "SpecificUser" && authenticator) {
      const logon = authenticator.logon(identity.userName, identity.password);
      if (!logon.ok) {
        const reason = `the identity of application pool "${record.pool.name}" is invalid (${identity.userName}: ${logon.reason}); the pool was stopped`;
        record.pool = Object.freeze({ ...record.pool, state: "Stopped" });
        record.lastError = reason;
        this.deps.record("iis.apppool.stopped", { appPool: record.pool.name, reason: "identity logon failed", identity: identity.userName });
        return { ok: false, reason };
      }
    }
    record.worker = true;
    this.deps.record("iis.worker.started", { appPool: record.pool.name, identity: describeIdentity(identity) });
    return { ok: true };
  }

  #require(name: string): PoolRecord {
    const record = this.#pools.get(String(name).trim().toLowerCase());
    if (!record) {
      const known = [...this.#pools.values()].map((p) => p.pool.name).join(", ") || "none";
      this.deps.refuse("IIS_APPPOOL_NOT_FOUND", `no application pool "${name}" on ${this.deps.hostName}; pools: ${known}`);
    }
    return record;
  }

  #validOptions(name: string, options: AppPoolOptions): void {
    try {
      validatePoolOptions(name, options);
    } catch (error) {
      if (error instanceof LabError) this.deps.refuse(error.code, error.message);
      throw error;
    }
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function poolInfo(record: PoolRecord): AppPoolInfo {
  const cached = record.info;
  if (cached && cached.of === record.pool && cached.lastError === record.lastError) return cached.info;
  const { identity, ...rest } = record.pool;
  const info: AppPoolInfo = Object.freeze({ ...rest, identity: Object.freeze(identityInfo(identity)), ...(record.lastError !== undefined ? { lastError: record.lastError } : {}) });
  record.info = { of: record.pool, lastError: record.lastError, info };
  return info;
}

function poolTraceData(pool: AppPool): Record<string, unknown> {
  return {
    appPool: pool.name,
    managedRuntimeVersion: pool.managedRuntimeVersion,
    pipelineMode: pool.pipelineMode,
    identity: describeIdentity(pool.identity),
    enable32BitAppOnWin64: pool.enable32BitAppOnWin64,
  };
}
