import { Lab } from "../../lab.ts";
import type { LabSpec } from "../../lab-spec.ts";
import type { StepContext } from "../../product/index.ts";
import { testWidget } from "../test-product/index.ts";
import type { BuiltinVerb } from "./builtin-verb.ts";

/** A small estate for the verbs' tests: a domain with DC01, a web server, an app server, a file server, a workstation and a DMZ host. */
export const TEST_ESTATE: LabSpec = {
  domain: { name: "corp.example", passwordPolicy: { minAgeDays: 0 }, accounts: [{ name: "svc-app", password: "Service-2026!x" }, { name: "jdoe", password: "Start-2026!x" }] },
  authorities: [{ name: "corp-ca", enterprise: true }],
  hosts: [
    { name: "DC01", os: "windows-server-2019", role: "dc" },
    { name: "WEB01", os: "windows-server-2019", features: ["iis"], certificates: [{ name: "web", issuer: "corp-ca" }] },
    { name: "APP01", os: "windows-server-2016", certificates: [{ name: "sync" }] },
    { name: "FS01", os: "windows-server-2019", shares: [{ name: "deploy", path: "C:\\Deploy", readers: ["domain-computers"] }] },
    { name: "WS01", os: "windows-10" },
    { name: "DMZ01", os: "windows-server-2019", zone: "dmz" },
  ],
};

export function buildTestLab(spec: LabSpec = TEST_ESTATE): Promise<Lab> {
  return Lab.build(spec, { seed: 1 });
}

/** Parses the arguments as a scenario would and runs the verb; throws what the verb throws. */
export async function runVerb<A>(verb: BuiltinVerb<A>, lab: Lab, args: unknown): Promise<void> {
  const parsed = verb.args([testWidget]).parse(args);
  const ctx: StepContext = { lab, step: 1, product: testWidget, traceMark: lab.trace.length, raise: () => undefined, checked: () => undefined };
  await verb.run(ctx, parsed);
}

/** The schema's messages for arguments it refuses ([] when it accepts them). */
export function refusal(verb: BuiltinVerb<unknown>, args: unknown): string[] {
  const result = verb.args([testWidget]).safeParse(args);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

/** Events of a kind recorded after `mark` (a trace length). */
export function eventsOf(lab: Lab, kind: string, mark = 0) {
  return lab.trace.since(mark).filter((e) => e.kind === kind);
}

/** Installs a service whose executable exists, as a product's setup would. */
export function installService(lab: Lab, hostName: string, name: string, options: { startType?: "auto" | "auto-delayed" | "manual" | "disabled"; account?: string; password?: string } = {}): void {
  const host = lab.host(hostName);
  const exe = `C:\\Program Files\\${name}\\${name}.exe`;
  host.fs.writeFile(exe, "MZ");
  host.services.create({ name, binaryPath: `"${exe}"`, startType: options.startType ?? "auto", account: options.account ?? "LocalSystem", ...(options.password !== undefined ? { password: options.password } : {}) });
}
