import { readFileSync } from "node:fs";
import { LabError } from "../kernel/index.ts";
import type { ProductModule } from "../product/index.ts";
import { didYouMean } from "./closest.ts";
import { checkCrossRefs } from "./cross-refs.ts";
import { parseSteps } from "./parse-steps.ts";
import type { ProductRegistry } from "./product-registry.ts";
import type { Expectation, PlanStep, Scenario } from "./scenario.ts";
import { ScenarioInvalidError, type IssuePath, type ScenarioIssue } from "./scenario-issue.ts";
import { scenarioShapeSchema, type ScenarioShape } from "./scenario-schema.ts";
import { readYaml } from "./yaml-source.ts";
import { fromZodIssues } from "./zod-issues.ts";

export interface ValidateOptions {
  readonly registry: ProductRegistry;
  /** Recorded on the scenario (replay commands) and named in errors. */
  readonly file?: string;
  /** Gives issues a line number (YAML input). */
  readonly lineOf?: (path: IssuePath) => number | undefined;
}

/**
 * Turns raw data (parsed YAML or a TS object) into a Scenario, or throws one
 * ScenarioInvalidError naming every problem by path: shape first, then the
 * steps against the product's verbs, then every cross-reference.
 */
export function validateScenario(raw: unknown, options: ValidateOptions): Scenario {
  const { registry, file } = options;
  const fail = (issues: ScenarioIssue[]): never => {
    throw new ScenarioInvalidError(
      issues.map((i) => (i.line !== undefined || !options.lineOf ? i : withLine(i, options.lineOf(i.path)))),
      file,
    );
  };

  const shape = scenarioShapeSchema.safeParse(raw, { reportInput: true });
  if (!shape.success) fail(fromZodIssues(shape.error.issues, scenarioShapeSchema));
  const s = shape.data as ScenarioShape;

  const product = registry.product(s.product);
  if (!product) {
    const known = registry.products.map((p) => p.id);
    fail([{ path: ["product"], message: known.length === 0 ? `unknown product "${s.product}": no products are registered` : `unknown product "${s.product}"${didYouMean(s.product, known)}; known: ${known.join(", ")}` }]);
  }
  const p = product as ProductModule;

  const verbs = registry.verbsFor(p);
  const main = parseSteps(s.plan, ["plan"], verbs);
  const remedyPlan = s.remedy?.plan ? parseSteps(s.remedy.plan, ["remedy", "plan"], verbs) : undefined;
  const stepIssues = [...main.issues, ...(remedyPlan?.issues ?? [])];
  if (stepIssues.length > 0) fail(stepIssues);

  const expect: Expectation = s.expect;
  const issues = checkCrossRefs(
    { lab: s.lab, labPath: ["lab"], faults: s.faults, faultsPath: ["faults"], plan: main.steps, planPath: ["plan"], expect, expectPath: ["expect"] },
    p,
    registry,
  );
  let remedy: Scenario["remedy"];
  if (s.remedy) {
    const r = s.remedy;
    const plan: readonly PlanStep[] | undefined = remedyPlan?.steps;
    issues.push(
      ...checkCrossRefs(
        {
          lab: r.lab ?? s.lab,
          labPath: r.lab ? ["remedy", "lab"] : ["lab"],
          faults: r.faults ?? [],
          faultsPath: ["remedy", "faults"],
          plan: plan ?? main.steps,
          planPath: plan ? ["remedy", "plan"] : ["plan"],
          expect: r.expect ?? { findings: [], absent: [] },
          expectPath: ["remedy", "expect"],
        },
        p,
        registry,
      ),
    );
    remedy = {
      ...(r.description !== undefined ? { description: r.description } : {}),
      ...(r.lab ? { lab: r.lab } : {}),
      ...(r.faults ? { faults: r.faults } : {}),
      ...(plan ? { plan } : {}),
      ...(r.expect ? { expect: r.expect } : {}),
    };
  }
  if (issues.length > 0) fail(dedupe(issues));

  return {
    name: s.name,
    product: s.product,
    seed: s.seed,
    ...(s.description !== undefined ? { description: s.description } : {}),
    lab: s.lab,
    faults: s.faults,
    plan: main.steps,
    expect,
    ...(remedy ? { remedy } : {}),
    ...(file !== undefined ? { file } : {}),
  };
}

/** Parses YAML text into a Scenario; syntax errors carry their line. */
export function parseScenarioYaml(text: string, options: Omit<ValidateOptions, "lineOf">): Scenario {
  const source = readYaml(text);
  if (source.syntaxIssues.length > 0) throw new ScenarioInvalidError(source.syntaxIssues, options.file);
  return validateScenario(source.value, { ...options, lineOf: source.lineOf });
}

/** Reads and validates one scenario file; `displayPath` is how reports and replay commands name it. */
export function loadScenarioFile(path: string, registry: ProductRegistry, displayPath: string = path): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new LabError({ code: "SCENARIO_NOT_FOUND", message: `${displayPath}: cannot read the scenario (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
  }
  return parseScenarioYaml(text, { registry, file: displayPath });
}

function withLine(issue: ScenarioIssue, line: number | undefined): ScenarioIssue {
  return line === undefined ? issue : { ...issue, line };
}

/** A remedy sharing the scenario's lab and plan repeats their issues: keep each once. */
function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path.join("/")}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
