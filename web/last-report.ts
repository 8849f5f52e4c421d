import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPORT_FILES, displayPath, reportSchema, type JsonReport } from "../sim/scenario/index.ts";
import { refusal } from "./http-reply.ts";

/** The JSON report `lab run --reporter json` (or `lab start`) last wrote into `dir`, checked against its schema. */
export function readLastReport(dir: string, cwd: string): JsonReport {
  const path = join(dir, REPORT_FILES.json);
  const shown = displayPath(cwd, path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw refusal(404, "NO_REPORT", `no report at ${shown} yet: \`lab run --reporter json\` or \`lab start\` writes one`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refusal(422, "REPORT_INVALID", `${shown} is not JSON: ${(error as Error).message}`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refusal(422, "REPORT_INVALID", `${shown} is not a lab-report v1: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}
