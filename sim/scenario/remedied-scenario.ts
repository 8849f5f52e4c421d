import type { Scenario } from "./scenario.ts";

/**
 * The scenario with its remedy applied: the remedy's parts replace the
 * scenario's (its faults default to none: "remove the faults and run
 * again"), and it must end healthy with no finding unless it says otherwise.
 */
export function remediedScenario(scenario: Scenario): Scenario | undefined {
  const remedy = scenario.remedy;
  if (!remedy) return undefined;
  const { remedy: _dropped, ...rest } = scenario;
  return {
    ...rest,
    lab: remedy.lab ?? scenario.lab,
    faults: remedy.faults ?? [],
    plan: remedy.plan ?? scenario.plan,
    expect: { findings: remedy.expect?.findings ?? [], absent: remedy.expect?.absent ?? [], final: "healthy" },
  };
}
