import type { FaultDefinition } from "../kernel/index.ts";
import type { HostSpec, LabSpec } from "../lab-spec.ts";
import type { ProductModule } from "../product/index.ts";
import { didYouMean } from "./closest.ts";
import { hostKey } from "./host-name.ts";
import type { ProductRegistry } from "./product-registry.ts";
import type { Expectation, FaultRef, PlanStep } from "./scenario.ts";
import { formatPath, type IssuePath, type ScenarioIssue } from "./scenario-issue.ts";
import { withDomainControllers } from "../estate/index.ts";

/** One coherent set of parts (the scenario's, or its remedied variant's) and where each lives in the file. */
export interface ScenarioParts {
  readonly lab: LabSpec;
  readonly labPath: IssuePath;
  readonly faults: readonly FaultRef[];
  readonly faultsPath: IssuePath;
  readonly plan: readonly PlanStep[];
  readonly planPath: IssuePath;
  readonly expect: Expectation;
  readonly expectPath: IssuePath;
}

/** What a scenario names must exist: hosts, components and versions, faults and their parameters, rules. */
export function checkCrossRefs(parts: ScenarioParts, product: ProductModule, registry: ProductRegistry): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const hostsAt = formatPath([...parts.labPath, "hosts"]);
  // The DCs the lab adds for `domain.dcs` are hosts a step may name too.
  const hostNames = withDomainControllers(parts.lab).map((h) => h.name);
  const hostKeys = new Set(hostNames.map(hostKey));
  const checkHost = (name: string, path: IssuePath) => {
    if (!hostKeys.has(hostKey(name))) issues.push({ path, message: `no host ${name} in ${hostsAt}${didYouMean(name, hostNames)}` });
  };
  const checkComponent = (id: string, version: string | undefined, idPath: IssuePath, versionPath: IssuePath) => {
    const owner = registry.component(id);
    if (!owner) {
      const known = registry.products.flatMap((p) => p.components.map((c) => c.id));
      issues.push({ path: idPath, message: `no component "${id}"${didYouMean(id, known)}; known: ${known.join(", ") || "none"}` });
      return;
    }
    if (version !== undefined && !owner.component.versions.includes(version)) {
      issues.push({ path: versionPath, message: `${id} has no version "${version}"; the lab models ${owner.component.versions.join(", ")}` });
    }
  };

  checkHosts(parts.lab.hosts, parts.labPath, issues, checkComponent);
  parts.lab.network?.records?.forEach((r, i) => checkHost(r.host, [...parts.labPath, "network", "records", i, "host"]));

  parts.faults.forEach((fault, i) => issues.push(...checkFault(fault, [...parts.faultsPath, i], registry.faultCatalog)));

  const verbs = registry.verbsFor(product);
  parts.plan.forEach((step, i) => {
    const refs = verbs.get(step.verb)?.refs?.(step.args);
    if (!refs) return;
    const at: IssuePath = [...parts.planPath, i, step.verb];
    for (const host of refs.hosts ?? []) checkHost(host, [...at, ...pathOf(step.args, host)]);
    for (const c of refs.components ?? []) {
      checkComponent(c.id, c.version, [...at, ...pathOf(step.args, c.id)], [...at, ...(c.version === undefined ? [] : pathOf(step.args, c.version))]);
    }
  });

  const ruleIds = product.rules.map((r) => r.id);
  const checkRule = (id: string, path: IssuePath) => {
    if (!ruleIds.includes(id)) issues.push({ path, message: `${product.id} has no rule "${id}"${didYouMean(id, ruleIds)}` });
  };
  const lastStep = parts.plan.length + 1;
  parts.expect.findings.forEach((f, i) => {
    const at = [...parts.expectPath, "findings", i];
    checkRule(f.rule, [...at, "rule"]);
    if (f.step !== undefined && f.step > lastStep) {
      issues.push({ path: [...at, "step"], message: `step ${f.step} is past the plan: steps are 1..${parts.plan.length}, ${lastStep} is the final check, 0 the lab build` });
    }
    if (f.host !== undefined) checkHost(f.host, [...at, "host"]);
  });
  parts.expect.absent.forEach((id, i) => checkRule(id, [...parts.expectPath, "absent", i]));
  return issues;
}

function checkHosts(
  hosts: readonly HostSpec[],
  labPath: IssuePath,
  issues: ScenarioIssue[],
  checkComponent: (id: string, version: string | undefined, idPath: IssuePath, versionPath: IssuePath) => void,
): void {
  const seen = new Map<string, number>();
  hosts.forEach((host, i) => {
    const at = [...labPath, "hosts", i];
    const key = hostKey(host.name);
    if (seen.has(key)) issues.push({ path: [...at, "name"], message: `host ${host.name} is already defined at ${formatPath([...labPath, "hosts", seen.get(key)!])}` });
    seen.set(key, i);
    for (const [component, entry] of Object.entries(host.installed ?? {})) {
      const version = typeof entry === "string" ? entry : entry.version;
      const path = [...at, "installed", component];
      checkComponent(component, version, path, typeof entry === "string" ? path : [...path, "version"]);
    }
  });
}

function checkFault(fault: FaultRef, at: IssuePath, catalog: ReadonlyMap<string, FaultDefinition>): ScenarioIssue[] {
  const def = catalog.get(fault.name);
  if (!def) {
    const known = [...catalog.keys()].sort();
    return [{ path: at, message: `unknown fault "${fault.name}"${didYouMean(fault.name, known)}; known: ${known.join(", ") || "none (the catalog is empty)"}` }];
  }
  const issues: ScenarioIssue[] = [];
  for (const [key, value] of Object.entries(fault.params)) {
    const param = def.params[key];
    if (!param) {
      const known = Object.keys(def.params);
      issues.push({ path: [...at, "params", key], message: `fault "${fault.name}" has no parameter "${key}"${didYouMean(key, known)}; it has: ${known.join(", ") || "none"}` });
    } else if (typeof value !== typeof param.default) {
      issues.push({ path: [...at, "params", key], message: `expected a ${typeof param.default} (default ${JSON.stringify(param.default)}), got ${JSON.stringify(value)}` });
    }
  }
  return issues;
}

/** Where in a step's args a referenced value sits (first match), so the issue points at the key. */
function pathOf(args: unknown, value: string): (string | number)[] {
  if (args === value) return [];
  if (args && typeof args === "object") {
    for (const [key, child] of Object.entries(args)) {
      const sub = pathOf(child, value);
      if (child === value || sub.length > 0) return [Array.isArray(args) ? Number(key) : key, ...sub];
    }
  }
  return [];
}
