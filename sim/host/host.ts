import { LabError, type LabContext } from "../kernel/index.ts";
import type { FeatureId, HostRole, OsId, Zone } from "../lab-spec.ts";
import { CertificateStores } from "../certs/index.ts";
import { FileSystem, type FsChangeKind } from "../fs/index.ts";
import { Registry, type RegistryChange } from "../registry/index.ts";
import { ServiceControlManager, type ServiceAuthenticator } from "../services/index.ts";
import { FEATURE_NAMES, withIncluded } from "./features.ts";
import { InstalledProducts } from "./installed-products.ts";
import { osInfo, type OsInfo } from "./os-table.ts";
import { WindowsFirewall } from "./windows-firewall.ts";

export interface HostOptions {
  name: string;
  os: OsId;
  arch?: "x64" | "x86";
  zone?: Zone;
  ip?: string;
  role?: HostRole;
  features?: readonly FeatureId[];
  ie?: number;
  ramFreeMb?: number;
  diskFreeMb?: number;
  firewallEnabled?: boolean;
}

interface PendingAction {
  readonly label: string;
  readonly run: () => void;
}

type RestartListener = (host: Host) => void;

const MB = 1024 * 1024;

/** Trace kinds of registry and file changes, spelled once rather than at every write. */
const REGISTRY_EVENT: Readonly<Record<RegistryChange["kind"], string>> = {
  "set-value": "registry.set-value",
  "delete-value": "registry.delete-value",
  "create-key": "registry.create-key",
  "delete-key": "registry.delete-key",
};
const FS_EVENT: Readonly<Record<FsChangeKind, string>> = { write: "fs.write", delete: "fs.delete", mkdir: "fs.mkdir", move: "fs.move", copy: "fs.copy" };

const BASE_FOLDERS = ["C:\\Windows\\System32", "C:\\Program Files", "C:\\temp", "C:\\Users"];
const X64_FOLDERS = ["C:\\Program Files (x86)", "C:\\Windows\\SysWOW64"];
const IIS_FOLDERS = ["C:\\Inetpub\\wwwroot"];
/** The folders every install has, in the order they are made, by architecture and IIS. */
const STANDARD_FOLDERS: Readonly<Record<"x64" | "x86" | "x64+iis" | "x86+iis", readonly string[]>> = {
  x86: BASE_FOLDERS,
  "x86+iis": [...BASE_FOLDERS, ...IIS_FOLDERS],
  x64: [...BASE_FOLDERS, ...X64_FOLDERS],
  "x64+iis": [...BASE_FOLDERS, ...X64_FOLDERS, ...IIS_FOLDERS],
};

/**
 * One Windows machine: OS, architecture, registry, file system, services,
 * certificate stores, features, firewall and installed products, with the
 * things that only take effect at the next restart.
 */
export class Host {
  readonly name: string;
  readonly os: OsInfo;
  readonly arch: "x64" | "x86";
  readonly zone: Zone;
  readonly ip: string;
  readonly role: HostRole;
  readonly registry: Registry;
  readonly fs: FileSystem;
  readonly services: ServiceControlManager;
  readonly certs = new CertificateStores();
  readonly firewall: WindowsFirewall;
  readonly products = new InstalledProducts();
  ramFreeMb: number;
  ie: number;
  /** DNS name of the domain this host is joined to. */
  domain: string | undefined;
  readonly #features: Set<FeatureId>;
  readonly #pending: PendingAction[] = [];
  readonly #restartListeners: RestartListener[] = [];
  #restarts = 0;

  constructor(private readonly context: LabContext, options: HostOptions) {
    this.name = options.name;
    this.os = osInfo(options.os);
    this.arch = options.arch ?? "x64";
    if (this.arch === "x86" && !this.os.hasX86) {
      throw new LabError({ code: "HOST_ARCH", message: `${this.os.name} has no 32-bit edition; host ${options.name} cannot be x86` });
    }
    this.zone = options.zone ?? "internal";
    this.ip = options.ip ?? "0.0.0.0";
    this.role = options.role ?? (this.os.kind === "server" ? "member" : "workstation");
    this.ie = options.ie ?? this.os.shippedIe;
    this.ramFreeMb = options.ramFreeMb ?? 2048;
    this.#features = withIncluded(options.features ?? []);
    this.firewall = new WindowsFirewall(options.firewallEnabled ?? true);
    this.registry = new Registry({
      is64Bit: this.arch === "x64",
      onChange: (c) => this.recordOwn("registry", REGISTRY_EVENT[c.kind], c.name !== undefined ? { path: c.path, name: c.name } : { path: c.path }),
    });
    const diskFree = (options.diskFreeMb ?? 40_960) * MB;
    this.fs = new FileSystem({
      drives: [{ letter: "C", sizeBytes: Math.max(diskFree * 2, 80_000 * MB), freeBytes: diskFree }],
      onChange: (c) => this.recordOwn("fs", FS_EVENT[c.kind], c.to ? { path: c.path, to: c.to } : { path: c.path }),
    });
    for (const dir of this.#standardFolders()) this.fs.mkdir(dir);
    this.services = new ServiceControlManager(context, { host: this.name, fileExists: (p) => this.fs.isFile(p) });
    this.#writeOsRegistry();
  }

  /** Program Files for a process of the given bitness, as Windows maps it. */
  programFiles(bits: 32 | 64 = this.arch === "x64" ? 64 : 32): string {
    return this.arch === "x64" && bits === 32 ? "C:\\Program Files (x86)" : "C:\\Program Files";
  }

  get is64Bit(): boolean {
    return this.arch === "x64";
  }

  get joined(): boolean {
    return this.domain !== undefined;
  }

  get isDomainController(): boolean {
    return this.role === "dc" || this.role === "rodc";
  }

  get restarts(): number {
    return this.#restarts;
  }

  hasFeature(feature: FeatureId): boolean {
    return this.#features.has(feature);
  }

  features(): FeatureId[] {
    return [...this.#features].sort();
  }

  /** IIS version when IIS is installed, undefined otherwise. */
  iisVersion(): number | undefined {
    return this.#features.has("iis") ? this.os.iisVersion : undefined;
  }

  addFeature(feature: FeatureId): void {
    for (const f of withIncluded([feature])) {
      if (this.#features.has(f)) continue;
      this.#features.add(f);
      this.recordOwn("host", "feature.installed", { feature: f, name: FEATURE_NAMES[f] });
    }
    if (feature === "iis") this.fs.mkdir("C:\\Inetpub\\wwwroot");
  }

  removeFeature(feature: FeatureId): void {
    if (this.#features.delete(feature)) this.recordOwn("host", "feature.removed", { feature });
  }

  setAuthenticator(authenticator: ServiceAuthenticator): void {
    this.services.setAuthenticator(authenticator);
  }

  freeDiskMb(drive = "C"): number {
    return Math.floor(this.fs.freeBytes(drive) / MB);
  }

  /** Queues something that only takes effect at the next restart (an msi in use, a GPSI package). */
  atNextRestart(label: string, run: () => void): void {
    this.#pending.push({ label, run });
    this.recordOwn("host", "reboot.pending", { reason: label });
  }

  get pendingReboot(): readonly string[] {
    return this.#pending.map((p) => p.label);
  }

  /** Listeners run on every restart, after pending actions and before services boot (Group Policy at startup). */
  onRestart(listener: RestartListener): () => void {
    this.#restartListeners.push(listener);
    return () => {
      const i = this.#restartListeners.indexOf(listener);
      if (i >= 0) this.#restartListeners.splice(i, 1);
    };
  }

  /**
   * Restarts Windows: services stop, pending changes apply, startup policy
   * runs, services come back by start type. The caller advances the clock
   * for services to reach RUNNING.
   */
  restart(): void {
    this.recordOwn("host", "host.restart", { pending: this.pendingReboot });
    this.services.shutdown();
    const pending = this.#pending.splice(0);
    for (const action of pending) {
      action.run();
      this.recordOwn("host", "reboot.applied", { action: action.label });
    }
    for (const listener of [...this.#restartListeners]) listener(this);
    this.#restarts++;
    this.services.boot();
  }

  record(component: string, kind: string, data: Record<string, unknown> = {}) {
    return this.context.trace.record({ host: this.name, component, kind, data });
  }

  /**
   * As `record`, for data built for this event alone (a literal the caller
   * keeps no reference to): the trace freezes it instead of copying it.
   * Every registry and file change records one.
   */
  recordOwn(component: string, kind: string, data: Record<string, unknown>) {
    return this.context.trace.recordOwn({ host: this.name, component, kind, data });
  }

  #standardFolders(): readonly string[] {
    const x64 = this.arch === "x64";
    return STANDARD_FOLDERS[this.#features.has("iis") ? (x64 ? "x64+iis" : "x86+iis") : x64 ? "x64" : "x86"];
  }

  #writeOsRegistry(): void {
    const view = this.registry.view(64);
    const key = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    view.setValue(key, "ProductName", { type: "REG_SZ", data: this.os.name });
    view.setValue(key, "CurrentVersion", { type: "REG_SZ", data: this.os.ntVersion.toFixed(1) });
    view.setValue("HKLM\\SOFTWARE\\Microsoft\\Internet Explorer", "svcVersion", { type: "REG_SZ", data: `${this.ie}.0` });
  }
}
