import { Lab } from "../../lab.ts";
import type { HostSpec, LabSpec } from "../../lab-spec.ts";
import type { FinalState, FindingInput, StepContext } from "../../product/index.ts";
import { specopsSync } from "./product.ts";
import { spsState } from "./sps-state.ts";

/** What a product step raised and checked, for tests (the scenario layer's collector, in miniature). */
export interface StepProbe {
  readonly ctx: StepContext;
  /** Findings above "info" (info ones are reminders: release notes, DFS, support). */
  readonly findings: FindingInput[];
  readonly infos: FindingInput[];
  readonly checked: Set<string>;
  rules(): string[];
}

export function probe(lab: Lab, step = 1): StepProbe {
  const findings: FindingInput[] = [];
  const infos: FindingInput[] = [];
  const checked = new Set<string>();
  const ctx: StepContext = {
    lab,
    step,
    product: specopsSync,
    traceMark: lab.trace.length,
    raise: (f) => {
      const rule = specopsSync.rules.find((r) => r.id === f.rule);
      if (!rule) throw new Error(`unknown rule ${f.rule}`);
      ((f.severity ?? rule.severity) === "info" ? infos : findings).push(f);
    },
    checked: (id) => void checked.add(id),
  };
  return { ctx, findings, infos, checked, rules: () => [...new Set(findings.map((f) => f.rule))].sort() };
}

export const STAFF_OU = "OU=Staff,DC=corp,DC=example";

export interface EstateOptions {
  readonly dcs?: number;
  /** Notifier version on every DC (none when undefined). */
  readonly pcn?: string;
  readonly server?: string;
  readonly admin?: string;
  readonly trusted?: boolean;
  readonly license?: boolean;
  readonly extraHosts?: HostSpec[];
  readonly serverHost?: Partial<HostSpec>;
  readonly certificate?: HostSpec["certificates"];
}

/** A small synced estate: DCs, SYNC01 (self-signed, trusted by the DCs unless told), ADM01, a user in OU=Staff. */
export function estateSpec(o: EstateOptions = {}): LabSpec {
  const dcs = o.dcs ?? 2;
  const dcNames = Array.from({ length: dcs }, (_, i) => `DC${String(i + 1).padStart(2, "0")}`);
  const installedPcn = o.pcn ? { installed: { "sps-pcn": o.pcn } } : {};
  return {
    domain: {
      name: "corp.example",
      passwordPolicy: { minAgeDays: 0 },
      ous: [STAFF_OU],
      accounts: [
        { name: "jdoe", password: "Start-2026!x", ou: STAFF_OU },
        { name: "opsadmin", password: "Admin-2026!x", groups: ["Domain Admins"] },
        { name: "helpdesk", password: "Help-2026!x" },
      ],
    },
    hosts: [
      ...dcNames.map((name) => ({ name, os: "windows-server-2019" as const, role: "dc" as const, ...installedPcn })),
      {
        name: "SYNC01",
        os: "windows-server-2019",
        features: ["dotnet-4.8"],
        certificates: o.certificate ?? [{ name: "sync", trustedBy: o.trusted === false ? [] : dcNames }],
        ...(o.server ? { installed: { "sps-server": { version: o.server, certificate: "sync", ...(o.license === false ? {} : { license: true }) } } } : {}),
        ...o.serverHost,
      },
      {
        name: "ADM01",
        os: "windows-10",
        features: ["gpmc", "dotnet-4.8"],
        ...(o.admin ? { installed: { "sps-admin": { version: o.admin, policy: { ou: STAFF_OU, targets: ["cloud", "hr"] } } } } : {}),
      },
      ...(o.extraHosts ?? []),
    ],
  };
}

/** Builds the lab and seeds what the spec says is installed, as the scenario runner does. */
export async function buildEstate(spec: LabSpec, seed = 1): Promise<Lab> {
  const lab = await Lab.build(spec, { seed });
  await specopsSync.applyFaults?.(lab);
  for (const host of spec.hosts) {
    for (const [component, entry] of Object.entries(host.installed ?? {})) {
      const { version, ...options } = typeof entry === "string" ? { version: entry } : entry;
      await specopsSync.seedInstalled(lab, host.name, component, version, options);
    }
  }
  return lab;
}

/** Runs a verb of the product by name. */
export async function runVerb(lab: Lab, name: string, args: unknown, step = 1): Promise<StepProbe> {
  const verb = specopsSync.verbs.find((v) => v.name === name);
  if (!verb) throw new Error(`no verb ${name}`);
  const p = probe(lab, step);
  await verb.run(p.ctx, verb.args.parse(args));
  return p;
}

export async function verify(lab: Lab, name: string): Promise<StepProbe> {
  const p = probe(lab);
  await specopsSync.verifications.find((v) => v.name === name)!.run(p.ctx);
  return p;
}

export async function final(lab: Lab): Promise<{ state: FinalState; probe: StepProbe }> {
  const p = probe(lab, 99);
  return { state: await specopsSync.judgeFinal(p.ctx), probe: p };
}

export function lastChange(lab: Lab) {
  return spsState(lab).changes.at(-1)!;
}
