// The dashboard's HTTP contract, shared by the server (web/*.ts) and the page
// (web/client/*.ts). A run's answer is exactly a result of the JSON report.

/** One scenario of the catalog, as the page lists it. */
export interface CatalogScenario {
  readonly name: string;
  readonly product: string;
  readonly description?: string;
  readonly seed: number;
  readonly file?: string;
  readonly faults: readonly string[];
  readonly steps: number;
  /** Set when the scenario has a remedied variant ("apply the remedy and run again"). */
  readonly remedy?: { readonly description?: string };
}

/** A product's rule as a finding's "why" needs it: the fact as the document states it. */
export interface CatalogRule {
  readonly id: string;
  readonly fact: string;
  readonly statement: string;
  /** Set when the rule is the lab's inference: what it decided and why. */
  readonly inference?: string;
}

export interface CatalogProduct {
  readonly id: string;
  readonly title: string;
  /** The seed document the product's rules cite. */
  readonly seedFile: string;
  readonly scenarios: readonly CatalogScenario[];
  readonly rules: readonly CatalogRule[];
}

/** GET /api/catalog */
export interface CatalogView {
  readonly products: readonly CatalogProduct[];
  /** Files of the catalog that did not validate: listed, never run. */
  readonly invalid: readonly string[];
}

/** POST /api/run (Content-Type: application/json); the answer is a JsonReportResult. */
export interface RunRequest {
  readonly scenario: string;
  readonly seed?: number;
  /** Runs the scenario's remedied variant instead of its plan. */
  readonly remedy?: boolean;
}

/** Every non-2xx answer of /api/*. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
