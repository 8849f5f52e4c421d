import { z } from "zod";
import { didYouMean, remediedScenario, runScenario, toJsonResult, type JsonReportResult, type ProductRegistry, type Scenario } from "../sim/scenario/index.ts";
import type { RunRequest } from "./client/api-types.ts";
import { refusal } from "./http-reply.ts";

const runRequestSchema = z.strictObject({
  scenario: z.string().min(1),
  // Seeds stay 32-bit signed, as the lab rng takes them (and as `lab run --seed` accepts).
  seed: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).optional(),
  remedy: z.boolean().optional(),
});

/** The body of POST /api/run, or a 400 naming the field at fault. */
export function parseRunRequest(body: unknown): RunRequest {
  const parsed = runRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.length ? issue.path.join(".") : "body";
  throw refusal(400, "BAD_REQUEST", `${path}: ${issue.message} (expected { scenario: string, seed?: integer, remedy?: boolean })`);
}

/** Runs what the page asked for, exactly as `lab run` would, and answers with the report's result for it. */
export async function runRequested(request: RunRequest, scenarios: readonly Scenario[], registry: ProductRegistry): Promise<JsonReportResult> {
  const scenario = scenarios.find((s) => s.name === request.scenario);
  if (!scenario) {
    const names = scenarios.map((s) => s.name);
    throw refusal(404, "SCENARIO_NOT_FOUND", `no scenario named ${request.scenario} in the catalog${didYouMean(request.scenario, names)}`);
  }
  const seed = request.seed ?? scenario.seed;
  if (!request.remedy) return toJsonResult(await runScenario(scenario, { registry, seed }));
  const remedied = remediedScenario(scenario);
  if (!remedied) throw refusal(400, "NO_REMEDY", `${scenario.name} has no remedy to apply (its file has no remedy: section)`);
  return toJsonResult(await runScenario(remedied, { registry, seed, variant: "remedy" }));
}
