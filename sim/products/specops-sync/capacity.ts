import { LabError } from "../../kernel/index.ts";

/**
 * The lab's capacity figures (the document gives none, only that more users
 * and changes may need more than one Sync Server): one Sync Server handles a
 * change every 3 s of lab time (1,200 an hour), and a change that waits more
 * than 5 minutes in a queue is late.
 */
export const SYNC_SERVICE_MS = 3_000;
export const LATE_AFTER_MS = 5 * 60_000;
export const CHANGES_PER_HOUR_PER_SERVER = 3_600_000 / SYNC_SERVICE_MS;

/** A period of background password changes by the population (changes spread evenly over it). */
export interface LoadPeriod {
  readonly fromMs: number;
  readonly toMs: number;
  readonly changesPerHour: number;
}

export interface QueueSlot {
  readonly server: string;
  readonly arrivalMs: number;
  readonly startMs: number;
  readonly doneMs: number;
  readonly waitMs: number;
  /** Changes ahead of this one on that server when it arrived. */
  readonly ahead: number;
}

interface ServerQueue {
  busyUntil: number;
  /** Completion times of changes not yet done, for "how many ahead". */
  readonly pending: number[];
  handled: number;
}

/**
 * The Sync Servers' queues as one model: every change (the population's
 * background load and the scenario's own) joins the least-busy Sync Server
 * its notifier can reach and waits its turn. Pure bookkeeping on lab-time
 * numbers; deterministic (ties go to the first server by name).
 */
export class CapacityModel {
  readonly #servers = new Map<string, ServerQueue>();
  readonly #loads: LoadPeriod[] = [];
  /** Per load period: how many of its arrivals were already fed. */
  readonly #fed: number[] = [];

  constructor(readonly serviceMs: number = SYNC_SERVICE_MS) {
    if (!(serviceMs > 0)) throw new LabError({ code: "SPS_CAPACITY_INVALID", message: `service time must be positive, got ${serviceMs}` });
  }

  addServer(name: string): void {
    if (!this.#servers.has(name)) this.#servers.set(name, { busyUntil: 0, pending: [], handled: 0 });
  }

  removeServer(name: string): void {
    this.#servers.delete(name);
  }

  servers(): string[] {
    return [...this.#servers.keys()].sort();
  }

  addLoad(period: LoadPeriod): void {
    if (!(period.changesPerHour > 0) || !(period.toMs > period.fromMs)) {
      throw new LabError({ code: "SPS_LOAD_INVALID", message: "a load needs a positive rate (changesPerHour) and a positive duration" });
    }
    this.#loads.push(period);
    this.#fed.push(0);
  }

  /** Feeds the background changes that arrived up to `untilMs` into the queues of `eligible` servers. */
  feedUntil(untilMs: number, eligible: readonly string[] = this.servers()): void {
    const targets = eligible.filter((s) => this.#servers.has(s)).sort();
    if (targets.length === 0) return;
    const arrivals: number[] = [];
    this.#loads.forEach((load, i) => {
      const spacing = 3_600_000 / load.changesPerHour;
      const total = Math.floor((load.toMs - load.fromMs) / spacing);
      let n = this.#fed[i]!;
      while (n < total && load.fromMs + n * spacing <= untilMs) arrivals.push(load.fromMs + n++ * spacing);
      this.#fed[i] = n;
    });
    arrivals.sort((a, b) => a - b);
    for (const at of arrivals) this.#enqueue(this.#leastBusy(targets, at), at);
  }

  /** One change arriving at `arrivalMs`, for one of `eligible` servers: background load first, then its slot. */
  assign(arrivalMs: number, eligible: readonly string[]): QueueSlot | undefined {
    const targets = eligible.filter((s) => this.#servers.has(s)).sort();
    if (targets.length === 0) return undefined;
    this.feedUntil(arrivalMs, targets);
    return this.#enqueue(this.#leastBusy(targets, arrivalMs), arrivalMs);
  }

  /** The candidates in the order a notifier should try them at `atMs`: least busy first, then by name. */
  preference(atMs: number, candidates: readonly string[]): string[] {
    const known = candidates.filter((s) => this.#servers.has(s));
    this.feedUntil(atMs, known);
    const busy = (s: string): number => Math.max(this.#servers.get(s)?.busyUntil ?? 0, atMs);
    return [...candidates].sort((a, b) => busy(a) - busy(b) || a.localeCompare(b));
  }

  /** How long a change arriving now would wait on that server. */
  waitAt(server: string, atMs: number): number {
    return Math.max(0, (this.#servers.get(server)?.busyUntil ?? 0) - atMs);
  }

  handled(server: string): number {
    return this.#servers.get(server)?.handled ?? 0;
  }

  #leastBusy(targets: readonly string[], at: number): string {
    let best = targets[0]!;
    for (const s of targets) if (Math.max(this.#servers.get(s)!.busyUntil, at) < Math.max(this.#servers.get(best)!.busyUntil, at)) best = s;
    return best;
  }

  #enqueue(server: string, arrivalMs: number): QueueSlot {
    const q = this.#servers.get(server)!;
    while (q.pending.length > 0 && q.pending[0]! <= arrivalMs) q.pending.shift();
    const startMs = Math.max(q.busyUntil, arrivalMs);
    const doneMs = startMs + this.serviceMs;
    const ahead = q.pending.length;
    q.busyUntil = doneMs;
    q.pending.push(doneMs);
    q.handled++;
    return { server, arrivalMs, startMs, doneMs, waitMs: startMs - arrivalMs, ahead };
  }
}
