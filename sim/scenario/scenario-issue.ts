import { LabError } from "../kernel/index.ts";

export type IssuePath = readonly (string | number)[];

/** One thing wrong with a scenario file: where (path, and line when known) and why. */
export interface ScenarioIssue {
  readonly path: IssuePath;
  readonly message: string;
  readonly line?: number;
}

/** `plan[2].upgrade.host`: keys dotted, indexes bracketed (0-based, as in JSON paths). */
export function formatPath(path: IssuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(scenario)" : out;
}

export function formatIssue(issue: ScenarioIssue): string {
  // An issue of the whole file (YAML syntax) is placed by its line alone.
  if (issue.path.length === 0 && issue.line !== undefined) return `line ${issue.line}: ${issue.message}`;
  const line = issue.line === undefined ? "" : ` (line ${issue.line})`;
  return `${formatPath(issue.path)}: ${issue.message}${line}`;
}

/** Bad input: one error carrying every issue found, coded so the CLI exits 2. */
export class ScenarioInvalidError extends LabError {
  readonly issues: readonly ScenarioIssue[];
  readonly file: string | undefined;

  constructor(issues: readonly ScenarioIssue[], file?: string) {
    const where = file ?? "scenario";
    super({
      code: "SCENARIO_INVALID",
      message: `${where}: invalid scenario\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
      details: { file: where, issues: issues.map((i) => ({ path: formatPath(i.path), message: i.message, line: i.line })) },
    });
    this.issues = issues;
    this.file = file;
  }
}

export function isScenarioInvalid(error: unknown): error is ScenarioInvalidError {
  return error instanceof ScenarioInvalidError;
}
