import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LabSpec } from "../../sim/lab-spec.ts";
import { defaultRegistry, loadScenarioFile, parseScenarioYaml, remediedScenario, type ProductRegistry, type Scenario } from "../../sim/scenario/index.ts";

/**
 * Scenarios for the pages' tests (not a library export). Certificates carry
 * `validDays: 3650`: the lab mints them at its epoch (2026-01-05) and a real
 * browser checks them against this machine's clock, so a one-year
 * certificate would start failing as expired in 2027.
 */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const registry: ProductRegistry = defaultRegistry();

/**
 * Netwrix Password Reset on one server, its Web Interface over https with a
 * certificate of the enterprise CA; `steps` are more plan steps (YAML lines).
 */
export function aprHttpsScenario(...steps: string[]): Scenario {
  return parseScenarioYaml(aprHttpsYaml(...steps), { registry });
}

/** The same scenario as YAML text (for the CLI's tests). */
export function aprHttpsYaml(...steps: string[]): string {
  return APR_HTTPS.replace("{{steps}}", steps.map((s) => `  - ${s}`).join("\n"));
}

const APR_HTTPS = `
name: apr-pages-https
product: netwrix-password-reset
seed: 7
description: APR server and Web Interface on APR01, the site bound to a certificate of the enterprise CA.
lab:
  domain:
    name: corp.example
    passwordPolicy: { minAgeDays: 0 }
    accounts:
      - { name: alice, password: "Winter2026!x" }
      - { name: bob, password: "Summer2026!x" }
      - { name: carol, password: "Autumn2026!x" }
  authorities:
    - { name: corp-ca, enterprise: true }
  hosts:
    - name: APR01
      os: windows-server-2016
      ip: 10.0.0.20
      certificates: [{ name: web, issuer: corp-ca, dnsNames: [apr01.corp.example, pwreset.corp.example], validDays: 3650 }]
      installed: { apr-server: "3.23", apr-web: "3.23" }
    - { name: PC01, os: windows-10, ip: 10.0.0.50 }
  network:
    records: [{ name: pwreset.corp.example, host: APR01 }]
plan:
  - cert: { host: APR01, bind: { name: web } }
{{steps}}
expect:
  findings: []
  final: healthy
`;

/** A user the catalog scenarios do not have, for a page's own flow (the scenarios' users are changed by their checks). */
export const PAGE_USER = { name: "dave", password: "Spring2026!x" };

/** A catalog scenario, and its remedied variant, with every certificate valid for ten years (see above) and PAGE_USER in the domain. */
export function catalogScenario(product: string, name: string): { plan: Scenario; remedy: Scenario } {
  const loaded = loadScenarioFile(join(ROOT, "scenarios", product, `${name}.yaml`), registry);
  const scenario = mapLabs(loaded, (lab) => longLived(withPageUser(lab)));
  const remedy = remediedScenario(scenario);
  if (!remedy) throw new Error(`${name} has no remedy`);
  return { plan: scenario, remedy };
}

/** The scenario with `change` applied to its lab and to its remedy's lab. */
function mapLabs(scenario: Scenario, change: (lab: LabSpec) => LabSpec): Scenario {
  const remedy = scenario.remedy?.lab ? { remedy: { ...scenario.remedy, lab: change(scenario.remedy.lab) } } : {};
  return { ...scenario, lab: change(scenario.lab), ...remedy };
}

function withPageUser(lab: LabSpec): LabSpec {
  return lab.domain ? { ...lab, domain: { ...lab.domain, accounts: [...(lab.domain.accounts ?? []), PAGE_USER] } } : lab;
}

function longLived(lab: LabSpec): LabSpec {
  return { ...lab, hosts: lab.hosts.map((h) => (h.certificates ? { ...h, certificates: h.certificates.map((c) => ({ validDays: 3650, ...c })) } : h)) };
}

export interface Fetched {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * A page over real HTTPS from node, as a browser asks for it: connected to
 * 127.0.0.1, the lab name in SNI and Host, trusting `ca` only.
 */
export function fetchPage(url: string, options: { ca: readonly string[]; form?: Record<string, string> }): Promise<Fetched> {
  const u = new URL(url);
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: "127.0.0.1",
        port: Number(u.port),
        path: `${u.pathname}${u.search}`,
        method: body === undefined ? "GET" : "POST",
        servername: u.hostname,
        ca: [...options.ca],
        headers: { host: u.host, ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
