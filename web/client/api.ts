import type { JsonReport, JsonReportResult } from "../../sim/scenario/index.ts";
import type { ApiErrorBody, CatalogView, RunRequest } from "./api-types.ts";

/** A refusal of the dashboard's server, with its code and message. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody> | undefined)?.error;
    throw new ApiError(error?.code ?? `HTTP_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

export const fetchCatalog = (): Promise<CatalogView> => call("/api/catalog");
export const fetchReport = (): Promise<JsonReport> => call("/api/report");
export const runScenario = (request: RunRequest): Promise<JsonReportResult> =>
  call("/api/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
