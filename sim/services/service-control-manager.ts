import { LabError, type LabContext } from "../kernel/index.ts";
import { dependencyOrder, findCycle } from "./dependency-order.ts";
import { resolveServiceConfig, validateServiceName, viewOf, type StoredServiceConfig } from "./service-config.ts";
import type {
  ServiceAuthenticator,
  ServiceConfig,
  ServiceControlManagerOptions,
  ServiceError,
  ServicePort,
  ServiceState,
  ServiceStateListener,
  ServiceStatus,
  StartResult,
  StopResult,
} from "./service-types.ts";
import { binaryProblem, logonProblem } from "./start-checks.ts";
import { WIN32, win32Reason } from "./win32-errors.ts";

interface ServiceRecord {
  config: StoredServiceConfig;
  state: ServiceState;
  lastError?: ServiceError;
  markedForDelete: boolean;
  /** Ports taken when the start began; released when the service is stopped. */
  boundPorts: ServicePort[];
  /** Dependencies as they were when the start began: config changes apply at the next start. */
  startedWith: string[];
  timer?: number;
  pendingUntil?: number;
  /** Set by restart: start again once stopped, then these dependents. */
  restartAfterStop?: string[];
}

interface StartMode {
  chain: readonly string[];
  extraDelayMs: number;
  /** Decide without changing anything (restart's answer, given before the stop completes). */
  dryRun: boolean;
  /** Judge the service as if it were stopped (restart of a running service). */
  asIfStopped: boolean;
}

type Attempt = { ok: true; runningAt: number } | ({ ok: false } & ServiceError);

const NORMAL: StartMode = { chain: [], extraDelayMs: 0, dryRun: false, asIfStopped: false };
const DEFAULT_DELAYED_AUTO_START_MS = 120_000;

const key = (name: string): string => name.toLowerCase();

/**
 * One host's service control manager. Decisions are synchronous and returned
 * as data (Win32 error numbers, as `sc start` reports them); the pending
 * states then take lab time, so a caller that wants RUNNING advances the clock.
 *
 * Choices where Windows offers several behaviours:
 * - start of a running or starting service succeeds quietly (Start-Service),
 *   stop of a stopped or stopping one likewise (Stop-Service);
 * - stopping a service with active dependents is refused with 1051, as
 *   ControlService does; `{ force: true }` stops the dependents first, as
 *   Stop-Service -Force does;
 * - a service waiting for its dependencies, and an auto-delayed service
 *   waiting out its delay after boot, already report START_PENDING;
 * - delete of a running service marks it for deletion (it cannot start, and
 *   disappears when it stops), as DeleteService does;
 * - shutdown stops everything at once: the host's reboot models the time.
 */
export class ServiceControlManager {
  readonly #context: LabContext;
  readonly #host: string;
  readonly #fileExists: (path: string) => boolean;
  readonly #portInUse: ((protocol: "udp" | "tcp", port: number) => boolean) | undefined;
  readonly #delayedAutoStartMs: number;
  #authenticator: ServiceAuthenticator | undefined;
  readonly #services = new Map<string, ServiceRecord>();
  readonly #listeners: ServiceStateListener[] = [];
  readonly #notifications: [string, ServiceState][] = [];
  #depth = 0;
  #flushing = false;

  constructor(context: LabContext, options: ServiceControlManagerOptions) {
    if (!options || typeof options.host !== "string" || options.host === "") {
      throw new LabError({ code: "INVALID_ARGUMENT", message: "a service control manager needs the name of its host" });
    }
    if (typeof options.fileExists !== "function") {
      throw new LabError({ code: "INVALID_ARGUMENT", message: `the service control manager of ${options.host} needs a fileExists(path) callback` });
    }
    const delayed = options.delayedAutoStartMs ?? DEFAULT_DELAYED_AUTO_START_MS;
    if (!Number.isFinite(delayed) || delayed < 0) {
      throw new LabError({ code: "INVALID_ARGUMENT", message: `delayedAutoStartMs must be a non-negative number of ms, got ${delayed}` });
    }
    this.#context = context;
    this.#host = options.host;
    this.#fileExists = options.fileExists;
    this.#portInUse = options.portInUse;
    this.#authenticator = options.authenticator;
    this.#delayedAutoStartMs = delayed;
  }

  setAuthenticator(authenticator: ServiceAuthenticator): void {
    this.#authenticator = authenticator;
  }

  /** Called synchronously after each state change, once the operation that caused it is complete. */
  onStateChange(listener: ServiceStateListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  // ---- configuration ---------------------------------------------------------

  create(config: ServiceConfig): void {
    this.#depth++;
    try {
      const stored = resolveServiceConfig(config);
      const existing = this.#services.get(key(stored.name));
      if (existing) {
        const marked = existing.markedForDelete;
        throw new LabError({
          code: marked ? "SERVICE_MARKED_FOR_DELETE" : "SERVICE_EXISTS",
          message: `service "${existing.config.name}" ${marked ? "is marked for deletion and still stopping" : "already exists"} on ${this.#host}`,
          remedy: marked ? "stop the old service first" : "configure the existing service or delete it first",
          details: { service: stored.name, windowsError: marked ? WIN32.SERVICE_MARKED_FOR_DELETE : WIN32.SERVICE_EXISTS },
        });
      }
      this.#refuseCycle(stored);
      this.#services.set(key(stored.name), { config: stored, state: "STOPPED", markedForDelete: false, boundPorts: [], startedWith: [] });
      const view = viewOf(stored);
      this.#record("service.created", {
        service: view.name,
        binaryPath: view.binaryPath,
        startType: view.startType,
        account: view.account,
        dependencies: view.dependencies,
        ports: view.ports,
      });
    } finally {
      this.#leave();
    }
  }

  /** Changes settings; a running service keeps running and uses them from its next start. */
  configure(name: string, patch: Partial<ServiceConfig>): void {
    this.#op(() => {
      const rec = this.#require(name);
      if (typeof patch !== "object" || patch === null) throw new LabError({ code: "INVALID_SERVICE_CONFIG", message: `configure "${name}" needs an object of settings` });
      if (patch.name !== undefined && key(patch.name) !== key(rec.config.name)) {
        throw new LabError({
          code: "INVALID_SERVICE_CONFIG",
          message: `service "${rec.config.name}" cannot be renamed to "${patch.name}"`,
          remedy: "delete the service and create it under the new name",
          details: { service: rec.config.name },
        });
      }
      const merged: Record<string, unknown> = { ...rec.config };
      const changed: string[] = [];
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined || field === "name") continue;
        merged[field] = value;
        changed.push(field);
      }
      const stored = resolveServiceConfig(merged as unknown as ServiceConfig);
      this.#refuseCycle(stored);
      rec.config = stored;
      // Field names only: the password's value never reaches the trace.
      this.#record("service.configured", { service: stored.name, changed: changed.sort() });
    });
  }

  /** Removes a service; a running one is marked for deletion and goes when it stops. False when unknown. */
  delete(name: string): boolean {
    this.#depth++;
    try {
      const rec = this.#services.get(key(name));
      if (!rec) return false;
      if (rec.state === "STOPPED") {
        this.#remove(rec);
      } else if (!rec.markedForDelete) {
        rec.markedForDelete = true;
        this.#record("service.delete-pending", { service: rec.config.name });
      }
      return true;
    } finally {
      this.#leave();
    }
  }

  // ---- queries -------------------------------------------------------------

  get(name: string): ServiceStatus | undefined {
    const rec = this.#services.get(key(name));
    return rec ? statusOf(rec) : undefined;
  }

  list(): ServiceStatus[] {
    return [...this.#services.keys()].sort().map((k) => statusOf(this.#services.get(k)!));
  }

  /** The service's state, or undefined when it is not installed: `get(name)?.state` without copying its status. */
  state(name: string): ServiceState | undefined {
    return this.#services.get(key(name))?.state;
  }

  isRunning(name: string): boolean {
    return this.#services.get(key(name))?.state === "RUNNING";
  }

  /** Ports held by this host's services (from the start until stopped). */
  portsInUse(): { service: string; protocol: "udp" | "tcp"; port: number }[] {
    const out: { service: string; protocol: "udp" | "tcp"; port: number }[] = [];
    for (const k of [...this.#services.keys()].sort()) {
      const rec = this.#services.get(k)!;
      for (const p of rec.boundPorts) out.push({ service: rec.config.name, ...p });
    }
    return out;
  }

  // ---- control -------------------------------------------------------------

  /** Decides now; dependencies start first; RUNNING comes after startDelayMs of lab time. */
  start(name: string): StartResult {
    this.#depth++;
    try {
      return toResult(this.#attemptStart(name, NORMAL));
    } finally {
      this.#leave();
    }
  }

  stop(name: string, options: { force?: boolean } = {}): StopResult {
    this.#depth++;
    try {
      return this.#requestStop(name, options.force === true);
    } finally {
      this.#leave();
    }
  }

  /**
   * Stops the service and starts it again once stopped. The answer is the
   * start decision taken now, judging the service as if already stopped; the
   * service goes down even when the answer is a failure (as Restart-Service
   * does), and the actual start is recorded in the trace when it happens.
   * With `{ force: true }` running dependents are stopped and restarted too.
   */
  restart(name: string, options: { force?: boolean } = {}): StartResult {
    return this.#op(() => {
      const rec = this.#services.get(key(name));
      if (!rec || rec.state === "STOPPED") return toResult(this.#attemptStart(name, NORMAL));
      if (rec.state === "START_PENDING") {
        const reason = win32Reason(WIN32.SERVICE_CANNOT_ACCEPT_CTRL, `"${rec.config.name}" is still starting; restart it once it runs.`);
        this.#record("service.restart-failed", { service: rec.config.name, error: WIN32.SERVICE_CANNOT_ACCEPT_CTRL, reason });
        return { ok: false, error: WIN32.SERVICE_CANNOT_ACCEPT_CTRL, reason };
      }
      const dependents = this.#activeDependents(rec).map((d) => d.config.name);
      const decision = this.#attemptStart(name, { ...NORMAL, dryRun: true, asIfStopped: true });
      if (rec.state === "RUNNING") {
        const stopped = this.#requestStop(name, options.force === true);
        if (!stopped.ok) return stopped;
      }
      const again = new Set([...(rec.restartAfterStop ?? []), ...(options.force ? dependents : [])]);
      rec.restartAfterStop = [...again];
      return toResult(decision);
    });
  }

  /** Starts every auto service, then every auto-delayed one, each after its dependencies. */
  boot(): (StartResult & { service: string })[] {
    return this.#op(() => {
      this.#record("scm.boot", {});
      const results: (StartResult & { service: string })[] = [];
      for (const type of ["auto", "auto-delayed"] as const) {
        const keys = [...this.#services.entries()].filter(([, r]) => r.config.startType === type).map(([k]) => k);
        for (const k of dependencyOrder(keys, (s) => this.#dependencyKeys(s))) {
          const rec = this.#services.get(k);
          if (!rec) continue;
          const extraDelayMs = type === "auto-delayed" ? this.#delayedAutoStartMs : 0;
          results.push({ service: rec.config.name, ...toResult(this.#attemptStart(rec.config.name, { ...NORMAL, extraDelayMs })) });
        }
      }
      return results;
    });
  }

  /** Stops every service at once, dependents before their dependencies. */
  shutdown(): void {
    this.#op(() => {
      this.#record("scm.shutdown", {});
      const order = dependencyOrder([...this.#services.keys()], (s) => this.#dependencyKeys(s)).reverse();
      for (const k of order) {
        const rec = this.#services.get(k)!;
        this.#cancelTimer(rec);
        rec.restartAfterStop = undefined;
        if (rec.state === "RUNNING") this.#setState(rec, "STOP_PENDING");
        rec.boundPorts = [];
        this.#setState(rec, "STOPPED");
        if (rec.markedForDelete) this.#remove(rec);
      }
    });
  }

  /**
   * The service's process dies (a product runtime or a fault decides so):
   * it is STOPPED at once with the error, by default 1067. Its dependents
   * keep running, as on Windows. False when it was not running.
   */
  crash(name: string, reason: string, error: number = WIN32.PROCESS_ABORTED): boolean {
    return this.#op(() => {
      const rec = this.#services.get(key(name));
      if (!rec || rec.state === "STOPPED") return false;
      this.#cancelTimer(rec);
      rec.restartAfterStop = undefined;
      rec.boundPorts = [];
      rec.lastError = { error, reason: win32Reason(error, reason) };
      this.#record("service.crashed", { service: rec.config.name, error, reason: rec.lastError.reason });
      this.#setState(rec, "STOPPED");
      if (rec.markedForDelete) this.#remove(rec);
      return true;
    });
  }

  // ---- start ---------------------------------------------------------------

  #attemptStart(name: string, mode: StartMode): Attempt {
    const now = this.#context.clock.now();
    const rec = this.#services.get(key(name));
    if (!rec) return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_DOES_NOT_EXIST, `No service named "${name}" is installed on ${this.#host}.`);
    const self = rec.config.name;
    if (!mode.asIfStopped) {
      if (rec.state === "RUNNING") return { ok: true, runningAt: now };
      if (rec.state === "START_PENDING") return { ok: true, runningAt: rec.pendingUntil ?? now };
      if (rec.state === "STOP_PENDING") return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_CANNOT_ACCEPT_CTRL, `"${self}" is stopping; start it once it has stopped.`);
    }
    if (rec.markedForDelete) return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_MARKED_FOR_DELETE, `"${self}" was deleted and disappears when it stops.`);
    if (rec.config.startType === "disabled") return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_DISABLED, `"${self}" has start type disabled.`);
    if (mode.chain.includes(key(self))) return this.#startFailed(rec, name, mode.dryRun, WIN32.CIRCULAR_DEPENDENCY, `"${self}" depends on itself through ${mode.chain.join(" -> ")}.`);

    let readyAt = now;
    for (const dep of rec.config.dependencies) {
      const depRec = this.#services.get(key(dep));
      if (!depRec || depRec.markedForDelete) {
        return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_DEPENDENCY_DELETED, `"${self}" depends on "${dep}", which is ${depRec ? "marked for deletion" : "not installed"}.`);
      }
      const started = this.#attemptStart(dep, { ...mode, chain: [...mode.chain, key(self)], extraDelayMs: 0, asIfStopped: false });
      if (!started.ok) return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_DEPENDENCY_FAIL, `"${self}" depends on "${depRec.config.name}", which failed to start (error ${started.error}).`);
      readyAt = Math.max(readyAt, started.runningAt);
    }
    const logon = logonProblem(rec.config.account, rec.config.password, this.#authenticator, this.#host);
    if (logon) return this.#startFailed(rec, name, mode.dryRun, WIN32.SERVICE_LOGON_FAILED, logon);
    const missing = binaryProblem(self, rec.config.binaryPath, this.#fileExists, this.#host);
    if (missing) return this.#startFailed(rec, name, mode.dryRun, WIN32.FILE_NOT_FOUND, missing);
    // On Windows the SCM starts the process and the service then fails to
    // bind and stops; the lab surfaces that as a refused start with 10048.
    const port = this.#portProblem(rec);
    if (port) return this.#startFailed(rec, name, mode.dryRun, WIN32.WSAEADDRINUSE, port);

    const runningAt = readyAt + mode.extraDelayMs + rec.config.startDelayMs;
    if (mode.dryRun) return { ok: true, runningAt };
    rec.lastError = undefined;
    rec.boundPorts = rec.config.ports.map((p) => ({ ...p }));
    rec.startedWith = [...rec.config.dependencies];
    rec.pendingUntil = runningAt;
    this.#setState(rec, "START_PENDING");
    rec.timer = this.#context.clock.schedule(runningAt - now, () => this.#op(() => this.#finishStart(rec)), `scm ${this.#host} ${self} running`).id;
    return { ok: true, runningAt };
  }

  #finishStart(rec: ServiceRecord): void {
    rec.timer = undefined;
    rec.pendingUntil = undefined;
    if (this.#services.get(key(rec.config.name)) !== rec || rec.state !== "START_PENDING") return;
    // A dependency may have crashed or been stopped while this one was starting.
    const down = rec.startedWith.find((dep) => !this.isRunning(dep));
    if (down !== undefined) {
      rec.boundPorts = [];
      this.#setState(rec, "STOPPED");
      this.#startFailed(rec, rec.config.name, false, WIN32.SERVICE_DEPENDENCY_FAIL, `"${rec.config.name}" depends on "${down}", which is no longer running.`);
      if (rec.markedForDelete) this.#remove(rec);
      return;
    }
    this.#setState(rec, "RUNNING");
  }

  #portProblem(rec: ServiceRecord): string | undefined {
    for (const p of rec.config.ports) {
      for (const other of this.#services.values()) {
        if (other === rec) continue;
        if (other.boundPorts.some((q) => q.protocol === p.protocol && q.port === p.port)) {
          return `${p.protocol.toUpperCase()} port ${p.port} is held by service "${other.config.name}".`;
        }
      }
      if (this.#portInUse?.(p.protocol, p.port)) return `${p.protocol.toUpperCase()} port ${p.port} is already in use on ${this.#host}.`;
    }
    return undefined;
  }

  #startFailed(rec: ServiceRecord | undefined, name: string, dryRun: boolean, error: number, detail: string): { ok: false } & ServiceError {
    const reason = win32Reason(error, detail);
    if (!dryRun) {
      if (rec) rec.lastError = { error, reason };
      this.#record("service.start-failed", { service: rec?.config.name ?? name, error, reason });
    }
    return { ok: false, error, reason };
  }

  // ---- stop ----------------------------------------------------------------

  #requestStop(name: string, force: boolean): StopResult {
    const rec = this.#services.get(key(name));
    if (!rec) return this.#stopFailed(name, WIN32.SERVICE_DOES_NOT_EXIST, `No service named "${name}" is installed on ${this.#host}.`);
    const self = rec.config.name;
    if (rec.state === "STOPPED" || rec.state === "STOP_PENDING") return { ok: true };
    if (rec.state === "START_PENDING") return this.#stopFailed(self, WIN32.SERVICE_CANNOT_ACCEPT_CTRL, `"${self}" is still starting; stop it once it runs.`);
    const dependents = this.#activeDependents(rec);
    if (dependents.length > 0 && !force) {
      const names = dependents.map((d) => d.config.name).join(", ");
      return this.#stopFailed(self, WIN32.DEPENDENT_SERVICES_RUNNING, `"${self}" has active dependents (${names}); stop them first or use force.`);
    }
    const starting = dependents.find((d) => d.state === "START_PENDING");
    if (starting) return this.#stopFailed(self, WIN32.SERVICE_CANNOT_ACCEPT_CTRL, `dependent "${starting.config.name}" is still starting.`);
    this.#beginStop(rec);
    return { ok: true };
  }

  /** Puts the service and its active dependents into STOP_PENDING; dependents reach STOPPED first. */
  #beginStop(rec: ServiceRecord): number {
    const now = this.#context.clock.now();
    if (rec.state === "STOPPED") return now;
    if (rec.state === "STOP_PENDING") return rec.pendingUntil ?? now;
    let after = now;
    for (const dependent of this.#directDependents(rec)) {
      if (dependent.state !== "STOPPED") after = Math.max(after, this.#beginStop(dependent));
    }
    const stoppedAt = after + rec.config.stopDelayMs;
    rec.pendingUntil = stoppedAt;
    this.#setState(rec, "STOP_PENDING");
    rec.timer = this.#context.clock.schedule(stoppedAt - now, () => this.#op(() => this.#finishStop(rec)), `scm ${this.#host} ${rec.config.name} stopped`).id;
    return stoppedAt;
  }

  #finishStop(rec: ServiceRecord): void {
    rec.timer = undefined;
    rec.pendingUntil = undefined;
    if (this.#services.get(key(rec.config.name)) !== rec || rec.state !== "STOP_PENDING") return;
    rec.boundPorts = [];
    this.#setState(rec, "STOPPED");
    const again = rec.restartAfterStop;
    rec.restartAfterStop = undefined;
    if (rec.markedForDelete) {
      this.#remove(rec);
      return;
    }
    if (again) {
      this.#attemptStart(rec.config.name, NORMAL);
      for (const dependent of again) this.#attemptStart(dependent, NORMAL);
    }
  }

  #stopFailed(name: string, error: number, detail: string): StopResult {
    const reason = win32Reason(error, detail);
    this.#record("service.stop-failed", { service: name, error, reason });
    return { ok: false, error, reason };
  }

  // ---- plumbing ------------------------------------------------------------

  #directDependents(rec: ServiceRecord): ServiceRecord[] {
    const target = key(rec.config.name);
    return [...this.#services.keys()]
      .sort()
      .map((k) => this.#services.get(k)!)
      .filter((other) => other.config.dependencies.some((d) => key(d) === target) || (other.state !== "STOPPED" && other.startedWith.some((d) => key(d) === target)));
  }

  /** Dependents, direct and indirect, that are not stopped. */
  #activeDependents(rec: ServiceRecord): ServiceRecord[] {
    const found = new Map<string, ServiceRecord>();
    const visit = (r: ServiceRecord): void => {
      for (const d of this.#directDependents(r)) {
        if (d.state === "STOPPED" || found.has(key(d.config.name))) continue;
        found.set(key(d.config.name), d);
        visit(d);
      }
    };
    visit(rec);
    return [...found.values()].sort((a, b) => (key(a.config.name) < key(b.config.name) ? -1 : 1));
  }

  #dependencyKeys(k: string): string[] {
    return (this.#services.get(k)?.config.dependencies ?? []).map(key);
  }

  #refuseCycle(stored: StoredServiceConfig): void {
    const self = key(stored.name);
    const depsOf = (k: string): string[] => (k === self ? stored.dependencies.map(key) : this.#dependencyKeys(k));
    const cycle = findCycle(self, depsOf);
    if (cycle) {
      throw new LabError({
        code: "CIRCULAR_DEPENDENCY",
        message: `service "${stored.name}" would depend on itself: ${cycle.join(" -> ")}`,
        details: { service: stored.name, cycle, windowsError: WIN32.CIRCULAR_DEPENDENCY },
      });
    }
  }

  #require(name: string): ServiceRecord {
    validateServiceName(name);
    const rec = this.#services.get(key(name));
    if (!rec) {
      throw new LabError({
        code: "SERVICE_NOT_FOUND",
        message: `no service named "${name}" is installed on ${this.#host}`,
        details: { service: name, windowsError: WIN32.SERVICE_DOES_NOT_EXIST },
      });
    }
    return rec;
  }

  #remove(rec: ServiceRecord): void {
    this.#cancelTimer(rec);
    this.#services.delete(key(rec.config.name));
    this.#record("service.deleted", { service: rec.config.name });
  }

  #cancelTimer(rec: ServiceRecord): void {
    if (rec.timer !== undefined) this.#context.clock.cancel(rec.timer);
    rec.timer = undefined;
    rec.pendingUntil = undefined;
  }

  #setState(rec: ServiceRecord, to: ServiceState): void {
    const from = rec.state;
    if (from === to) return;
    rec.state = to;
    this.#record("service.state", { service: rec.config.name, from, to });
    this.#notifications.push([rec.config.name, to]);
  }

  /** Every caller passes a literal built for the event: the trace keeps it rather than a copy. */
  #record(kind: string, data: Record<string, unknown>): void {
    this.#context.trace.recordOwn({ host: this.#host, component: "scm", kind, data });
  }

  /**
   * Runs one operation; listeners hear of its state changes once it is
   * complete, so they may call back in. The busiest operations (create,
   * start, stop, delete) inline it as `#depth++; try { ... } finally { #leave() }`:
   * no closure made per call.
   */
  #op<T>(run: () => T): T {
    this.#depth++;
    try {
      return run();
    } finally {
      this.#leave();
    }
  }

  #leave(): void {
    this.#depth--;
    if (this.#depth === 0) this.#flush();
  }

  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (let next = this.#notifications.shift(); next; next = this.#notifications.shift()) {
        for (const listener of [...this.#listeners]) listener(next[0], next[1]);
      }
    } finally {
      this.#flushing = false;
    }
  }
}

function toResult(attempt: Attempt): StartResult {
  return attempt.ok ? { ok: true } : { ok: false, error: attempt.error, reason: attempt.reason };
}

function statusOf(rec: ServiceRecord): ServiceStatus {
  const status: ServiceStatus = {
    config: viewOf(rec.config),
    state: rec.state,
    markedForDelete: rec.markedForDelete,
    hasPassword: rec.config.password !== undefined && rec.config.password !== "",
  };
  if (rec.lastError) status.lastError = { ...rec.lastError };
  if (rec.pendingUntil !== undefined) status.pendingUntil = rec.pendingUntil;
  return status;
}
