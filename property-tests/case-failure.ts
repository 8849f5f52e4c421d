import { scenarioYaml, type RawScenario } from "./raw-scenario.ts";

/**
 * A property's verdict on one case, carrying the scenario it ran: when the
 * case is the shrunk counter-example, the report prints that scenario as
 * YAML, ready to drop into `scenarios/`.
 */
export class CaseFailure extends Error {
  constructor(
    message: string,
    readonly raw: RawScenario,
    readonly label: string,
  ) {
    super(message);
    this.name = "CaseFailure";
  }

  /** The scenario as YAML, with the property's expectation in it. */
  yaml(): string {
    return scenarioYaml(this.raw);
  }
}
