import { Lab } from "../../lab.ts";
import type { HostSpec, LabSpec } from "../../lab-spec.ts";
import type { Finding, FinalState, FindingInput, StepContext } from "../../product/index.ts";
import { specopsPasswordReset } from "./specops-reset.ts";

/**
 * A small harness for this folder's tests: builds a lab, seeds what is
 * installed, runs verbs and verifications with a StepContext that keeps the
 * findings. (The scenario runner does the same for the catalog; products sit
 * below it and do not import it.)
 */
export interface Harness {
  readonly lab: Lab;
  readonly findings: Finding[];
  readonly checked: Set<string>;
  step(verb: string, args: unknown): Promise<Finding[]>;
  verify(...names: string[]): Promise<Finding[]>;
  final(): Promise<{ state: FinalState; findings: Finding[] }>;
  rules(list?: Finding[]): string[];
  /** Runs plan steps (product verbs, and `verify`) in order. */
  run(steps: readonly { verb: string; args: unknown }[]): Promise<Finding[]>;
}

export async function harness(spec: LabSpec, options: { seed?: number; faults?: string[] } = {}): Promise<Harness> {
  const product = specopsPasswordReset;
  const catalog = new Map(product.faults.map((f) => [f.name, f]));
  const lab = await Lab.build(spec, { seed: options.seed ?? 1, faultCatalog: catalog });
  for (const f of options.faults ?? []) lab.faults.activate(f);
  await product.applyFaults?.(lab);
  for (const host of spec.hosts) {
    for (const [component, entry] of Object.entries(host.installed ?? {})) {
      const { version, ...rest } = typeof entry === "string" ? { version: entry } : entry;
      await product.seedInstalled(lab, host.name, component, version, rest);
    }
  }
  const findings: Finding[] = [];
  const checked = new Set<string>();
  let stepNo = 0;
  const ctx = (step: number): StepContext => {
    const mark = lab.trace.length;
    return {
      lab,
      step,
      product,
      traceMark: mark,
      raise: (input: FindingInput) => {
        const rule = product.rules.find((r) => r.id === input.rule);
        if (!rule) throw new Error(`unknown rule ${input.rule}`);
        findings.push({ rule: rule.id, severity: input.severity ?? rule.severity, step, ...(input.host ? { host: input.host } : {}), message: input.message ?? rule.message, remedy: input.remedy ?? rule.remedy, source: rule.source, evidence: [...(input.evidence ?? [])] });
      },
      checked: (id: string) => void checked.add(id),
    };
  };
  const since = (n: number) => findings.slice(n);
  const h: Harness = {
    lab,
    findings,
    checked,
    async step(verb, args) {
      const def = product.verbs.find((v) => v.name === verb);
      if (!def) throw new Error(`no verb ${verb}`);
      const before = findings.length;
      await def.run(ctx(++stepNo), def.args.parse(args));
      return since(before);
    },
    async verify(...names) {
      const before = findings.length;
      const c = ctx(++stepNo);
      for (const name of names) await product.verifications.find((v) => v.name === name)!.run(c);
      return since(before);
    },
    async final() {
      const before = findings.length;
      const state = await product.judgeFinal(ctx(++stepNo));
      return { state, findings: since(before) };
    },
    async run(steps) {
      const before = findings.length;
      for (const s of steps) {
        if (s.verb === "verify") await h.verify(...(typeof s.args === "string" ? [s.args] : (s.args as string[])));
        else await h.step(s.verb, s.args);
      }
      return since(before);
    },
    rules(list = findings) {
      return [...new Set(list.map((f) => f.rule))].sort();
    },
  };
  return h;
}

/** The estate most tests start from: an internal Server, Web and Administration Tools at 7.0, a workstation with the Client by GPSI. */
export function baseSpec(overrides: { hosts?: HostSpec[]; extraHosts?: HostSpec[]; version?: string; clientVersion?: string } = {}): LabSpec {
  const v = overrides.version ?? "7.0";
  const cv = overrides.clientVersion ?? v;
  return {
    domain: {
      name: "corp.example",
      accounts: [
        { name: "alice", password: "Winter2026!x", mobile: "+46 70 111 22 33" },
        { name: "hd-admin", password: "Helpdesk2026!x", groups: ["Domain Admins"] },
        { name: "svc-spr", password: "Service2026!x" },
      ],
    },
    authorities: [{ name: "corp-ca", enterprise: true }],
    hosts: overrides.hosts ?? [
      { name: "SPR01", os: "windows-server-2016", features: ["wif"], installed: { "spr-server": v } },
      {
        name: "WEB01",
        os: "windows-server-2016",
        features: ["iis"],
        certificates: [{ name: "web", issuer: "corp-ca", dnsNames: ["web01.corp.example", "reset.corp.example"] }],
        installed: { "spr-web": { version: v, names: ["reset.corp.example"], certificate: "web", mobile: true } },
      },
      { name: "ADM01", os: "windows-server-2016", features: ["aduc", "gpmc", "dotnet-3.5"], installed: { "spr-admin": v } },
      { name: "FS01", os: "windows-server-2019", shares: [{ name: "Specops", path: "C:\\Shares\\Specops", readers: ["domain-computers"] }] },
      { name: "WS01", os: "windows-10", features: ["dotnet-3.5-sp1"], installed: { "spr-client": { version: cv, gpo: "Specops Client", share: "\\\\FS01\\Specops" } } },
      ...(overrides.extraHosts ?? []),
    ],
    network: { records: [{ name: "reset.corp.example", host: "WEB01" }] },
  };
}

/** The base estate plus a DMZ web (outside the domain) and a client on the Internet, with the perimeter rules it needs. */
export function dmzSpec(options: { dmzVersion?: string; version?: string; dmz?: Partial<HostSpec>; dmzInstalled?: Record<string, unknown> } = {}): LabSpec {
  const base = baseSpec({ ...(options.version ? { version: options.version } : {}) });
  const v = options.dmzVersion ?? options.version ?? "7.0";
  return {
    ...base,
    authorities: [...(base.authorities ?? []), { name: "public-ca", trustedBy: ["all"] }],
    hosts: [
      ...base.hosts,
      {
        name: "DMZ01",
        os: "windows-server-2016",
        zone: "dmz",
        joined: false,
        features: ["iis", "dotnet-3.5-sp1"],
        certificates: [{ name: "ext", issuer: "public-ca", dnsNames: ["reset.contoso.com"] }],
        installed: { "spr-web": { version: v, resetServer: "SPR01", names: ["reset.contoso.com"], certificate: "ext", ...(options.dmzInstalled ?? {}) } },
        ...(options.dmz ?? {}),
      },
      { name: "INET01", os: "windows-11", zone: "external", joined: false },
    ],
    network: {
      ...base.network,
      rules: [
        { name: "https-in", action: "allow", protocol: "tcp", from: "external", to: "dmz", port: 443 },
        { name: "https-out", action: "allow", protocol: "tcp", from: "dmz", to: "external", sourcePort: 443 },
        { name: "dmz-to-reset-server", action: "allow", protocol: "tcp", from: "dmz", to: "internal", port: 4383 },
        { name: "reset-server-reply", action: "allow", protocol: "tcp", from: "internal", to: "dmz", sourcePort: 4383 },
      ],
    },
  };
}
