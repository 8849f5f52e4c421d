import { normalizeThumbprint } from "../certs/index.ts";
import type { Host } from "../host/index.ts";
import { LabError, type LabContext } from "../kernel/index.ts";
import type { AppPoolInfo, AppPoolOptions } from "./app-pool.ts";
import { AppPoolTable, type PoolAuthenticator, type StartResult } from "./app-pool-table.ts";
import { bindingInformation, bindingMatches, describeBinding, normaliseBinding, sameBinding, type Binding, type BindingInit, type BindingMatch } from "./binding.ts";
import { type BindingCandidate, type ConnectionInfo } from "./binding-selection.ts";
import { checkBoundCertificate, type BoundCertificate } from "./bound-certificate.ts";
import { iisError } from "./iis-error.ts";
import { mapRequestPath, type PathMapping } from "./path-mapping.ts";
import { expandPhysicalPath } from "./physical-path.ts";
import { runRequest, type DispatchResult, type PipelineDeps } from "./request-pipeline.ts";
import type { HandlerOptions, RegisteredHandler, RequestHandler } from "./request-handler.ts";
import type { Application, Site, VirtualDirectory } from "./site.ts";
import { selectTlsBinding, sharesCertificateSlot } from "./tls-binding.ts";
import { isWithin, normaliseVirtualPath, relativeTo, sameVirtualPath } from "./virtual-path.ts";
import type { WebRequest } from "./web-request.ts";

export interface IisServerOptions {
  /** Creates DefaultAppPool and the Default Web Site, as IIS setup does (default true). */
  defaults?: boolean;
  authenticator?: PoolAuthenticator;
}

export interface CreateSiteOptions {
  name: string;
  physicalPath: string;
  bindings: readonly BindingInit[];
  applicationPool?: string;
}

export interface CreateApplicationOptions {
  physicalPath: string;
  applicationPool?: string;
  handler?: string;
}

export interface ApplicationPatch {
  applicationPool?: string;
  /** null removes the handler: the application serves static files. */
  handler?: string | null;
  physicalPath?: string;
}

/** The server's whole configuration as data (no passwords), for reports and snapshots. */
export interface IisConfig {
  readonly version: number;
  readonly sites: readonly Site[];
  readonly appPools: readonly AppPoolInfo[];
  readonly handlers: readonly string[];
}

/** The site every IIS setup creates. */
export const DEFAULT_SITE = "Default Web Site";
export const DEFAULT_APP_POOL = "DefaultAppPool";
export const DEFAULT_SITE_ROOT = "C:\\inetpub\\wwwroot";
/** The World Wide Web Publishing Service. */
export const W3SVC = "W3SVC";

/**
 * IIS on one host: sites with their bindings, applications and virtual
 * directories, application pools, and the request pipeline that serves them.
 * The configuration is plain data; an application's code is a handler
 * registered under an id, so a product installs its pages by registering
 * one module. Every configuration change is traced (component "iis").
 */
export class IisServer {
  readonly #sites: Site[] = [];
  readonly #pools: AppPoolTable;
  readonly #handlers = new Map<string, RegisteredHandler>();
  readonly #bindingListeners: (() => void)[] = [];
  #deps: PipelineDeps | undefined;
  /** Binding candidates (started sites only, all sites), built on first use after the sites last changed: every request selects among them. */
  #startedCandidates: readonly BindingCandidate<Site>[] | undefined;
  #allCandidates: readonly BindingCandidate<Site>[] | undefined;
  /** Request path -> mapping, per site object (sites are frozen and replaced on change), dropped when the sites change. */
  #mappings = new Map<Site, Map<string, PathMapping | null>>();
  #authenticator: PoolAuthenticator | undefined;
  #nextSiteId = 1;

  constructor(
    private readonly context: LabContext,
    readonly host: Host,
    options: IisServerOptions = {},
  ) {
    if (host.iisVersion() === undefined) {
      throw iisError("IIS_NOT_INSTALLED", `IIS is not installed on ${host.name}`, "Install the IIS feature (Web Server role) first.");
    }
    this.#authenticator = options.authenticator;
    this.#pools = new AppPoolTable({
      iisVersion: () => this.version,
      hostName: host.name,
      usersOf: (pool) => this.#sites.flatMap((s) => s.applications.filter((a) => a.applicationPool.toLowerCase() === pool.toLowerCase()).map((a) => `${s.name}${a.path === "/" ? "" : a.path}`)),
      authenticator: () => this.#authenticator,
      record: (kind, data) => this.#record(kind, data),
      refuse: (code, message, remedy) => this.#refuse(code, message, remedy),
    });
    // iisreset /stop (W3SVC stopped) takes http.sys's registrations away: the ports close.
    host.services.onStateChange((service) => {
      if (service.toLowerCase() === W3SVC.toLowerCase()) this.#notifyBindings();
    });
    if (options.defaults !== false) {
      this.createAppPool(DEFAULT_APP_POOL);
      this.createSite({ name: DEFAULT_SITE, physicalPath: DEFAULT_SITE_ROOT, bindings: [{ protocol: "http", port: 80 }] });
    }
  }

  /** IIS version of the host's OS (7.0, 7.5, 8.0, 8.5, 10.0). */
  get version(): number {
    return this.host.iisVersion() ?? 0;
  }

  setAuthenticator(authenticator: PoolAuthenticator | undefined): void {
    this.#authenticator = authenticator;
  }

  // ---- sites ---------------------------------------------------------------

  sites(): readonly Site[] {
    return [...this.#sites];
  }

  site(name: string): Site | undefined {
    return this.#sites.find((s) => s.name.toLowerCase() === String(name).trim().toLowerCase());
  }

  /**
   * Creates a site as IIS Manager's "Add Website" does: the folder must
   * exist; a site whose binding another running site already serves is
   * created stopped.
   */
  createSite(options: CreateSiteOptions): Site {
    const name = typeof options?.name === "string" ? options.name.trim() : "";
    if (name === "" || /[\\/?;:@&=+$,|"<>*]/.test(name)) this.#refuse("IIS_SITE_INVALID", `site name "${options?.name}" is empty or holds a character IIS refuses`);
    if (this.site(name)) this.#refuse("IIS_SITE_EXISTS", `a site named "${name}" already exists`);
    const physicalPath = this.#existingFolder(options.physicalPath, `site "${name}"`);
    const pool = this.#pools.nameOf(options.applicationPool ?? DEFAULT_APP_POOL);
    const bindings: Binding[] = [];
    for (const init of options.bindings ?? []) {
      const binding = this.#validBinding(init, name);
      if (bindings.some((b) => sameBinding(b, binding))) this.#refuse("IIS_BINDING_DUPLICATE", `site "${name}" lists the binding ${describeBinding(binding)} twice`);
      bindings.push(binding);
    }
    if (bindings.length === 0) this.#refuse("IIS_BINDING_INVALID", `site "${name}" needs at least one binding`);
    const root: Application = { path: "/", applicationPool: pool, virtualDirectories: [{ path: "/", physicalPath }] };
    const site: Site = { id: this.#nextSiteId++, name, bindings, applications: [root], state: "Stopped" };
    this.#sites.push(freezeSite(site));
    this.#sitesChanged();
    this.#record("iis.site.created", { site: name, id: site.id, physicalPath, bindings: bindings.map(describeBinding) });
    for (const binding of bindings) if (binding.certificateThumbprint) this.#reassignSharedSlot(binding, name);
    this.startSite(name);
    return this.site(name)!;
  }

  deleteSite(name: string): void {
    const site = this.#requireSite(name);
    this.#sites.splice(this.#sites.indexOf(site), 1);
    this.#sitesChanged();
    this.#record("iis.site.deleted", { site: site.name });
  }

  /** Starts a site; refused (and left stopped) while another running site serves one of its bindings. */
  startSite(name: string): StartResult {
    const site = this.#requireSite(name);
    if (site.state === "Started") return { ok: true };
    for (const binding of site.bindings) {
      const holder = this.#sites.find((s) => s !== site && s.state === "Started" && s.bindings.some((b) => sameBinding(b, binding)));
      if (holder) {
        const reason = `site "${site.name}" cannot start: the binding ${describeBinding(binding)} is served by the running site "${holder.name}" (another web site may be using the same port)`;
        this.#record("iis.site.start-refused", { site: site.name, binding: describeBinding(binding), holder: holder.name });
        return { ok: false, reason };
      }
    }
    this.#replaceSite(site, { state: "Started" });
    this.#record("iis.site.started", { site: site.name });
    return { ok: true };
  }

  stopSite(name: string): void {
    const site = this.#requireSite(name);
    if (site.state === "Stopped") return;
    this.#replaceSite(site, { state: "Stopped" });
    this.#record("iis.site.stopped", { site: site.name });
  }

  // ---- bindings ------------------------------------------------------------

  /**
   * Adds a binding. An https binding's certificate must be in
   * LocalMachine\My with its private key; on a shared IP:port (no SNI) the
   * certificate is reassigned to every site using that IP:port, as IIS
   * Manager warns it will be.
   */
  addBinding(siteName: string, init: BindingInit): Binding {
    const site = this.#requireSite(siteName);
    const binding = this.#validBinding(init, site.name);
    if (site.bindings.some((b) => sameBinding(b, binding))) {
      this.#refuse("IIS_BINDING_DUPLICATE", `site "${site.name}" already has the binding ${describeBinding(binding)}`);
    }
    if (site.state === "Started") {
      const holder = this.#sites.find((s) => s !== site && s.state === "Started" && s.bindings.some((b) => sameBinding(b, binding)));
      if (holder) {
        this.#refuse("IIS_BINDING_CONFLICT", `the binding ${describeBinding(binding)} is already served by the running site "${holder.name}"`, "Stop the other site, or use another port or host name.");
      }
    }
    this.#replaceSite(site, { bindings: [...site.bindings, binding] });
    this.#record("iis.binding.added", { site: site.name, binding: describeBinding(binding), ...(binding.certificateThumbprint ? { thumbprint: binding.certificateThumbprint } : {}) });
    if (binding.certificateThumbprint) this.#reassignSharedSlot(binding, site.name);
    return binding;
  }

  removeBinding(siteName: string, match: BindingMatch): Binding {
    const site = this.#requireSite(siteName);
    const binding = this.#oneBinding(site, match);
    this.#replaceSite(site, { bindings: site.bindings.filter((b) => b !== binding) });
    this.#record("iis.binding.removed", { site: site.name, binding: describeBinding(binding) });
    return binding;
  }

  /** Binds a certificate to an https binding (IIS Manager: Edit Site Binding, SSL certificate). */
  setBindingCertificate(siteName: string, match: BindingMatch, thumbprint: string): Binding {
    const site = this.#requireSite(siteName);
    const binding = this.#oneBinding(site, { ...match, protocol: "https" });
    const certificate = this.#usableCertificate(thumbprint, site.name);
    const updated = Object.freeze(withChanges(binding, { certificateThumbprint: certificate }));
    this.#replaceSite(site, { bindings: site.bindings.map((b) => (b === binding ? updated : b)) });
    this.#record("iis.binding.certificate", { site: site.name, binding: describeBinding(updated), thumbprint: certificate });
    this.#reassignSharedSlot(updated, site.name);
    return updated;
  }

  // ---- applications and virtual directories ---------------------------------

  createApplication(siteName: string, path: string, options: CreateApplicationOptions): Application {
    const site = this.#requireSite(siteName);
    const appPath = normaliseVirtualPath(path, "application path");
    if (appPath === "/") this.#refuse("IIS_APP_EXISTS", `site "${site.name}" always has its root application "/"`);
    if (site.applications.some((a) => sameVirtualPath(a.path, appPath))) this.#refuse("IIS_APP_EXISTS", `site "${site.name}" already has an application at ${appPath}`);
    const physicalPath = this.#existingFolder(options?.physicalPath, `application ${site.name}${appPath}`);
    const parent = this.#applicationFor(site, appPath);
    const pool = this.#pools.nameOf(options.applicationPool ?? parent.applicationPool);
    const application: Application = {
      path: appPath,
      applicationPool: pool,
      ...(options.handler !== undefined ? { handler: this.#handlerId(options.handler) } : {}),
      virtualDirectories: [{ path: "/", physicalPath }],
    };
    // A virtual directory at the same path becomes the application ("Convert to Application").
    const relative = relativeTo(parent.path, appPath);
    const parentUpdated = withChanges(parent, { virtualDirectories: parent.virtualDirectories.filter((v) => !sameVirtualPath(v.path, relative)) });
    this.#replaceSite(site, { applications: [...site.applications.map((a) => (a === parent ? parentUpdated : a)), application] });
    this.#record("iis.app.created", { site: site.name, path: appPath, physicalPath, applicationPool: pool, ...(application.handler ? { handler: application.handler } : {}) });
    return this.#requireApplication(this.#requireSite(site.name), appPath);
  }

  updateApplication(siteName: string, path: string, patch: ApplicationPatch): Application {
    const site = this.#requireSite(siteName);
    const application = this.#requireApplication(site, path);
    const pool = patch.applicationPool !== undefined ? this.#pools.nameOf(patch.applicationPool) : application.applicationPool;
    const physicalPath = patch.physicalPath !== undefined ? this.#existingFolder(patch.physicalPath, `application ${site.name}${application.path}`) : undefined;
    const { handler: _old, ...rest } = application;
    const handler = patch.handler === null ? undefined : patch.handler !== undefined ? this.#handlerId(patch.handler) : application.handler;
    const updated: Application = {
      ...rest,
      applicationPool: pool,
      ...(handler !== undefined ? { handler } : {}),
      virtualDirectories: application.virtualDirectories.map((v) => (v.path === "/" && physicalPath !== undefined ? { path: "/", physicalPath } : v)),
    };
    this.#replaceSite(site, { applications: site.applications.map((a) => (a === application ? updated : a)) });
    this.#record("iis.app.updated", { site: site.name, path: application.path, applicationPool: pool, handler: handler ?? null, ...(physicalPath ? { physicalPath } : {}) });
    return this.#requireApplication(this.#requireSite(site.name), application.path);
  }

  removeApplication(siteName: string, path: string): void {
    const site = this.#requireSite(siteName);
    const application = this.#requireApplication(site, path);
    if (application.path === "/") this.#refuse("IIS_APP_ROOT", `the root application of site "${site.name}" cannot be removed; delete the site instead`);
    this.#replaceSite(site, { applications: site.applications.filter((a) => a !== application) });
    this.#record("iis.app.removed", { site: site.name, path: application.path });
  }

  /** Adds a virtual directory under the application that contains `path`. */
  createVirtualDirectory(siteName: string, path: string, physicalPath: string): VirtualDirectory {
    const site = this.#requireSite(siteName);
    const fullPath = normaliseVirtualPath(path, "virtual directory path");
    if (fullPath === "/") this.#refuse("IIS_VDIR_EXISTS", `site "${site.name}" already has its root virtual directory`);
    const application = this.#applicationFor(site, fullPath);
    const relative = relativeTo(application.path, fullPath);
    if (application.virtualDirectories.some((v) => sameVirtualPath(v.path, relative))) {
      this.#refuse("IIS_VDIR_EXISTS", `site "${site.name}" already has a virtual directory at ${fullPath}`);
    }
    const folder = this.#existingFolder(physicalPath, `virtual directory ${site.name}${fullPath}`);
    const vdir: VirtualDirectory = { path: relative, physicalPath: folder };
    const updated = withChanges(application, { virtualDirectories: [...application.virtualDirectories, vdir] });
    this.#replaceSite(site, { applications: site.applications.map((a) => (a === application ? updated : a)) });
    this.#record("iis.vdir.created", { site: site.name, path: fullPath, application: application.path, physicalPath: folder });
    return vdir;
  }

  removeVirtualDirectory(siteName: string, path: string): void {
    const site = this.#requireSite(siteName);
    const fullPath = normaliseVirtualPath(path, "virtual directory path");
    const application = this.#applicationFor(site, fullPath);
    const relative = relativeTo(application.path, fullPath);
    const vdir = application.virtualDirectories.find((v) => sameVirtualPath(v.path, relative));
    if (!vdir || relative === "/") this.#refuse("IIS_VDIR_NOT_FOUND", `site "${site.name}" has no virtual directory at ${fullPath}${relative === "/" && vdir ? " (it is an application: remove the application)" : ""}`);
    const updated = withChanges(application, { virtualDirectories: application.virtualDirectories.filter((v) => v !== vdir) });
    this.#replaceSite(site, { applications: site.applications.map((a) => (a === application ? updated : a)) });
    this.#record("iis.vdir.removed", { site: site.name, path: fullPath });
  }

  // ---- application pools -----------------------------------------------------

  appPools(): readonly AppPoolInfo[] {
    return this.#pools.list();
  }

  appPool(name: string): AppPoolInfo | undefined {
    return this.#pools.get(name);
  }

  createAppPool(name: string, options: AppPoolOptions = {}): AppPoolInfo {
    return this.#pools.create(name, options);
  }

  /** Changes pool settings; the worker process recycles, so a new identity logs on at the next request. */
  updateAppPool(name: string, patch: AppPoolOptions): AppPoolInfo {
    return this.#pools.update(name, patch);
  }

  /** Refused while applications run in the pool. */
  deleteAppPool(name: string): void {
    this.#pools.delete(name);
  }

  startAppPool(name: string): void {
    this.#pools.start(name);
  }

  stopAppPool(name: string): void {
    this.#pools.stop(name);
  }

  /** Ends the worker process; the next request starts a new one (and logs on again). */
  recycleAppPool(name: string): void {
    this.#pools.recycle(name);
  }

  // ---- handlers ----------------------------------------------------------------

  /** Registers an application's code under an id (re-registering replaces it: a product upgrade). */
  registerHandler(id: string, handler: RequestHandler, options: HandlerOptions = {}): void {
    const handlerId = this.#handlerId(id);
    if (typeof handler !== "function") this.#refuse("IIS_HANDLER_INVALID", `handler "${handlerId}" must be a function (request, context) => response`);
    this.#handlers.set(handlerId, Object.freeze({ id: handlerId, handler, options: Object.freeze({ ...options }) }));
    this.#record("iis.handler.registered", { handler: handlerId, ...(options.clr ? { clr: options.clr } : {}) });
  }

  unregisterHandler(id: string): boolean {
    const removed = this.#handlers.delete(id);
    if (removed) this.#record("iis.handler.unregistered", { handler: id });
    return removed;
  }

  handler(id: string): RegisteredHandler | undefined {
    return this.#handlers.get(id);
  }

  // ---- serving -------------------------------------------------------------------

  /**
   * Whether the World Wide Web Publishing Service runs (or is starting). A
   * host without the service (IIS set up without installIis) counts as running.
   */
  get running(): boolean {
    const state = this.host.services.state(W3SVC);
    return state === undefined || state === "RUNNING" || state === "START_PENDING";
  }

  /**
   * Ports IIS listens on: every binding of every site while W3SVC runs
   * (http.sys keeps a stopped site's port and answers 503), none when it is stopped.
   */
  listeningPorts(): { protocol: Binding["protocol"]; port: number }[] {
    if (!this.running) return [];
    const seen = new Map<string, { protocol: Binding["protocol"]; port: number }>();
    for (const site of this.#sites) for (const b of site.bindings) seen.set(`${b.protocol}:${b.port}`, { protocol: b.protocol, port: b.port });
    return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
  }

  /** Whether anything listens on a TCP port (either protocol). */
  listensOn(port: number): boolean {
    return this.listeningPorts().some((p) => p.port === port);
  }

  /** The protocol IIS speaks on a port, or undefined when nothing listens there. */
  protocolOn(port: number): Binding["protocol"] | undefined {
    // listeningPorts() sorts a port's protocols by name: the first of them is the least one.
    if (!this.running) return undefined;
    let found: Binding["protocol"] | undefined;
    for (const site of this.#sites) {
      for (const b of site.bindings) if (b.port === port && (found === undefined || b.protocol.localeCompare(found) < 0)) found = b.protocol;
    }
    return found;
  }

  /**
   * The certificate http.sys presents on a TLS connection to (IP, port)
   * with the given server name, or why the handshake fails.
   */
  serverCertificate(connection: { localIp: string; port: number; serverName?: string }): BoundCertificate {
    const chosen = selectTlsBinding(this.#candidates(true), connection);
    if (!chosen) return { ok: false, reason: `no https binding on ${connection.localIp}:${connection.port}` };
    return checkBoundCertificate(this.host.certs, chosen.site.name, chosen.binding);
  }

  /** Serves one request that arrived on `connection` (binding selection, site and pool state, application, handler). */
  dispatch(request: WebRequest, connection: ConnectionInfo): Promise<DispatchResult> {
    return runRequest(this.#pipeline(), request, connection);
  }

  /** Serves a request for one named site whatever its bindings say (the real loopback server uses it). */
  dispatchToSite(siteName: string, request: WebRequest, secure: boolean): Promise<DispatchResult> {
    const site = this.#requireSite(siteName);
    return runRequest(this.#pipeline(), request, { pinned: site, secure });
  }

  /** Called after sites or bindings change (a network attachment opens and closes its ports). */
  onBindingsChange(listener: () => void): () => void {
    this.#bindingListeners.push(listener);
    return () => {
      const i = this.#bindingListeners.indexOf(listener);
      if (i >= 0) this.#bindingListeners.splice(i, 1);
    };
  }

  config(): IisConfig {
    return { version: this.version, sites: this.sites(), appPools: this.appPools(), handlers: [...this.#handlers.keys()].sort() };
  }

  // ---- internals -------------------------------------------------------------------

  /** What the pipeline needs of this server: the same for every request, so made once. */
  #pipeline(): PipelineDeps {
    return (this.#deps ??= {
      host: this.host,
      context: this.context,
      running: () => this.running,
      candidates: (startedOnly) => this.#candidates(startedOnly),
      mapPath: (site, path) => this.#mapPath(site, path),
      pool: (name) => this.appPool(name),
      handler: (id) => this.#handlers.get(id),
      startWorker: (name) => this.#pools.startWorker(name),
    });
  }

  #candidates(startedOnly: boolean): readonly BindingCandidate<Site>[] {
    if (startedOnly) return (this.#startedCandidates ??= this.#buildCandidates(true));
    return (this.#allCandidates ??= this.#buildCandidates(false));
  }

  #buildCandidates(startedOnly: boolean): readonly BindingCandidate<Site>[] {
    const candidates = this.#sites.filter((s) => !startedOnly || s.state === "Started").flatMap((site) => site.bindings.map((binding) => Object.freeze({ site, binding })));
    return Object.freeze(candidates);
  }

  #mapPath(site: Site, path: string): PathMapping | undefined {
    let bySite = this.#mappings.get(site);
    if (!bySite) this.#mappings.set(site, (bySite = new Map()));
    let mapping = bySite.get(path);
    if (mapping === undefined) {
      // Bounded: request paths come from clients (a fuzzer may send many).
      if (bySite.size >= 256) bySite.clear();
      const mapped = mapRequestPath(site, path);
      bySite.set(path, (mapping = mapped ? Object.freeze(mapped) : null));
    }
    return mapping ?? undefined;
  }

  #sitesChanged(): void {
    this.#startedCandidates = undefined;
    this.#allCandidates = undefined;
    this.#mappings.clear();
  }

  #validBinding(init: BindingInit, siteName: string): Binding {
    let binding: Binding;
    try {
      binding = normaliseBinding(init);
    } catch (error) {
      if (error instanceof LabError) this.#refuse(error.code, `site "${siteName}": ${error.message}`);
      throw error;
    }
    if (binding.sni && this.version < 8) {
      this.#refuse("IIS_SNI_UNSUPPORTED", `site "${siteName}": Server Name Indication needs IIS 8 or later; this host runs IIS ${this.version.toFixed(1)}`, "Use one IP:port per certificate, or upgrade the server.");
    }
    if (binding.hostName.startsWith("*.") && this.version < 10) {
      this.#refuse("IIS_BINDING_INVALID", `site "${siteName}": wildcard host names need IIS 10; this host runs IIS ${this.version.toFixed(1)}`);
    }
    if (binding.certificateThumbprint !== undefined) {
      return Object.freeze(withChanges(binding, { certificateThumbprint: this.#usableCertificate(binding.certificateThumbprint, siteName) }));
    }
    return binding;
  }

  /** IIS Manager lists only certificates of LocalMachine\My with a private key; netsh fails on a key it cannot use (error 1312). */
  #usableCertificate(thumbprint: string, siteName: string): string {
    let normalised: string;
    try {
      normalised = normalizeThumbprint(thumbprint);
    } catch (error) {
      if (error instanceof LabError) this.#refuse(error.code, `site "${siteName}": ${error.message}`, error.remedy);
      throw error;
    }
    const entry = this.host.certs.store("LocalMachine", "My").get(normalised);
    if (!entry) {
      const elsewhere = this.host.certs.findByThumbprint(normalised);
      const where = elsewhere ? ` (it is in ${elsewhere.location}\\${elsewhere.name}, which IIS does not use for bindings)` : "";
      this.#refuse(
        "IIS_CERT_NOT_FOUND",
        `site "${siteName}": no certificate ${normalised} in LocalMachine\\My on ${this.host.name}${where}`,
        "Import the certificate with its private key (.pfx) into the Local Computer's Personal store, then bind it.",
      );
    }
    if (entry.privateKeyPem === undefined) {
      this.#refuse(
        "IIS_CERT_NO_PRIVATE_KEY",
        `site "${siteName}": certificate ${normalised} (${entry.certificate.subject}) has no private key on ${this.host.name}; SSL certificate add failed, error 1312`,
        "Import the .pfx (certificate with its private key), not the .cer.",
      );
    }
    return normalised;
  }

  /** http.sys keeps one certificate per IP:port without SNI: every site sharing the slot gets the new one. */
  #reassignSharedSlot(binding: Binding, siteName: string): void {
    for (const other of [...this.#sites]) {
      let changed = false;
      const bindings = other.bindings.map((b) => {
        if (b === binding || !sharesCertificateSlot(b, binding) || b.certificateThumbprint === binding.certificateThumbprint) return b;
        changed = true;
        return Object.freeze(withChanges(b, { certificateThumbprint: binding.certificateThumbprint! }));
      });
      if (!changed) continue;
      this.#replaceSite(other, { bindings });
      this.#record("iis.binding.certificate", {
        site: other.name,
        binding: `https ${bindingInformation(binding)}`,
        thumbprint: binding.certificateThumbprint,
        reassignedBy: siteName,
      });
    }
  }

  #oneBinding(site: Site, match: BindingMatch): Binding {
    const found = site.bindings.filter((b) => bindingMatches(b, match));
    if (found.length === 0) {
      this.#refuse("IIS_BINDING_NOT_FOUND", `site "${site.name}" has no binding matching ${JSON.stringify(match)}; it has: ${site.bindings.map(describeBinding).join(", ") || "none"}`);
    }
    if (found.length > 1) {
      this.#refuse("IIS_BINDING_AMBIGUOUS", `site "${site.name}" has ${found.length} bindings matching ${JSON.stringify(match)}: ${found.map(describeBinding).join(", ")}; name the port or host name`);
    }
    return found[0]!;
  }

  #applicationFor(site: Site, path: string): Application {
    let best = site.applications[0]!;
    for (const a of site.applications) if (isWithin(a.path, path) && a.path.length > best.path.length) best = a;
    return best;
  }

  #requireApplication(site: Site, path: string): Application {
    const appPath = normaliseVirtualPath(path, "application path");
    const application = site.applications.find((a) => sameVirtualPath(a.path, appPath));
    if (!application) {
      this.#refuse("IIS_APP_NOT_FOUND", `site "${site.name}" has no application at ${appPath}; applications: ${site.applications.map((a) => a.path).join(", ")}`);
    }
    return application;
  }

  #requireSite(name: string): Site {
    const site = this.site(name);
    if (!site) this.#refuse("IIS_SITE_NOT_FOUND", `no site "${name}" on ${this.host.name}; sites: ${this.#sites.map((s) => s.name).join(", ") || "none"}`);
    return site;
  }

  #handlerId(id: string): string {
    const value = typeof id === "string" ? id.trim() : "";
    if (value === "") this.#refuse("IIS_HANDLER_INVALID", "a handler id must be a non-empty string");
    return value;
  }

  #existingFolder(path: string | undefined, what: string): string {
    if (typeof path !== "string" || path.trim() === "") this.#refuse("IIS_PATH_INVALID", `${what}: a physical path is required`);
    const expanded = expandPhysicalPath(path);
    let isDir: boolean;
    try {
      isDir = this.host.fs.isDirectory(expanded);
    } catch (error) {
      if (error instanceof LabError) this.#refuse("IIS_PATH_INVALID", `${what}: physical path "${path}" is not a valid Windows path: ${error.message}`);
      throw error;
    }
    if (!isDir) this.#refuse("IIS_PATH_NOT_FOUND", `${what}: the physical path ${expanded} does not exist on ${this.host.name}`, "Create the folder first (setup copies the files there).");
    return this.host.fs.normalise(expanded);
  }

  #replaceSite(old: Site, changes: Partial<Site>): void {
    const i = this.#sites.indexOf(old);
    this.#sites[i] = freezeSite(withChanges(old, changes));
    this.#sitesChanged();
  }

  #refuse(code: string, message: string, remedy?: string): never {
    this.#record("iis.refused", { code, message });
    throw iisError(code, message, remedy);
  }

  /** Every caller (and the pool table) passes a literal built for the event: the trace keeps it rather than a copy. */
  #record(kind: string, data: Record<string, unknown>): void {
    this.context.trace.recordOwn({ host: this.host.name, component: "iis", kind, data });
    if (kind.startsWith("iis.site.") || kind.startsWith("iis.binding.")) this.#notifyBindings();
  }

  #notifyBindings(): void {
    for (const listener of [...this.#bindingListeners]) listener();
  }
}

/**
 * A frozen copy of a site, sharing what an earlier freeze already froze
 * (nothing can change it, so a copy would be the same): a change to one
 * application copies only that one.
 */
function freezeSite(site: Site): Site {
  return Object.freeze(
    withChanges(site, {
      bindings: Object.isFrozen(site.bindings) ? site.bindings : Object.freeze([...site.bindings]),
      applications: Object.freeze(site.applications.map(frozenApplication)),
    }),
  );
}

function frozenApplication(a: Application): Application {
  if (Object.isFrozen(a) && Object.isFrozen(a.virtualDirectories) && a.virtualDirectories.every((v) => Object.isFrozen(v))) return a;
  return Object.freeze(withChanges(a, { virtualDirectories: Object.freeze(a.virtualDirectories.map((v) => (Object.isFrozen(v) ? v : Object.freeze(withChanges(v, {}))))) }));
}

/**
 * `{ ...base, ...changes }` for the server's own config objects (no own
 * "__proto__"): Object.assign, because V8 spreads a frozen object through a
 * slow path, and every site, application and binding here is frozen.
 */
function withChanges<T extends object>(base: T, changes: Partial<T>): T {
  return Object.assign({}, base, changes);
}
