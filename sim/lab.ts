import { CertificateAuthority, CertificateFactory, type RevocationList } from "./certs/index.ts";
import type { Directory } from "./ad/index.ts";
import type { Host } from "./host/index.ts";
import { WebClient, type IisServer } from "./iis/index.ts";
import { Clock, FaultPlan, LabError, Rng, Trace, type FaultDefinition, type LabContext } from "./kernel/index.ts";
import type { LabSpec } from "./lab-spec.ts";
import { Network } from "./net/index.ts";
import { buildEstate, ShareTable } from "./estate/index.ts";

export interface LabOptions {
  seed: number;
  faultCatalog?: ReadonlyMap<string, FaultDefinition>;
  /**
   * When the lab clock starts (ms since 1970); default the lab's fixed epoch.
   * Only `lab pages` moves it: a real browser judges the lab's certificates
   * by the host's calendar.
   */
  epochMs?: number;
}

/** Installs a Group Policy software package on a host at its restart; products register one per msi they ship. */
export type PackageInstaller = (host: Host, msiPath: string, packageName: string) => boolean;

/**
 * One world: clock, rng, trace, faults, hosts, directory, network, IIS and
 * certificates. Nothing is global; two labs in one process never share state.
 */
export class Lab implements LabContext {
  readonly seed: number;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace: Trace;
  readonly faults: FaultPlan;
  readonly spec: LabSpec;
  readonly network: Network;
  readonly certificates: CertificateFactory;
  readonly authorities = new Map<string, CertificateAuthority>();
  readonly shares: ShareTable;
  readonly web: WebClient;
  directory: Directory | undefined;
  readonly #hosts = new Map<string, Host>();
  /** findHost's answers by the spelling asked (hosts are only ever added, so an answer stays right). */
  readonly #byAskedName = new Map<string, Host>();
  #hostList: readonly Host[] | undefined;
  readonly #iis = new Map<string, IisServer>();
  readonly #state = new Map<string, unknown>();
  readonly #installers: { match: RegExp; install: PackageInstaller }[] = [];

  constructor(spec: LabSpec, options: LabOptions) {
    this.seed = options.seed;
    this.spec = spec;
    this.clock = new Clock(options.epochMs);
    this.rng = new Rng(options.seed);
    this.trace = new Trace(this.clock);
    this.faults = new FaultPlan(this.rng.fork("faults"), options.faultCatalog);
    this.network = new Network(this, spec.domain ? { domain: spec.domain.name } : {});
    this.certificates = new CertificateFactory(() => this.rng.fork("certs"));
    this.shares = new ShareTable((name) => this.findHost(name));
    this.web = new WebClient({
      context: this,
      network: this.network,
      hostOf: (name) => this.findHost(name),
      revocations: () => this.#revocations(),
    });
  }

  /** Builds the estate a scenario's `lab:` describes. */
  static async build(spec: LabSpec, options: LabOptions): Promise<Lab> {
    const lab = new Lab(spec, options);
    await buildEstate(lab, spec);
    return lab;
  }

  /** The host of that name (case-insensitive); a LabError names the known ones otherwise. */
  host(name: string): Host {
    const host = this.findHost(name);
    if (!host) throw new LabError({ code: "LAB_NO_HOST", message: `no host ${name} in the lab; hosts: ${this.hostNames().join(", ")}` });
    return host;
  }

  findHost(name: string): Host | undefined {
    // Callers ask by the few names the scenario spells, over and over: each asked spelling is looked up once.
    let host = this.#byAskedName.get(name);
    if (host === undefined) {
      const dot = name.indexOf(".");
      host = this.#hosts.get((dot < 0 ? name : name.slice(0, dot)).toUpperCase());
      if (host !== undefined) this.#byAskedName.set(name, host);
    }
    return host;
  }

  /** Every host, in the order they were added: one frozen list until a host is added (many callers walk it per step). */
  hosts(): readonly Host[] {
    return (this.#hostList ??= Object.freeze([...this.#hosts.values()]));
  }

  hostNames(): string[] {
    return this.hosts().map((h) => h.name);
  }

  addHost(host: Host): void {
    const key = host.name.toUpperCase();
    if (this.#hosts.has(key)) throw new LabError({ code: "LAB_DUPLICATE_HOST", message: `host ${host.name} is already in the lab` });
    this.#hosts.set(key, host);
    this.#hostList = undefined;
  }

  /** The domain; a LabError when the lab has none. */
  domain(): Directory {
    if (!this.directory) throw new LabError({ code: "LAB_NO_DOMAIN", message: "this lab has no domain (add `domain:` to the scenario's lab)" });
    return this.directory;
  }

  iis(hostName: string): IisServer | undefined {
    return this.#iis.get(hostName.toUpperCase());
  }

  setIis(hostName: string, server: IisServer): void {
    this.#iis.set(hostName.toUpperCase(), server);
  }

  /**
   * Per-lab state of a higher layer (a product's runtime, the runner's
   * bookkeeping), keyed by name: modules keep no state of their own.
   */
  state<T>(key: string, init: () => T): T {
    if (!this.#state.has(key)) this.#state.set(key, init());
    return this.#state.get(key) as T;
  }

  /** A product registers how its msi installs when Group Policy assigns it (matched on the msi file name). */
  registerPackageInstaller(match: RegExp, install: PackageInstaller): void {
    this.#installers.push({ match, install });
  }

  packageInstaller(msiPath: string): PackageInstaller | undefined {
    const file = msiPath.split("\\").pop() ?? msiPath;
    return this.#installers.find((i) => i.match.test(file))?.install;
  }

  /** Advances lab time; scheduled events (deliveries, service starts, expiries) run on the way. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  #revocations(): RevocationList[] {
    return [...this.authorities.values()].map((a) => a.revocations);
  }
}
